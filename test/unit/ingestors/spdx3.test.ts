import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapSpdx3JsonLd, spdx3JsonLdParser, type Spdx3Stats } from '../../../ingestors/spdx3/jsonld.js';
import { spdx2JsonParser } from '../../../ingestors/spdx2/json.js';
import { cycloneDxJsonParser } from '../../../ingestors/cyclonedx/json.js';
import { IngestError } from '../../../ingestors/parser.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { documentInput } from '../../support/parse.js';

// ---- SPDX 3.0.1 JSON-LD documents built in the test ----

type El = Record<string, unknown>;
const CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld';
const CI: El = { '@id': '_:ci', type: 'CreationInfo', specVersion: '3.0.1', created: '2024-05-01T00:00:00Z', createdBy: ['urn:spdx:agent'] };

function spdx3(elements: El[], opts: { roots?: string[]; docName?: string; imports?: string[] } = {}): El {
  const graph: El[] = [CI, { type: 'Person', spdxId: 'urn:spdx:agent', creationInfo: '_:ci', name: 'Tester' }];
  graph.push({
    type: 'SpdxDocument', spdxId: 'urn:spdx:doc', creationInfo: '_:ci', ...(opts.docName ? { name: opts.docName } : {}),
    rootElement: ['urn:spdx:sbom'], ...(opts.imports ? { import: opts.imports.map((externalSpdxId) => ({ type: 'ExternalMap', externalSpdxId })) } : {}),
  });
  graph.push({ type: 'software_Sbom', spdxId: 'urn:spdx:sbom', creationInfo: '_:ci', rootElement: opts.roots ?? [] });
  return { '@context': CONTEXT, '@graph': [...graph, ...elements] };
}
const pkg = (id: string, name: string, extra: El = {}): El => ({ type: 'software_Package', spdxId: `urn:${id}`, creationInfo: '_:ci', name, ...extra });
const model = (id: string, name: string, extra: El = {}): El => ({ ...pkg(id, name, extra), type: 'ai_AIPackage' });
const dataset = (id: string, name: string, extra: El = {}): El => ({ ...pkg(id, name, extra), type: 'dataset_DatasetPackage' });
const file = (id: string, name: string, hashes: Array<[string, string]> = []): El => ({
  type: 'software_File', spdxId: `urn:${id}`, creationInfo: '_:ci', name, ...(hashes.length ? { verifiedUsing: hashes.map(([algorithm, hashValue]) => ({ type: 'Hash', algorithm, hashValue })) } : {}),
});
let relSeq = 0;
const rel = (from: string, relationshipType: string, to: string | string[], extra: El = {}): El => ({
  type: 'Relationship', spdxId: `urn:rel-${relSeq++}`, creationInfo: '_:ci', from: from.startsWith('urn:') || from.startsWith('http') ? from : `urn:${from}`,
  relationshipType, to: Array.isArray(to) ? to.map((t) => (t.startsWith('urn:') || t.startsWith('http') ? t : `urn:${t}`)) : (to.startsWith('urn:') || to.startsWith('http') ? to : `urn:${to}`), ...extra,
});

const run = (doc: El): { batch: OntologyBatch; stats: Spdx3Stats } => mapSpdx3JsonLd(documentInput(doc));
const edges = (b: OntologyBatch, type: string): string[] => b.edges.filter((e) => e.type === type).map((e) => `${e.from.key} -> ${e.to.key}`).sort();
const keys = (b: OntologyBatch, label: string): string[] => b.nodes.filter((n) => n.label === label).map((n) => n.props.key).sort();
const codes = (b: OntologyBatch): string[] => b.warnings.map((w) => w.code).sort();
const sha = (c: string, n = 64): string => c.repeat(n);

const PA = pkg('a', 'a', { software_packageVersion: '1.0', software_packageUrl: 'pkg:pypi/a@1.0' });
const PB = pkg('b', 'b', { software_packageVersion: '2.0', software_packageUrl: 'pkg:pypi/b@2.0' });
const A = 'pkg:pypi/a@1.0';
const B = 'pkg:pypi/b@2.0';

