import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCycloneDxJson } from '../../../ingestors/cyclonedx/json.js';
import { MAX_XML_DEPTH, cycloneDxXmlParser, cycloneDxXmlVersion, parseCycloneDxXml } from '../../../ingestors/cyclonedx/xml.js';
import { IngestError } from '../../../ingestors/parser.js';
import { parserFor } from '../../../ingestors/registry.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { documentInput } from '../../support/parse.js';

/** One BOM, written out both as CycloneDX JSON and as CycloneDX XML. */
interface C {
  type: string;
  ref: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  scope?: string;
  hashes?: Array<[string, string]>;
  licenses?: Array<{ id?: string; name?: string; expression?: string; acknowledgement?: string }>;
  vcs?: string;
  components?: C[];
  ancestors?: C[];
  descendants?: C[];
  variants?: C[];
  datasets?: Array<{ ref: string } | { name: string; bomRef?: string }>;
}

interface Bom {
  specVersion: string;
  serial: string;
  version: number;
  subject: C;
  components: C[];
  dependencies: Array<{ ref: string; dependsOn?: string[]; provides?: string[] }>;
}

function toJson(bom: Bom): string {
  const comp = (c: C): Record<string, unknown> => ({
    type: c.type,
    'bom-ref': c.ref,
    ...(c.group ? { group: c.group } : {}),
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(c.scope ? { scope: c.scope } : {}),
    ...(c.hashes ? { hashes: c.hashes.map(([alg, content]) => ({ alg, content })) } : {}),
    ...(c.licenses ? {
      licenses: c.licenses.map((l) => (l.expression
        ? { expression: l.expression, ...(l.acknowledgement ? { acknowledgement: l.acknowledgement } : {}) }
        : { license: { ...(l.id ? { id: l.id } : { name: l.name }), ...(l.acknowledgement ? { acknowledgement: l.acknowledgement } : {}) } })),
    } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(c.ancestors || c.descendants || c.variants ? {
      pedigree: {
        ...(c.ancestors ? { ancestors: c.ancestors.map(comp) } : {}),
        ...(c.descendants ? { descendants: c.descendants.map(comp) } : {}),
        ...(c.variants ? { variants: c.variants.map(comp) } : {}),
      },
    } : {}),
    ...(c.vcs ? { externalReferences: [{ type: 'vcs', url: c.vcs }, { type: 'website', url: 'https://example.com' }] } : {}),
    ...(c.components ? { components: c.components.map(comp) } : {}),
    ...(c.datasets ? {
      modelCard: { modelParameters: { datasets: c.datasets.map((d) => ('ref' in d ? { ref: d.ref } : { type: 'dataset', name: d.name, ...(d.bomRef ? { 'bom-ref': d.bomRef } : {}) })) } },
    } : {}),
  });
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: bom.specVersion,
    serialNumber: bom.serial,
    version: bom.version,
    metadata: { timestamp: '2026-01-01T00:00:00Z', component: comp(bom.subject) },
    components: bom.components.map(comp),
    dependencies: bom.dependencies.map((d) => ({ ref: d.ref, ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}), ...(d.provides ? { provides: d.provides } : {}) })),
  }, null, 2);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function toXml(bom: Bom, prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const el = (name: string, body: string, attrs = ''): string => `<${p}${name}${attrs}>${body}</${p}${name}>`;
  const comp = (c: C): string => el('component', [
    c.group ? el('group', esc(c.group)) : '',
    el('name', `<![CDATA[${c.name}]]>`),
    c.version ? el('version', esc(c.version)) : '',
    c.scope ? el('scope', c.scope) : '',
    c.hashes ? el('hashes', c.hashes.map(([alg, content]) => el('hash', content, ` alg="${alg}"`)).join('\n')) : '',
    c.licenses ? el('licenses', c.licenses.map((l) => {
      const ack = l.acknowledgement ? ` acknowledgement="${l.acknowledgement}"` : '';
      return l.expression ? el('expression', esc(l.expression), ack) : el('license', l.id ? el('id', l.id) : el('name', esc(l.name!)), ack);
    }).join('')) : '',
    c.purl ? el('purl', esc(c.purl)) : '',
    c.ancestors || c.descendants || c.variants ? el('pedigree', [
      c.ancestors ? el('ancestors', c.ancestors.map(comp).join('')) : '',
      c.descendants ? el('descendants', c.descendants.map(comp).join('')) : '',
      c.variants ? el('variants', c.variants.map(comp).join('')) : '',
    ].join('')) : '',
    c.vcs ? el('externalReferences', el('reference', el('url', esc(c.vcs)), ' type="vcs"') + el('reference', el('url', 'https://example.com'), ' type="website"')) : '',
    c.components ? el('components', c.components.map(comp).join('\n')) : '',
    c.datasets ? el('modelCard', el('modelParameters', el('datasets', c.datasets.map((d) => ('ref' in d
      ? el('ref', esc(d.ref))
      : el('dataset', el('type', 'dataset') + el('name', esc(d.name)), d.bomRef ? ` bom-ref="${esc(d.bomRef)}"` : ''))).join('')))) : '',
  ].join('\n'), ` type="${c.type}" bom-ref="${esc(c.ref)}"`);
  const ns = `http://cyclonedx.org/schema/bom/${bom.specVersion}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!-- written by the test -->\n<${p}bom xmlns${prefix ? `:${prefix}` : ''}="${ns}" serialNumber="${bom.serial}" version="${bom.version}">\n` +
    el('metadata', el('timestamp', '2026-01-01T00:00:00Z') + comp(bom.subject)) + '\n' +
    el('components', bom.components.map(comp).join('\n')) + '\n' +
    el('dependencies', bom.dependencies.map((d) => el('dependency',
      (d.dependsOn ?? []).map((r) => `<${p}dependency ref="${esc(r)}"/>`).join('') + (d.provides ?? []).map((r) => `<${p}provides ref="${esc(r)}"/>`).join(''),
      ` ref="${esc(d.ref)}"`)).join('\n')) +
    `\n</${p}bom>\n`;
}

