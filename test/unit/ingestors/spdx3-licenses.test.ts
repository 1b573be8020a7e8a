/**
 * SPDX 3 hasDeclaredLicense / hasConcludedLicense relationships become
 * DECLARES_LICENSE edges (kind declared / concluded) whatever licence element
 * they point at, including ExpandedLicensing structures as SPDX 2 → 3 converters
 * write them; one that cannot become an edge says why.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapSpdx3JsonLd } from '../../../ingestors/spdx3/jsonld.js';
import { documentInput } from '../../support/parse.js';

type El = Record<string, unknown>;
const CI: El = { '@id': '_:ci', type: 'CreationInfo', specVersion: '3.0.1', created: '2024-05-01T00:00:00Z', createdBy: ['urn:agent'] };
const el = (type: string, id: string, extra: El = {}): El => ({ type, spdxId: id, creationInfo: '_:ci', ...extra });
let seq = 0;
const rel = (from: string, relationshipType: string, to: string): El => el('Relationship', `urn:rel-${seq++}`, { from, relationshipType, to: [to] });

function doc(elements: El[]): El {
  return {
    '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
    '@graph': [
      CI, el('Person', 'urn:agent', { name: 'Tester' }),
      el('SpdxDocument', 'urn:doc', { rootElement: ['urn:sbom'] }),
      el('software_Sbom', 'urn:sbom', { rootElement: ['urn:pkg'] }),
      el('software_Package', 'urn:pkg', { name: 'app', software_packageVersion: '1.0', software_packageUrl: 'pkg:npm/app@1.0' }),
      el('software_File', 'urn:file', { name: 'src/app.js' }),
      ...elements,
    ],
  };
}

describe('SPDX 3 licence relationships', () => {
  test('ExpandedLicensing sets, or-later and WITH become DECLARES_LICENSE with the expression and kind', () => {
    const { batch } = mapSpdx3JsonLd(documentInput(doc([
      el('expandedlicensing_ListedLicense', 'https://spdx.org/licenses/MIT', { name: 'MIT License' }),
      el('expandedlicensing_OrLaterOperator', 'urn:gpl2-or-later', { expandedlicensing_subjectLicense: 'https://spdx.org/licenses/GPL-2.0-only' }),
      el('expandedlicensing_ListedLicenseException', 'https://spdx.org/licenses/Classpath-exception-2.0', { name: 'Classpath exception 2.0' }),
      el('expandedlicensing_WithAdditionOperator', 'urn:gpl-cp', {
        expandedlicensing_subjectExtendableLicense: 'urn:gpl2-or-later', expandedlicensing_subjectAddition: 'https://spdx.org/licenses/Classpath-exception-2.0',
      }),
      el('expandedlicensing_DisjunctiveLicenseSet', 'urn:either', { expandedlicensing_member: ['https://spdx.org/licenses/MIT', 'urn:gpl-cp'] }),
      el('expandedlicensing_ConjunctiveLicenseSet', 'urn:both', { expandedlicensing_member: ['https://spdx.org/licenses/Apache-2.0', 'urn:either'] }),
      rel('urn:pkg', 'hasDeclaredLicense', 'urn:both'),
      rel('urn:pkg', 'hasConcludedLicense', 'https://spdx.org/licenses/MIT'),
    ])));
    const licences = batch.edges.filter((e) => e.type === 'DECLARES_LICENSE').map((e) => `${String(e.props.kind)} ${e.to.key}`).sort();
    assert.equal(licences.length, 2, JSON.stringify(batch.warnings));
    const names = new Map(batch.nodes.filter((n) => n.label === 'License').map((n) => [n.props.key, (n.props as { name: string }).name]));
    const byKind = Object.fromEntries(batch.edges.filter((e) => e.type === 'DECLARES_LICENSE').map((e) => [String(e.props.kind), names.get(e.to.key)]));
    assert.deepEqual(byKind, {
      declared: '(Apache-2.0 AND (MIT OR GPL-2.0-only+ WITH Classpath-exception-2.0))',
      concluded: 'MIT',
    });
    assert.ok(!batch.warnings.some((w) => w.code === 'UNMAPPED_RELATIONSHIPS'), JSON.stringify(batch.warnings));
  });

  test('a licence relationship that cannot become an edge names its reason', () => {
    const { batch } = mapSpdx3JsonLd(documentInput(doc([
      rel('urn:file', 'hasConcludedLicense', 'https://spdx.org/licenses/MIT'),
      el('expandedlicensing_ConjunctiveLicenseSet', 'urn:broken', { expandedlicensing_member: [] }),
      rel('urn:pkg', 'hasDeclaredLicense', 'urn:broken'),
    ])));
    const w = batch.warnings.find((x) => x.code === 'UNMAPPED_RELATIONSHIPS');
    assert.ok(w, JSON.stringify(batch.warnings));
    assert.doesNotMatch(w.message, /\(\)$/);
    assert.match(w.message, /hasConcludedLicense: the licensed element has no graph node/);
    assert.match(w.message, /hasDeclaredLicense: the licence element \(expandedlicensing_ConjunctiveLicenseSet\) has no licence id, name or expression/);
  });
});
