import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cycloneDxJsonParser, parseCycloneDxJson } from '../../../ingestors/cyclonedx/json.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { documentInput } from '../../support/parse.js';

type Json = Record<string, unknown>;

const SERIAL = 'urn:uuid:6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

function bom(components: Json[], dependencies: Json[] = [], extra: Json = {}): Json {
  return { bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: SERIAL, version: 7, components, dependencies, ...extra };
}

const lib = (ref: string, name: string, version: string, more: Json = {}): Json => ({ type: 'library', 'bom-ref': ref, name, version, purl: `pkg:generic/${name}@${version}`, ...more });
const model = (ref: string, name: string, more: Json = {}): Json => ({ type: 'machine-learning-model', 'bom-ref': ref, name, purl: `pkg:huggingface/acme/${name}@1`, ...more });
const data = (ref: string, name: string, more: Json = {}): Json => ({ type: 'data', 'bom-ref': ref, name, version: '1', ...more });

const parse = (doc: Json): OntologyBatch => parseCycloneDxJson(documentInput(doc));
const derived = (b: OntologyBatch): string[] => b.edges.filter((e) => e.type === 'DERIVED_FROM').map((e) => `${e.from.key} -> ${e.to.key} (${String(e.props.relation)})`).sort();
const edges = (b: OntologyBatch, type: string): string[] => b.edges.filter((e) => e.type === type).map((e) => `${e.from.key} -> ${e.to.key}`).sort();