const SERIAL_UUID = '3e671687-395b-41f5-a30f-a58921a69b79';

const BOM: Bom = {
  specVersion: '1.6',
  serial: `urn:uuid:${SERIAL_UUID}`,
  version: 3,
  subject: { type: 'application', ref: 'app', name: 'shop', version: '2.0.0', purl: 'pkg:npm/shop@2.0.0' },
  components: [
    {
      type: 'library', ref: 'express', name: 'express', version: '4.18.2', purl: 'pkg:npm/express@4.18.2', scope: 'required',
      hashes: [['SHA-256', 'AB'.repeat(32)], ['SHA-1', 'cd'.repeat(20)]],
      licenses: [{ id: 'MIT' }], vcs: 'git+https://github.com/expressjs/express.git',
      components: [{ type: 'library', ref: 'router', name: 'router', version: '1.3.8', purl: 'pkg:npm/router@1.3.8' }],
    },
    {
      type: 'library', ref: 'openssl', group: 'acme', name: 'openssl', version: '3.0.1-acme.1', purl: 'pkg:generic/acme/openssl@3.0.1-acme.1',
      licenses: [{ expression: 'Apache-2.0 OR MIT', acknowledgement: 'concluded' }, { name: 'Acme Proprietary' }],
      ancestors: [{ type: 'library', ref: 'openssl-upstream', name: 'openssl', version: '3.0.1', purl: 'pkg:generic/openssl@3.0.1' }],
      variants: [{ type: 'library', ref: 'openssl-fips', name: 'openssl-fips', version: '3.0.1', purl: 'pkg:generic/openssl-fips@3.0.1' }],
      descendants: [{ type: 'library', ref: 'openssl-next', group: 'acme', name: 'openssl', version: '3.0.1-acme.2', purl: 'pkg:generic/acme/openssl@3.0.1-acme.2' }],
    },
    {
      type: 'machine-learning-model', ref: 'sentiment', name: 'sentiment-ft', version: 'v3', purl: 'pkg:huggingface/acme/sentiment-ft@abc123',
      datasets: [{ ref: 'reviews' }, { name: 'extra-ds', bomRef: 'extra' }],
      ancestors: [{ type: 'machine-learning-model', ref: 'bert', name: 'bert-base-uncased', purl: 'pkg:huggingface/google-bert/bert-base-uncased@86b5e09' }],
    },
    { type: 'machine-learning-model', ref: 'distilled', name: 'sentiment-tiny', version: '1' },
    { type: 'data', ref: 'reviews', name: 'reviews', version: '2024' },
  ],
  dependencies: [
    { ref: 'app', dependsOn: ['express', 'openssl', 'distilled'] },
    { ref: 'express', dependsOn: [`urn:cdx:${SERIAL_UUID}/3#router`, 'urn:cdx:0b7a1f0e-8d4e-4c7a-9b1a-5f3e2d1c0b9a/1#lib-x'] },
    { ref: 'distilled', dependsOn: ['sentiment'] },
    { ref: 'openssl', provides: ['openssl-fips'] },
    { ref: 'urn:cdx:0b7a1f0e-8d4e-4c7a-9b1a-5f3e2d1c0b9a/1#other', dependsOn: ['express'] },
  ],
};

