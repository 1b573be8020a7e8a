import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCycloneDxJson } from '../../../ingestors/cyclonedx/json.js';
import { IngestError } from '../../../ingestors/parser.js';
import { decodeDocument } from '../../../ingestors/common/decode.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { cyclonedx, npm, appSbom } from '../../support/sbom-factory.js';
import { documentInput } from '../../support/parse.js';

const parse = (doc: unknown): OntologyBatch => parseCycloneDxJson(documentInput(doc));
const edges = (b: OntologyBatch, type: string) => b.edges.filter((e) => e.type === type).map((e) => `${e.from.key} -> ${e.to.key}`).sort();
const keys = (b: OntologyBatch, label: string) => b.nodes.filter((n) => n.label === label).map((n) => n.props.key).sort();

describe('CycloneDX JSON ingestor', () => {
  test('maps subject, components, dependencies, hashes and licenses', () => {
    const b = parse(cyclonedx({
      subject: { name: 'shop', version: '2.0.0', purl: 'pkg:npm/shop@2.0.0', ref: 'app', type: 'application' },
      components: [
        { ...npm('express', '4.18.2'), hashes: [{ alg: 'SHA-256', content: 'AB'.repeat(32) }], licenses: [{ license: { id: 'MIT' } }] },
        { ...npm('qs', '6.11.0'), licenses: [{ expression: 'BSD-3-Clause OR MIT' }] },
      ],
      dependencies: [
        { ref: 'app', dependsOn: ['pkg:npm/express@4.18.2'] },
        { ref: 'pkg:npm/express@4.18.2', dependsOn: ['pkg:npm/qs@6.11.0'] },
      ],
    }));
    assert.equal(b.document.kind, 'sbom');
    assert.equal(b.document.format, 'cyclonedx-json');
    assert.equal(b.document.componentCount, 3);
    assert.equal(b.document.name, 'shop 2.0.0');
    assert.deepEqual(edges(b, 'DESCRIBES'), [`${b.document.key} -> pkg:npm/shop@2.0.0`]);
    assert.deepEqual(edges(b, 'DEPENDS_ON'), ['pkg:npm/express@4.18.2 -> pkg:npm/qs@6.11.0', 'pkg:npm/shop@2.0.0 -> pkg:npm/express@4.18.2']);
    assert.deepEqual(edges(b, 'CONTAINS'), ['pkg:npm/shop@2.0.0 -> pkg:npm/express@4.18.2', 'pkg:npm/shop@2.0.0 -> pkg:npm/qs@6.11.0']);
    assert.deepEqual(keys(b, 'Package'), ['pkg:npm/express', 'pkg:npm/qs', 'pkg:npm/shop']);
    assert.deepEqual(keys(b, 'Artifact'), [`sha256:${'ab'.repeat(32)}`]);
    assert.deepEqual(edges(b, 'HAS_DIGEST'), [`pkg:npm/express@4.18.2 -> sha256:${'ab'.repeat(32)}`]);
    assert.deepEqual(keys(b, 'License'), ['BSD-3-Clause OR MIT', 'MIT']);
    assert.equal(edges(b, 'LISTS').length, 3);
    assert.ok(b.edges.filter((e) => e.type !== 'HAS_VERSION').every((e) => e.props.doc === b.document.key), 'every asserted edge names its document');
    assert.deepEqual(b.warnings, []);
  });

  test('nested components are contained by their parent', () => {
    const b = parse(cyclonedx({ components: [{ ...npm('outer', '1.0.0'), components: [{ ...npm('inner', '2.0.0'), components: [npm('innermost', '3.0.0')] }] }] }));
    assert.deepEqual(edges(b, 'CONTAINS'), ['pkg:npm/inner@2.0.0 -> pkg:npm/innermost@3.0.0', 'pkg:npm/outer@1.0.0 -> pkg:npm/inner@2.0.0']);
    assert.equal(b.document.componentCount, 3);
  });

  test('qualifier order in purls does not split one package version into two', () => {
    const b = parse(cyclonedx({ components: [
      { name: 'musl', version: '1.2.3-r0', purl: 'pkg:apk/alpine/musl@1.2.3-r0?distro=alpine-3.16&arch=x86_64', ref: 'a' },
      { name: 'musl', version: '1.2.3-r0', purl: 'pkg:apk/alpine/musl@1.2.3-r0?arch=x86_64&distro=alpine-3.16', ref: 'b' },
    ] }));
    assert.deepEqual(keys(b, 'PackageVersion'), ['pkg:apk/alpine/musl@1.2.3-r0?arch=x86_64&distro=alpine-3.16']);
    const v = b.nodes.find((n) => n.label === 'PackageVersion')!.props as { plainPurl: string; packageKey: string };
    assert.equal(v.plainPurl, 'pkg:apk/alpine/musl@1.2.3-r0');
    assert.equal(v.packageKey, 'pkg:apk/alpine/musl');
  });

  test('components without purl get a synthetic identity; an invalid purl is a warning, not a failure', () => {
    const b = parse(cyclonedx({ components: [
      { name: 'libfoo', version: '1.0', ref: 'x' },
      { name: 'nover', ref: 'y' },
      { name: 'broken', version: '1', purl: 'pkg:/nonsense', ref: 'z' },
    ] }));
    const pv = keys(b, 'PackageVersion');
    assert.ok(pv.includes('pkg:generic/libfoo@1.0'), pv.join(', '));
    assert.ok(pv.includes('pkg:generic/broken@1'));
    const scoped = pv.find((k) => k.startsWith('pkg:generic/nover?'));
    assert.ok(scoped && scoped.includes(`sg-doc=${b.document.sha256.slice(0, 16)}`), 'versionless synthetic identity is scoped to its document');
    assert.ok(b.nodes.filter((n) => n.label === 'PackageVersion').every((n) => (n.props as { synthetic: boolean }).synthetic));
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['INVALID_PURL', '/components/2']]);
  });

  test('dependency cycles are kept as edges; dangling refs and self-dependencies are warnings', () => {
    const b = parse(cyclonedx({
      components: [npm('a', '1'), npm('b', '1')],
      dependencies: [
        { ref: 'pkg:npm/a@1', dependsOn: ['pkg:npm/b@1', 'pkg:npm/ghost@9'] },
        { ref: 'pkg:npm/b@1', dependsOn: ['pkg:npm/a@1', 'pkg:npm/b@1'] },
        { ref: 'nobody', dependsOn: ['pkg:npm/a@1'] },
      ],
    }));
    assert.deepEqual(edges(b, 'DEPENDS_ON'), ['pkg:npm/a@1 -> pkg:npm/b@1', 'pkg:npm/b@1 -> pkg:npm/a@1']);
    assert.deepEqual(b.warnings.map((w) => w.code).sort(), ['DANGLING_REF', 'DANGLING_REF', 'SELF_DEPENDENCY']);
  });

  test('10,000-deep nesting is walked without recursion', () => {
    // Built as text: a 10k-deep object cannot be JSON.stringify'd without recursion either.
    const open = Array.from({ length: 10_000 }, (_, i) => `{"type":"library","bom-ref":"n${i}","name":"n${i}","version":"1","purl":"pkg:npm/n${i}@1","components":[`).join('');
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${open}{"type":"library","name":"leaf","version":"0"}${']}'.repeat(10_000)}]}`;
    // Far past SUPPLYGRAPH_MAX_NESTING_DEPTH's default: the reader must not recurse whatever the limit is set to.
    const b = parseCycloneDxJson(documentInput(text, {}, { maxNestingDepth: 100_000 }));
    assert.equal(b.document.componentCount, 10_001);
    assert.equal(edges(b, 'CONTAINS').length, 10_000);
  });

  test('machine-learning-model and data components become Model and Dataset, with model-card datasets', () => {
    const b = parse(cyclonedx({ components: [
      { type: 'machine-learning-model', name: 'sentiment', version: 'v3', purl: 'pkg:huggingface/acme/sentiment@abc123', ref: 'm', modelCard: { modelParameters: { datasets: [{ ref: 'd' }, { name: 'inline-ds', version: '1' }] } } },
      { type: 'data', name: 'reviews', version: '2024', ref: 'd' },
    ] }));
    assert.deepEqual(keys(b, 'Model'), ['pkg:huggingface/acme/sentiment@abc123']);
    assert.deepEqual(keys(b, 'Dataset'), ['dataset:inline-ds@1', 'dataset:reviews@2024']);
    assert.deepEqual(edges(b, 'USES_DATASET'), ['pkg:huggingface/acme/sentiment@abc123 -> dataset:inline-ds@1', 'pkg:huggingface/acme/sentiment@abc123 -> dataset:reviews@2024']);
  });

  test('structurally invalid documents fail with a code and a JSON pointer', () => {
    assert.throws(() => parse({ bomFormat: 'CycloneDX', specVersion: '1.5', components: {} }), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === '/components');
    assert.throws(() => parse({ bomFormat: 'CycloneDX' }), (e: unknown) => e instanceof IngestError && e.at === '/specVersion');
  });

  test('a truncated document fails with a parse error naming the position', () => {
    const text = JSON.stringify(appSbom('app', [['x', '1']], null), null, 2);
    const cut = text.slice(0, Math.floor(text.length / 2));
    assert.throws(() => decodeDocument(Buffer.from(cut)), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.equal(e.code, 'PARSE_ERROR');
      assert.match(e.message, /truncated/);
      assert.match(e.at ?? '', /^line \d+, column \d+, offset \d+$/);
      return true;
    });
  });

  test('unknown fields and newer spec versions are read leniently', () => {
    const doc = cyclonedx({ components: [npm('a', '1')], specVersion: '1.7' }) as Record<string, unknown>;
    doc.someFutureField = { x: 1 };
    const b = parse(doc);
    assert.equal(b.document.componentCount, 1);
    assert.deepEqual(b.warnings.map((w) => w.code), ['UNSUPPORTED_SPEC_VERSION']);
  });
});