describe('CycloneDX mapping', () => {
  test('pedigree: ancestors, variants and descendants become DERIVED_FROM', () => {
    const b = parse(bom([lib('patched', 'zlib', '1.3-acme', {
      pedigree: {
        ancestors: [lib('upstream', 'zlib', '1.3', { pedigree: { ancestors: [lib('older', 'zlib', '1.2')] } })],
        variants: [lib('ng', 'zlib-ng', '2.1')],
        descendants: [lib('next', 'zlib', '1.3-acme2')],
      },
    })]));
    assert.deepEqual(derived(b), [
      'pkg:generic/zlib@1.3 -> pkg:generic/zlib@1.2 (ancestor)',
      'pkg:generic/zlib@1.3-acme -> pkg:generic/zlib-ng@2.1 (variant)',
      'pkg:generic/zlib@1.3-acme -> pkg:generic/zlib@1.3 (ancestor)',
      'pkg:generic/zlib@1.3-acme2 -> pkg:generic/zlib@1.3-acme (ancestor)',
    ]);
    assert.equal(b.document.componentCount, 5, 'pedigree components are components of the document');
    assert.equal(edges(b, 'LISTS').length, 5);
    assert.deepEqual(edges(b, 'CONTAINS'), [], 'a pedigree is not containment');
    assert.deepEqual(b.warnings, []);
  });

  test('a pedigree across kinds (package ← model) is a warning, not an ontology violation', () => {
    const b = parse(bom([lib('p', 'thing', '1', { pedigree: { ancestors: [model('m', 'a-model')] } })]));
    assert.deepEqual(derived(b), []);
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['UNSUPPORTED_RELATION', '/components/0/pedigree/ancestors/0']]);
  });

  test('BOM-Links: to this BOM they resolve, into other BOMs they are UNRESOLVED_BOM_LINK, not dangling', () => {
    const other = 'urn:cdx:0b7a1f0e-8d4e-4c7a-9b1a-5f3e2d1c0b9a/2';
    const self = `urn:cdx:${SERIAL.slice('urn:uuid:'.length)}/7`;
    const b = parse(bom([lib('a', 'a', '1'), lib('b c', 'b', '1'), model('m', 'm', { modelCard: { modelParameters: { datasets: [{ ref: `${other}#ds` }] } } })], [
      { ref: 'a', dependsOn: [`${self}#b%20c`, `${other}#x`, 'ghost'] },
      { ref: `${other}#y`, dependsOn: ['a'] },
      { ref: `${self}#b%20c`, provides: ['a'] },
    ]));
    assert.deepEqual(edges(b, 'DEPENDS_ON'), ['pkg:generic/a@1 -> pkg:generic/b@1']);
    assert.deepEqual(edges(b, 'CONTAINS'), ['pkg:generic/b@1 -> pkg:generic/a@1']);
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [
      ['UNRESOLVED_BOM_LINK', '/dependencies/0/dependsOn/1'],
      ['DANGLING_REF', '/dependencies/0/dependsOn/2'],
      ['UNRESOLVED_BOM_LINK', '/dependencies/1'],
      ['UNRESOLVED_BOM_LINK', '/components/2/modelCard/modelParameters/datasets/0'],
    ]);
  });

  test('ML-BOM lineage: base models from pedigree ancestors and from model → model dependencies', () => {
    const b = parse(bom([
      model('ft', 'sentiment-ft', {
        pedigree: { ancestors: [model('base', 'bert-base')] },
        modelCard: { modelParameters: { datasets: [{ ref: 'reviews' }, { type: 'dataset', name: 'inline-ds' }] } },
      }),
      model('tiny', 'sentiment-tiny'),
      data('reviews', 'reviews', { pedigree: { ancestors: [data('raw', 'raw-reviews')] } }),
      lib('torch', 'torch', '2.3.0'),
    ], [
      { ref: 'tiny', dependsOn: ['ft', 'torch'] },
    ]));
    assert.deepEqual(derived(b), [
      'dataset:reviews@1 -> dataset:raw-reviews@1 (ancestor)',
      'pkg:huggingface/acme/sentiment-ft@1 -> pkg:huggingface/acme/bert-base@1 (base-model)',
      'pkg:huggingface/acme/sentiment-tiny@1 -> pkg:huggingface/acme/sentiment-ft@1 (base-model)',
    ]);
    assert.deepEqual(edges(b, 'DEPENDS_ON'), ['pkg:huggingface/acme/sentiment-tiny@1 -> pkg:generic/torch@2.3.0', 'pkg:huggingface/acme/sentiment-tiny@1 -> pkg:huggingface/acme/sentiment-ft@1']);
    assert.deepEqual(edges(b, 'USES_DATASET'), ['pkg:huggingface/acme/sentiment-ft@1 -> dataset:inline-ds', 'pkg:huggingface/acme/sentiment-ft@1 -> dataset:reviews@1']);
    assert.deepEqual(b.nodes.filter((n) => n.label === 'Model').map((n) => n.props.key).sort(), [
      'pkg:huggingface/acme/bert-base@1', 'pkg:huggingface/acme/sentiment-ft@1', 'pkg:huggingface/acme/sentiment-tiny@1',
    ]);
  });

  test('license acknowledgement: concluded licenses are kept apart from declared ones', () => {
    const b = parse(bom([lib('a', 'a', '1', { licenses: [{ license: { id: 'MIT', acknowledgement: 'concluded' } }, { license: { name: 'Custom' } }] }), lib('b', 'b', '1', { licenses: [{ expression: 'MIT OR ISC', acknowledgement: 'declared' }] })]));
    const got = b.edges.filter((e) => e.type === 'DECLARES_LICENSE').map((e) => `${e.from.key} ${e.to.key} ${String(e.props.kind)}`).sort();
    assert.deepEqual(got, ['pkg:generic/a@1 Custom declared', 'pkg:generic/a@1 MIT concluded', 'pkg:generic/b@1 MIT OR ISC declared']);
  });

  test('a component without identity is skipped with a warning, but its parts are kept', () => {
    const b = parse(bom([{ type: 'library', components: [lib('inner', 'inner', '1')] }], [], { metadata: { component: lib('app', 'app', '1') } }));
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['COMPONENT_WITHOUT_IDENTITY', '/components/0']]);
    assert.deepEqual(edges(b, 'CONTAINS'), ['pkg:generic/app@1 -> pkg:generic/inner@1']);
    assert.equal(b.document.componentCount, 2);
  });

  test('serialNumber, version and timestamp are recorded on the document', () => {
    const b = parse(bom([lib('a', 'a', '1')], [], { metadata: { timestamp: '2025-05-05T05:05:05Z' } }));
    assert.equal(b.document.serialNumber, SERIAL);
    assert.equal(b.document.bomVersion, 7);
    assert.equal(b.document.createdAt, '2025-05-05T05:05:05Z');
  });

  test('the registered parser validates, then maps the same batch', async () => {
    const doc = bom([lib('a', 'a', '1'), lib('b', 'b', '1')], [{ ref: 'a', dependsOn: ['b'] }]);
    const viaParser = await cycloneDxJsonParser.parse(documentInput(doc));
    const direct = parse(doc);
    assert.deepEqual(viaParser, direct);
  });

  test('30,000 components and their dependencies map in one linear pass (a quadratic step would take minutes)', () => {
    const n = 30_000;
    const components = Array.from({ length: n }, (_, i) => lib(`c${i}`, `c${i}`, '1'));
    const dependencies = Array.from({ length: n }, (_, i) => ({ ref: `c${i}`, dependsOn: [`c${(i + 1) % n}`, `c${(i * 7 + 3) % n}`] }));
    const b = parse(bom(components, dependencies));
    assert.equal(b.document.componentCount, n);
    assert.ok(edges(b, 'DEPENDS_ON').length >= n);
  });
});
