/**
 * `componentCount` of a CycloneDX document is the number of distinct components
 * it lists, the same number `Sbom.components.totalCount` reports. Dependency-Track's
 * `bom-issue2519.xml` repeats components (duplicate bom-refs, the same package nested
 * under several parents) and gave 2185 against 1757; this BOM reproduces the shape.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parserFor } from '../../../ingestors/registry.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { documentInput } from '../../support/parse.js';

const component = (ref: string, name: string, version: string, nested = ''): string =>
  `<component type="library" bom-ref="${ref}"><name>${name}</name><version>${version}</version><purl>pkg:maven/org.example/${name}@${version}</purl>${nested ? `<components>${nested}</components>` : ''}</component>`;

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <metadata><component type="application" bom-ref="app"><name>app</name><version>1.0</version></component></metadata>
  <components>
    ${component('lib-a', 'lib-a', '1.0', component('lib-c', 'lib-c', '3.0') + component('lib-d', 'lib-d', '4.0'))}
    ${component('lib-b', 'lib-b', '2.0', component('lib-c', 'lib-c', '3.0') + component('lib-d-again', 'lib-d', '4.0'))}
    ${component('lib-a', 'lib-a', '1.0')}
    ${component('lib-e', 'lib-e', '5.0')}
  </components>
</bom>`;

/** What `Sbom.components.totalCount` counts: distinct nodes the document LISTS. */
function distinctListed(b: OntologyBatch): number {
  return new Set(b.edges.filter((e) => e.type === 'LISTS').map((e) => `${e.to.label}\u0000${e.to.key}`)).size;
}

describe('CycloneDX componentCount', () => {
  test('counts distinct listed components, not component entries (duplicates and nested copies once)', async () => {
    const input = documentInput(xml);
    const parser = parserFor(input);
    assert.equal(parser.format, 'cyclonedx-xml');
    const b = await parser.parse(input);
    // app, lib-a, lib-b, lib-c, lib-d, lib-e: 9 component entries in the file, 6 components
    assert.equal(distinctListed(b), 6);
    assert.equal(b.document.componentCount, 6);
  });
});