/** A batch with everything that depends on the document's bytes (its key, hash, syntax) taken out. */
function normalized(b: OntologyBatch): { document: Record<string, unknown>; nodes: string[]; edges: string[]; warnings: string[] } {
  const docKey = b.document.key;
  const { key: _k, sha256: _s, format: _f, byteSize: _b, ...document } = b.document;
  return {
    document,
    nodes: b.nodes.map((n) => JSON.stringify(n)).sort(),
    edges: b.edges.map((e) => JSON.stringify({ ...e, from: e.from.key === docKey ? 'DOC' : e.from, props: { ...e.props, doc: e.props.doc === docKey ? 'DOC' : e.props.doc } })).sort(),
    warnings: b.warnings.map((w) => w.code).sort(),
  };
}

const edges = (b: OntologyBatch, type: string): string[] => b.edges.filter((e) => e.type === type).map((e) => `${e.from.key} -> ${e.to.key}${e.props.relation ? ` (${String(e.props.relation)})` : ''}`).sort();

describe('CycloneDX XML ingestor', () => {
  test('the same BOM in XML and in JSON yields the same batch apart from the format', () => {
    const fromJson = parseCycloneDxJson(documentInput(toJson(BOM)));
    const fromXml = parseCycloneDxXml(documentInput(toXml(BOM)));
    assert.equal(fromJson.document.format, 'cyclonedx-json');
    assert.equal(fromXml.document.format, 'cyclonedx-xml');
    const j = normalized(fromJson);
    const x = normalized(fromXml);
    assert.deepEqual(x.document, j.document);
    assert.deepEqual(x.nodes, j.nodes);
    assert.deepEqual(x.edges, j.edges);
    assert.deepEqual(x.warnings, j.warnings);
    // …and the batch is the one the mapping promises.
    assert.equal(fromXml.document.specVersion, '1.6');
    assert.equal(fromXml.document.serialNumber, `urn:uuid:${SERIAL_UUID}`);
    assert.equal(fromXml.document.bomVersion, 3);
    assert.equal(fromXml.document.createdAt, '2026-01-01T00:00:00Z');
    assert.equal(fromXml.document.componentCount, 11, "the inline model-card dataset is a node but not a component");
    assert.deepEqual(edges(fromXml, 'DEPENDS_ON'), [
      'model:sentiment-tiny@1 -> pkg:huggingface/acme/sentiment-ft@abc123',
      'pkg:npm/express@4.18.2 -> pkg:npm/router@1.3.8',
      'pkg:npm/shop@2.0.0 -> model:sentiment-tiny@1',
      'pkg:npm/shop@2.0.0 -> pkg:generic/acme/openssl@3.0.1-acme.1',
      'pkg:npm/shop@2.0.0 -> pkg:npm/express@4.18.2',
    ]);
    assert.deepEqual(edges(fromXml, 'DERIVED_FROM'), [
      'model:sentiment-tiny@1 -> pkg:huggingface/acme/sentiment-ft@abc123 (base-model)',
      'pkg:generic/acme/openssl@3.0.1-acme.1 -> pkg:generic/openssl-fips@3.0.1 (variant)',
      'pkg:generic/acme/openssl@3.0.1-acme.1 -> pkg:generic/openssl@3.0.1 (ancestor)',
      'pkg:generic/acme/openssl@3.0.1-acme.2 -> pkg:generic/acme/openssl@3.0.1-acme.1 (ancestor)',
      'pkg:huggingface/acme/sentiment-ft@abc123 -> pkg:huggingface/google-bert/bert-base-uncased@86b5e09 (base-model)',
    ]);
    assert.deepEqual(edges(fromXml, 'USES_DATASET'), ['pkg:huggingface/acme/sentiment-ft@abc123 -> dataset:extra-ds', 'pkg:huggingface/acme/sentiment-ft@abc123 -> dataset:reviews@2024']);
    assert.ok(edges(fromXml, 'CONTAINS').includes('pkg:generic/acme/openssl@3.0.1-acme.1 -> pkg:generic/openssl-fips@3.0.1'), 'provides');
    assert.ok(edges(fromXml, 'CONTAINS').includes('pkg:npm/express@4.18.2 -> pkg:npm/router@1.3.8'), 'nesting');
    assert.deepEqual(edges(fromXml, 'HAS_SOURCE'), ['pkg:npm/express@4.18.2 -> https://github.com/expressjs/express']);
    assert.deepEqual(edges(fromXml, 'HAS_DIGEST'), [`pkg:npm/express@4.18.2 -> sha1:${'cd'.repeat(20)}`, `pkg:npm/express@4.18.2 -> sha256:${'ab'.repeat(32)}`]);
    const licenses = fromXml.edges.filter((e) => e.type === 'DECLARES_LICENSE').map((e) => `${e.to.key}:${String(e.props.kind)}`).sort();
    assert.deepEqual(licenses, ['Acme Proprietary:declared', 'Apache-2.0 OR MIT:concluded', 'MIT:declared']);
    assert.deepEqual(fromXml.warnings.map((w) => [w.code, w.at]).sort(), [
      ['UNRESOLVED_BOM_LINK', '/bom/dependencies/dependency[2]/dependency[2]'],
      ['UNRESOLVED_BOM_LINK', '/bom/dependencies/dependency[5]'],
    ]);
  });

  test('namespace prefixes, single elements and the spec version from the namespace', () => {
    const bom: Bom = { ...BOM, specVersion: '1.4', components: [BOM.components[0]!], dependencies: [{ ref: 'app', dependsOn: ['express'] }] };
    const b = parseCycloneDxXml(documentInput(toXml(bom, 'cdx')));
    assert.equal(b.document.specVersion, '1.4');
    assert.equal(b.document.componentCount, 3);
    assert.deepEqual(edges(b, 'DEPENDS_ON'), ['pkg:npm/shop@2.0.0 -> pkg:npm/express@4.18.2']);
    assert.deepEqual(b.warnings, []);
  });

  test('detection: CycloneDX XML is recognised by its root namespace, other XML is not', () => {
    assert.equal(parserFor(documentInput(toXml(BOM))).format, 'cyclonedx-xml');
    assert.equal(cycloneDxXmlVersion('\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"/>'), '1.5');
    assert.equal(cycloneDxXmlVersion('<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.2" xmlns="urn:other">'), '1.2');
    assert.equal(cycloneDxXmlVersion('<bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.2" xmlns="urn:other">'), null);
    assert.equal(cycloneDxXmlVersion('<project xmlns="http://maven.apache.org/POM/4.0.0"/>'), null);
    assert.equal(cycloneDxXmlParser.detect(documentInput('<rss version="2.0"><channel/></rss>')), false);
    assert.throws(() => parserFor(documentInput('<rss version="2.0"><channel/></rss>')), (e: unknown) => e instanceof IngestError && e.code === 'UNSUPPORTED_FORMAT');
  });

  test('billion laughs: a DTD is refused before any entity is expanded', () => {
    const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE bom [\n${laughs}\n]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"><components><component type="library"><name>&lol9;</name></component></components></bom>`;
    assert.equal(parserFor(documentInput(xml)).format, 'cyclonedx-xml', 'still recognised, so the refusal names the real reason');
    const t0 = performance.now();
    assert.throws(() => parseCycloneDxXml(documentInput(xml)), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.equal(e.code, 'INVALID_DOCUMENT');
      assert.match(e.message, /<!DOCTYPE> declaration; DTDs and entity declarations are refused/);
      assert.match(e.at ?? '', /^line 2, column 1/);
      return true;
    });
    assert.ok(performance.now() - t0 < 5_000);
    // An external entity is refused the same way.
    const xxe = '<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]><bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component type="library"><name>&x;</name></component></components></bom>';
    assert.throws(() => parseCycloneDxXml(documentInput(xxe)), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT');
  });

  test('entities and character references decode once', () => {
    const xml = '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library" bom-ref="a&amp;b&#65;"><name>x &amp; y &#x41; &amp;#66;</name><version><![CDATA[1 < 2]]></version></component></components></bom>';
    const b = parseCycloneDxXml(documentInput(xml));
    const listed = b.edges.find((e) => e.type === 'LISTS')!;
    assert.equal(listed.props.ref, 'a&bA');
    assert.equal(b.nodes.find((n) => n.label === 'PackageVersion')!.props.key, 'pkg:generic/x%20%26%20y%20A%20%26%2366%3B@1%20%3C%202');
  });

  test('declarations inside CDATA and comments are just text', () => {
    const xml = '<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><!-- <!DOCTYPE no> --><components><component type="library"><name>x</name><version>1</version><description><![CDATA[<!DOCTYPE html><p>hi</p>]]></description></component></components></bom>';
    const b = parseCycloneDxXml(documentInput(xml));
    assert.equal(b.document.componentCount, 1);
  });

  test('nesting is capped; moderately deep BOMs are fine', () => {
    const nest = (depth: number): string => {
      let s = '<component type="library"><name>leaf</name><version>0</version></component>';
      for (let i = 0; i < depth; i++) s = `<component type="library"><name>n${i}</name><version>1</version><components>${s}</components></component>`;
      return `<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components>${s}</components></bom>`;
    };
    assert.equal(parseCycloneDxXml(documentInput(nest(100))).document.componentCount, 101);
    assert.throws(() => parseCycloneDxXml(documentInput(nest(MAX_XML_DEPTH))), (e: unknown) => e instanceof IngestError && e.code === 'DOCUMENT_TOO_COMPLEX' && /deep/.test(e.message));
  });

  test('broken and truncated XML fail with PARSE_ERROR and a position', () => {
    const xml = toXml(BOM);
    assert.throws(() => parseCycloneDxXml(documentInput(xml.slice(0, Math.floor(xml.length / 2)))), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.equal(e.code, 'PARSE_ERROR', e.message);
      assert.match(e.at ?? '', /^line \d+, column \d+$/);
      return true;
    });
    assert.throws(() => parseCycloneDxXml(documentInput('<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components></bom>')), (e: unknown) => e instanceof IngestError && e.code === 'PARSE_ERROR');
  });

  test('a root that is not a CycloneDX bom is refused when the format is forced', () => {
    assert.throws(() => parseCycloneDxXml(documentInput('<bom xmlns="urn:not-cyclonedx"/>')), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT');
  });
});