describe('SPDX 3 JSON-LD ingestor', () => {
  test('detects SPDX 3 JSON-LD only', () => {
    assert.equal(spdx3JsonLdParser.detect(documentInput(spdx3([PA]))), true);
    assert.equal(spdx3JsonLdParser.detect(documentInput({ '@context': [CONTEXT, { extra: 'x' }], '@graph': [] })), true);
    assert.equal(spdx3JsonLdParser.detect(documentInput({ '@context': 'https://schema.org', '@graph': [] })), false);
    assert.equal(spdx3JsonLdParser.detect(documentInput({ '@context': CONTEXT, type: 'SpdxDocument' })), false, 'needs @graph');
    assert.equal(spdx2JsonParser.detect(documentInput(spdx3([PA]))), false);
    assert.equal(cycloneDxJsonParser.detect(documentInput(spdx3([PA]))), false);
  });

  test('packages, AI packages, datasets, files, hashes, licenses and the described subject', () => {
    const { batch: b, stats } = run(spdx3([
      PA,
      pkg('ext', 'viaexternalid', { software_packageVersion: '3', externalIdentifier: [{ type: 'ExternalIdentifier', externalIdentifierType: 'packageUrl', identifier: 'pkg:npm/viaexternalid@3' }],
        software_downloadLocation: 'git+https://github.com/acme/ext.git@v3', verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: sha('AA') }] }),
      model('m', 'sentiment', { software_packageVersion: 'v3', software_packageUrl: 'pkg:huggingface/acme/sentiment@abc', software_primaryPurpose: 'model' }),
      dataset('d', 'reviews', { software_packageVersion: '2024', software_primaryPurpose: 'data', externalRef: [{ type: 'ExternalRef', externalRefType: 'vcs', locator: ['https://example.org/data/reviews'] }] }),
      file('f', 'weights.bin', [['sha1', sha('11', 20)], ['sha256', sha('22')]]),
      file('nohash', 'README.md'),
      { type: 'simplelicensing_LicenseExpression', spdxId: 'urn:lic-apache', creationInfo: '_:ci', simplelicensing_licenseExpression: 'Apache-2.0' },
      { type: 'simplelicensing_LicenseExpression', spdxId: 'urn:lic-multi', creationInfo: '_:ci', simplelicensing_licenseExpression: 'CC-BY-4.0 AND MIT' },
      rel('m', 'contains', ['f', 'nohash']),
      rel('m', 'hasDeclaredLicense', 'lic-apache'),
      rel('a', 'hasConcludedLicense', 'https://spdx.org/licenses/MIT'),
      rel('d', 'hasDeclaredLicense', ['lic-multi']),
      rel('m', 'hasConcludedLicense', 'https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoAssertionLicense'),
    ], { roots: ['urn:m'], docName: 'my sbom' }));
    assert.equal(b.document.format, 'spdx3-jsonld');
    assert.equal(b.document.specVersion, '3.0.1');
    assert.equal(b.document.name, 'my sbom');
    assert.equal(b.document.serialNumber, 'urn:spdx:doc');
    assert.equal(b.document.createdAt, '2024-05-01T00:00:00Z');
    assert.equal(b.document.componentCount, 4);
    assert.deepEqual(keys(b, 'PackageVersion'), ['pkg:npm/viaexternalid@3', A]);
    assert.deepEqual(keys(b, 'Model'), ['pkg:huggingface/acme/sentiment@abc']);
    assert.deepEqual(keys(b, 'Dataset'), ['dataset:reviews@2024']);
    assert.deepEqual(keys(b, 'Artifact'), [`sha256:${sha('22')}`, `sha256:${sha('aa')}`]);
    assert.deepEqual(edges(b, 'DESCRIBES'), [`${b.document.key} -> pkg:huggingface/acme/sentiment@abc`]);
    assert.deepEqual(edges(b, 'CONTAINS'), [`pkg:huggingface/acme/sentiment@abc -> sha256:${sha('22')}`]);
    assert.deepEqual(b.edges.filter((e) => e.type === 'HAS_FILE').map((e) => e.props.path), ['weights.bin']);
    assert.deepEqual(edges(b, 'HAS_DIGEST'), [`pkg:npm/viaexternalid@3 -> sha256:${sha('aa')}`]);
    assert.deepEqual(b.edges.filter((e) => e.type === 'HAS_SOURCE').map((e) => `${e.from.key} -> ${e.to.key} @${e.props.revision}`).sort(), [
      'dataset:reviews@2024 -> https://example.org/data/reviews @null', 'pkg:npm/viaexternalid@3 -> https://github.com/acme/ext @v3',
    ]);
    assert.deepEqual(b.edges.filter((e) => e.type === 'DECLARES_LICENSE').map((e) => `${e.from.key} ${e.props.kind} ${e.to.key}`).sort(), [
      'dataset:reviews@2024 declared CC-BY-4.0 AND MIT', 'pkg:huggingface/acme/sentiment@abc declared Apache-2.0', `${A} concluded MIT`,
    ]);
    const lists = b.edges.filter((e) => e.type === 'LISTS');
    assert.deepEqual(lists.map((e) => `${e.props.ref} ${e.props.componentType}`).sort(), ['urn:a null', 'urn:d data', 'urn:ext null', 'urn:f file', 'urn:m model']);
    assert.deepEqual([stats.files, stats.filesWithDigest], [2, 1]);
    assert.deepEqual(stats.relationships.none, { hasConcludedLicense: 1 });
    assert.deepEqual(codes(b), ['FILES_WITHOUT_DIGEST', 'UNMAPPED_RELATIONSHIPS']);
    assert.deepEqual(stats.relationships.unmappable, { contains: 1 });
  });

  describe('relationship direction for every mapped type', () => {
    const cases: Array<[string, string, 'ab' | 'ba', Record<string, unknown>, El?]> = [
      ['dependsOn', 'DEPENDS_ON', 'ab', { scope: null }],
      ['hasOptionalDependency', 'DEPENDS_ON', 'ab', { scope: 'optional' }],
      ['hasProvidedDependency', 'DEPENDS_ON', 'ab', { scope: 'provided' }],
      ['contains', 'CONTAINS', 'ab', {}],
      ['ancestorOf', 'DERIVED_FROM', 'ba', { relation: 'descendant-of' }],
      ['descendantOf', 'DERIVED_FROM', 'ab', { relation: 'descendant-of' }],
      ['hasVariant', 'DERIVED_FROM', 'ba', { relation: 'variant-of' }],
      ['generates', 'DERIVED_FROM', 'ba', { relation: 'generated-from' }],
    ];
    for (const [type, edgeType, dir, props] of cases) {
      test(`a ${type} b → ${edgeType} ${dir === 'ab' ? 'a → b' : 'b → a'}`, () => {
        const { batch: b, stats } = run(spdx3([PA, PB, rel('a', type, ['b'])]));
        const drawn = b.edges.filter((e) => e.type === edgeType);
        assert.deepEqual(drawn.map((e) => `${e.from.key} -> ${e.to.key}`), [dir === 'ab' ? `${A} -> ${B}` : `${B} -> ${A}`]);
        for (const [k, v] of Object.entries(props)) assert.equal(drawn[0]!.props[k], v, k);
        assert.deepEqual(stats.relationships.mapped, { [type]: 1 });
        assert.deepEqual(b.warnings, []);
      });
    }
    test('LifecycleScopedRelationship dependsOn carries its scope (development → dev)', () => {
      const { batch: b } = run(spdx3([PA, PB, pkg('c', 'c', { software_packageVersion: '1' }),
        { ...rel('a', 'dependsOn', 'b', { scope: 'development' }), type: 'LifecycleScopedRelationship' },
        { ...rel('a', 'dependsOn', 'c', { scope: 'build' }), type: 'LifecycleScopedRelationship' }]));
      assert.deepEqual(b.edges.filter((e) => e.type === 'DEPENDS_ON').map((e) => `${e.to.key} ${e.props.scope}`).sort(), ['pkg:generic/c@1 build', `${B} dev`]);
    });
    test('describes from the document or an Sbom → DESCRIBES; between elements it is not representable', () => {
      const { batch: b, stats } = run(spdx3([PA, PB, rel('urn:spdx:sbom', 'describes', 'a'), rel('urn:spdx:doc', 'describes', 'b'), rel('a', 'describes', 'b')]));
      assert.deepEqual(edges(b, 'DESCRIBES'), [`${b.document.key} -> ${A}`, `${b.document.key} -> ${B}`]);
      assert.deepEqual(stats.relationships.unmappable, { describes: 1 });
    });
    test('trainedOn / testedOn → USES_DATASET Model → Dataset with the purpose', () => {
      const { batch: b, stats } = run(spdx3([model('m', 'm'), dataset('train', 'train'), dataset('test', 'test'), rel('m', 'trainedOn', ['train']), rel('m', 'testedOn', 'test')]));
      assert.deepEqual(b.edges.filter((e) => e.type === 'USES_DATASET').map((e) => `${e.from.key} -> ${e.to.key} ${e.props.purpose}`).sort(), [
        'model:m -> dataset:test testing', 'model:m -> dataset:train training',
      ]);
      assert.equal(stats.lifted, 0);
      assert.deepEqual(b.warnings, []);
    });
  });

  test('trainedOn between files is attributed to the AI package and dataset package that contain them', () => {
    const { batch: b, stats } = run(spdx3([
      model('m', 'sentiment'), dataset('d', 'corpus'), pkg('p', 'tool', { software_packageVersion: '1' }),
      file('weights', 'model.bin'), file('dir', 'data'), file('train', 'train.txt'), file('test', 'test.txt'), file('orphan', 'orphan.txt'),
      rel('m', 'contains', ['weights']), rel('d', 'contains', ['dir']), rel('dir', 'contains', ['train', 'test']),
      rel('weights', 'trainedOn', ['train']), rel('weights', 'testedOn', ['test']), rel('weights', 'trainedOn', ['orphan']), rel('p', 'trainedOn', ['d']),
    ]));
    assert.deepEqual(b.edges.filter((e) => e.type === 'USES_DATASET').map((e) => `${e.from.key} -> ${e.to.key} ${e.props.purpose}`).sort(), [
      'model:sentiment -> dataset:corpus testing', 'model:sentiment -> dataset:corpus training',
    ]);
    assert.equal(stats.lifted, 2);
    assert.deepEqual(stats.relationships.unmappable.trainedOn, 2, 'a file outside any dataset, and a software package, cannot be lifted');
    assert.ok(codes(b).includes('LIFTED_RELATIONSHIPS'));
  });

  test('duplicate spdxIds do not crash: the first element wins and each duplicate warns', () => {
    const { batch: b } = run(spdx3([
      PA, pkg('a', 'imposter', { software_packageVersion: '9', software_packageUrl: 'pkg:pypi/imposter@9' }), PB,
      rel('a', 'dependsOn', 'b'), { ...rel('b', 'dependsOn', 'a'), spdxId: 'urn:rel-dup' }, { ...rel('a', 'contains', 'b'), spdxId: 'urn:rel-dup' },
      { ...model('b', 'model-with-package-id') },
    ], { roots: ['urn:a'] }));
    assert.deepEqual(keys(b, 'PackageVersion'), [A, B]);
    assert.deepEqual(keys(b, 'Model'), []);
    assert.deepEqual(edges(b, 'DEPENDS_ON'), [`${A} -> ${B}`, `${B} -> ${A}`]);
    assert.deepEqual(edges(b, 'CONTAINS'), [], 'the duplicate relationship element is dropped');
    assert.deepEqual(edges(b, 'DESCRIBES'), [`${b.document.key} -> ${A}`]);
    const dups = b.warnings.filter((w) => w.code === 'DUPLICATE_SPDXID');
    assert.equal(dups.length, 3);
    assert.ok(dups.every((w) => /^\/@graph\/\d+$/.test(w.at ?? '')));
    assert.equal(b.document.componentCount, 2);
  });

  test('dangling refs warn, self-loops are ignored, cycles are kept, NONE and imports are counted, other types are counted once', () => {
    const { batch: b, stats } = run(spdx3([
      PA, PB,
      rel('a', 'dependsOn', ['b', 'ghost', 'a']), rel('b', 'dependsOn', 'a'), rel('nobody', 'contains', 'a'),
      rel('a', 'dependsOn', 'https://spdx.org/rdf/3.0.1/terms/Core/NoneElement'), rel('a', 'dependsOn', 'urn:other-doc:x'),
      rel('a', 'hasDocumentation', ['b', 'ghost']), rel('a', 'usesTool', 'b'),
    ], { imports: ['urn:other-doc:x'] }));
    assert.deepEqual(edges(b, 'DEPENDS_ON'), [`${A} -> ${B}`, `${B} -> ${A}`]);
    assert.deepEqual(codes(b), ['DANGLING_REF', 'DANGLING_REF', 'EXTERNAL_DOCUMENT_REF', 'IGNORED_RELATIONSHIPS', 'SELF_RELATIONSHIP']);
    const r = stats.relationships;
    assert.deepEqual(r.declared, { dependsOn: 6, contains: 1, hasDocumentation: 2, usesTool: 1 });
    assert.deepEqual([r.mapped, r.dangling, r.selfLoops, r.none, r.external, r.ignored], [
      { dependsOn: 2 }, { dependsOn: 1, contains: 1 }, { dependsOn: 1 }, { dependsOn: 1 }, { dependsOn: 1 }, { hasDocumentation: 2, usesTool: 1 },
    ]);
    const ghost = b.warnings.find((w) => w.code === 'DANGLING_REF' && w.message.includes('urn:ghost'))!;
    assert.match(ghost.at ?? '', /^\/@graph\/\d+\/to\/1$/);
  });

  test('full IRI type names read like compact ones', () => {
    const doc = spdx3([
      { ...PA, type: 'https://spdx.org/rdf/3.0.1/terms/Software/Package' },
      { ...model('m', 'm'), type: 'https://spdx.org/rdf/3.0.1/terms/AI/AIPackage' },
      { ...rel('m', 'https://spdx.org/rdf/3.0.1/terms/Core/RelationshipType/dependsOn', 'a'), type: 'https://spdx.org/rdf/3.0.1/terms/Core/Relationship' },
    ]);
    const { batch: b } = run(doc);
    assert.deepEqual(keys(b, 'PackageVersion'), [A]);
    assert.deepEqual(edges(b, 'DEPENDS_ON'), [`model:m -> ${A}`]);
  });

  test('structurally invalid documents fail with INVALID_DOCUMENT and a pointer; unknown fields do not', () => {
    const fails = (doc: unknown, at: string): void => {
      assert.throws(() => run(doc as El), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === at, at);
    };
    fails({ '@context': CONTEXT, '@graph': { a: 1 } }, '/@graph');
    const base = spdx3([PA, PB, rel('a', 'dependsOn', ['b'])]);
    const graph = base['@graph'] as El[];
    const relAt = graph.length - 1;
    const mutate = (f: (r: El) => void): El => { const d = structuredClone(base); f((d['@graph'] as El[])[relAt]!); return d; };
    fails(mutate((r) => { delete r.from; }), `/@graph/${relAt}/from`);
    fails(mutate((r) => { delete r.to; }), `/@graph/${relAt}/to`);
    fails(mutate((r) => { delete r.relationshipType; }), `/@graph/${relAt}/relationshipType`);
    fails(mutate((r) => { r.to = ['urn:b', 42]; }), `/@graph/${relAt}/to/1`);
    const notObject = structuredClone(base);
    (notObject['@graph'] as unknown[])[2] = 'oops';
    fails(notObject, '/@graph/2');
    const lenient = structuredClone(base);
    lenient.futureTopLevel = true;
    (lenient['@graph'] as El[]).push({ spdxId: 'urn:untyped' }, { type: 'extension_SomethingNew', spdxId: 'urn:new', whatever: [1] });
    ((lenient['@graph'] as El[])[relAt]!).someNewProperty = 'x';
    const { batch } = run(lenient);
    assert.deepEqual(edges(batch, 'DEPENDS_ON'), [`${A} -> ${B}`]);
    assert.deepEqual(batch.warnings.map((w) => w.code), ['UNTYPED_ELEMENT']);
  });

  test('10,000 packages and 30,000 relationships map in linear time', () => {
    const n = 10_000;
    const elements: El[] = [];
    for (let i = 0; i < n; i++) elements.push(pkg(`p${i}`, `p${i}`, { software_packageVersion: '1', software_packageUrl: `pkg:npm/p${i}@1` }));
    for (let i = 0; i < n; i++) {
      elements.push(rel(`p${i}`, 'dependsOn', [`p${(i + 1) % n}`, `p${(i + 2) % n}`]));
      elements.push(rel(`p${i}`, 'hasDocumentation', `p${(i + 3) % n}`));
    }
    const input = documentInput(spdx3(elements));
    const t0 = performance.now();
    const { batch: b, stats } = mapSpdx3JsonLd(input);
    const ms = performance.now() - t0;
    assert.equal(b.document.componentCount, n);
    assert.equal(edges(b, 'DEPENDS_ON').length, 2 * n);
    assert.equal(stats.relationships.declared.hasDocumentation, n);
    assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms`);
  });
});
