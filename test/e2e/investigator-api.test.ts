/**
 * The investigator's questions, end to end on each engine, over a fixture
 * built in the test: application and ML-BOM SBOMs, OMS signatures (trusted
 * and untrusted), an advisory, and SLSA provenance.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, tempDir } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { graphql, startService, waitForJob, type RunningService } from '../support/service.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, toBytes } from '../unit/oms/fixtures.js';

const TORCH = 'pkg:pypi/torch@2.1.0';
const SENTIMENT = 'pkg:huggingface/acme/sentiment@r1';
const OTHER = 'pkg:huggingface/acme/other@r1';
const BASE = 'pkg:huggingface/acme/base@v1';
const BUILT = 'ab'.repeat(32);

function mlbom(model: string, name: string, withDataset: boolean) {
  return cyclonedx({
    subject: {
      type: 'machine-learning-model', name, version: 'r1', purl: model, ref: 'model',
      ...(withDataset ? { modelCard: { modelParameters: { datasets: [{ ref: 'reviews' }] } } } : {}),
    },
    components: [
      { name: 'torch', version: '2.1.0', purl: TORCH, ref: 'torch', licenses: [{ license: { id: 'BSD-3-Clause' } }] },
      { name: 'numpy', version: '1.26.0', purl: 'pkg:pypi/numpy@1.26.0', ref: 'numpy', licenses: [{ license: { id: 'BSD-3-Clause' } }] },
      ...(withDataset ? [{ type: 'data', name: 'reviews', version: '2024', ref: 'reviews' }, { type: 'machine-learning-model', name: 'base', version: 'v1', purl: BASE, ref: 'base' }] : []),
    ],
    dependencies: [
      { ref: 'model', dependsOn: withDataset ? ['torch', 'base'] : ['torch'] },
      { ref: 'torch', dependsOn: ['numpy'] },
    ],
  });
}

const app = cyclonedx({
  subject: { name: 'webshop', version: '3.0.0', purl: 'pkg:npm/webshop@3.0.0', ref: 'app', type: 'application' },
  components: [{ name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', ref: 'lodash', hashes: [{ alg: 'SHA-256', content: BUILT }] }],
  dependencies: [{ ref: 'app', dependsOn: ['lodash'] }],
});

const advisory = {
  schema_version: '1.6.0', id: 'PYSEC-2099-1', aliases: ['CVE-2099-4242'], modified: '2099-01-01T00:00:00Z', summary: 'torch deserialization',
  affected: [{ package: { ecosystem: 'PyPI', name: 'torch' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.2.0' }] }] }],
};

const provenance = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'lodash-4.17.20.tgz', digest: { sha256: BUILT } }],
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {
    buildDefinition: { buildType: 'https://example.com/npm-build/v1', externalParameters: {}, resolvedDependencies: [{ uri: 'git+https://github.com/lodash/lodash@refs/tags/4.17.20', digest: { gitCommit: 'c'.repeat(40) } }] },
    runDetails: { builder: { id: 'https://github.com/actions/runner' }, metadata: { invocationId: 'run-42' } },
  },
};

async function post(svc: RunningService, body: Buffer | string, query = ''): Promise<void> {
  const res = await fetch(`${svc.url}/api/v1/documents${query}`, { method: 'POST', body });
  assert.equal(res.status, 202);
  const job = await waitForJob(svc.url, ((await res.json()) as { jobId: string }).jobId);
  assert.equal(job.state, 'completed', JSON.stringify(job.failure));
}

async function q<T>(svc: RunningService, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await graphql<T>(svc.url, query, variables);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data;
}

for (const engine of ENGINES) {
  describe(`investigator's API: ${engine}`, () => {
    let svc: RunningService;
    before(async () => {
      const trusted = genEcKey('P-256');
      const stranger = genEcKey('P-256');
      const dir = await tempDir('supplygraph-trust-');
      await writeFile(path.join(dir, 'release.pub'), trusted.publicPem);
      await writeFile(path.join(dir, 'trust.yaml'), 'keys:\n  - name: release-key\n    path: release.pub\nsigstore:\n  usePublicGood: false\n');
      svc = await startService(engine, { SUPPLYGRAPH_TRUST_CONFIG: path.join(dir, 'trust.yaml') });
      await post(svc, JSON.stringify(app));
      await post(svc, JSON.stringify(mlbom(SENTIMENT, 'sentiment', true)));
      await post(svc, JSON.stringify(mlbom(OTHER, 'other', false)));
      await post(svc, toBytes(keyBundle(buildStatement(makeModelDir({ 'w.bin': 'sentiment weights' }), { modelName: 'sentiment' }), trusted)), `?meta.purl=${encodeURIComponent(SENTIMENT)}`);
      await post(svc, toBytes(keyBundle(buildStatement(makeModelDir({ 'w.bin': 'other weights' }), { modelName: 'other' }), stranger)), `?meta.purl=${encodeURIComponent(OTHER)}`);
      await post(svc, JSON.stringify(advisory));
      await post(svc, JSON.stringify(provenance));
    });
    after(async () => {
      await svc?.stop();
      cleanupTmp();
    });

    test('signed models depending on a package, a dataset and a base model, by trust', async () => {
      const SIGNED = `query($x: String!, $trust: SignedModelTrust) { signedModels(dependingOn: $x, trust: $trust) { model { id } depth path via signatures { trust signer { kind } assertedBy { format } } } }`;
      type R = { signedModels: Array<{ model: { id: string }; depth: number; path: string[]; via: string[]; signatures: Array<{ trust: string }> }> };
      const trusted = await q<R>(svc, SIGNED, { x: 'pkg:pypi/numpy@1.26.0' });
      assert.deepEqual(trusted.signedModels.map((m) => m.model.id), [SENTIMENT]);
      const m = trusted.signedModels[0]!;
      // The ML-BOM's subject contains every component it inventories: one hop, not model → torch → numpy.
      assert.equal(m.depth, 1);
      assert.deepEqual(m.path, [SENTIMENT, 'pkg:pypi/numpy@1.26.0']);
      assert.deepEqual(m.via, ['CONTAINS']);
      assert.equal(m.signatures[0]!.trust, 'TRUSTED');
      const anyValid = await q<R>(svc, SIGNED, { x: 'pkg:pypi/torch', trust: 'ANY_VALID' });
      assert.deepEqual(anyValid.signedModels.map((x) => x.model.id).sort(), [OTHER, SENTIMENT]);
      const byDataset = await q<R>(svc, SIGNED, { x: 'reviews' });
      // Trained on it and inventories it: both are one-hop explanations.
      assert.deepEqual(byDataset.signedModels.map((x) => [x.model.id, x.depth]), [[SENTIMENT, 1]]);
      assert.ok(['USES_DATASET', 'CONTAINS'].includes(byDataset.signedModels[0]!.via[0]!));
      const byBase = await q<R>(svc, SIGNED, { x: BASE });
      assert.deepEqual(byBase.signedModels.map((x) => x.model.id), [SENTIMENT]);
      const none = await q<R>(svc, SIGNED, { x: 'pkg:npm/lodash@4.17.20', trust: 'ANY_VALID' });
      assert.deepEqual(none.signedModels, []);
    });

    test('provenance: signatures of a model; builder, materials and SBOMs of an artifact', async () => {
      type P = { provenance: { target: { kind: string }; signatures: Array<{ trust: string; method: string }>; builds: Array<{ builder: string; invocationId: string; assertedBy: { kind: string } }>; materials: Array<{ kind: string; id: string; revision: string }>; documents: Array<{ relation: string; document: { kind: string; format: string; ingestedAt: string } }> } };
      const model = await q<P>(svc, `{ provenance(of: "${SENTIMENT}") { target { kind } signatures { trust method } builds { builder } materials { kind id revision } documents { relation document { kind format ingestedAt } } } }`);
      assert.equal(model.provenance.target.kind, 'Model');
      assert.deepEqual(model.provenance.signatures.map((s) => [s.trust, s.method]), [['TRUSTED', 'key']]);
      assert.ok(model.provenance.documents.some((d) => d.relation === 'DESCRIBES' && d.document.format === 'cyclonedx-json'));
      assert.ok(model.provenance.documents.every((d) => d.document.ingestedAt.length > 0));
      const art = await q<P>(svc, `{ provenance(of: "sha256:${BUILT}") { target { kind } signatures { trust method } builds { builder invocationId assertedBy { kind } } materials { kind id revision } documents { relation document { kind format ingestedAt } } } }`);
      assert.deepEqual(art.provenance.builds.map((b) => [b.builder, b.invocationId, b.assertedBy.kind]), [['https://github.com/actions/runner', 'run-42', 'attestation']]);
      assert.deepEqual(art.provenance.materials.map((m) => [m.kind, m.id, m.revision]), [['SourceRepository', 'https://github.com/lodash/lodash', 'c'.repeat(40)]]);
      const pv = await q<P>(svc, '{ provenance(of: "pkg:npm/lodash@4.17.20") { target { kind } signatures { trust method } builds { builder invocationId assertedBy { kind } } materials { kind id revision } documents { relation document { kind format ingestedAt } } } }');
      assert.equal(pv.provenance.builds.length, 1, 'a package version is built through its digest');
      assert.ok(pv.provenance.documents.some((d) => d.relation === 'LISTS' && d.document.kind === 'sbom'));
    });

    test('vulnerabilities of a model, an SBOM and a package version', async () => {
      type V = { vulnerabilities: Array<{ vulnerability: string; packageVersion: { id: string }; advisory: string }> };
      const ofModel = await q<V>(svc, `{ vulnerabilities(of: "${SENTIMENT}") { vulnerability packageVersion { id } advisory } }`);
      assert.deepEqual(ofModel.vulnerabilities.map((v) => [v.vulnerability, v.packageVersion.id, v.advisory]), [['PYSEC-2099-1', TORCH, 'osv:PYSEC-2099-1']]);
      const sboms = await q<{ sboms: { edges: Array<{ node: { id: string; name: string; vulnerabilities: Array<{ vulnerability: string }>; licenses: Array<{ license: string; components: number }>; components: { totalCount: number } } }> } }>(svc,
        '{ sboms(first: 10) { edges { node { id name vulnerabilities { vulnerability } licenses { license components } components(ecosystem: "pypi") { totalCount } } } } }');
      const otherSbom = sboms.sboms.edges.find((e) => (e.node.name ?? '').startsWith('other'))!.node;
      assert.deepEqual(otherSbom.vulnerabilities.map((v) => v.vulnerability), ['PYSEC-2099-1']);
      assert.deepEqual(otherSbom.licenses, [{ license: 'BSD-3-Clause', components: 2 }]);
      assert.equal(otherSbom.components.totalCount, 2, 'torch and numpy are the pypi components');
      const shop = sboms.sboms.edges.find((e) => (e.node.name ?? '').startsWith('webshop'))!.node;
      assert.deepEqual(shop.vulnerabilities, []);
    });

    test('lookups: node by key, search by prefix, package versions, artifact, datasets', async () => {
      const d = await q<{ node: Array<{ kind: string }>; search: Array<{ id: string; kind: string }>; packageVersion: Array<{ purl: string }>; artifact: { algorithm: string; digest: string } | null; datasets: Array<{ name: string; documents: Array<{ kind: string }> }> }>(svc,
        `{ node(id: "CVE-2099-4242") { kind } search(text: "pkg:pypi/to") { id kind } packageVersion(purl: "pkg:pypi/torch@2.1.0") { purl } artifact(digest: "${BUILT}") { algorithm digest } datasets(name: "reviews") { name documents { kind } } }`);
      assert.deepEqual(d.node.map((n) => n.kind), ['Vulnerability']);
      assert.deepEqual(d.search.map((s) => [s.kind, s.id]), [['Package', 'pkg:pypi/torch'], ['PackageVersion', TORCH]]);
      assert.deepEqual(d.packageVersion.map((p) => p.purl), [TORCH]);
      assert.deepEqual(d.artifact, { algorithm: 'sha256', digest: BUILT });
      assert.equal(d.datasets[0]!.name, 'reviews');
      assert.equal(d.datasets[0]!.documents[0]!.kind, 'sbom');
    });

    test('path between a model and a transitive dependency; dependents grouped by kind', async () => {
      const p = await q<{ path: { length: number; nodes: Array<{ id: string }>; edges: string[] } | null }>(svc, `{ path(from: "${SENTIMENT}", to: "pkg:pypi/numpy@1.26.0", via: ["DEPENDS_ON"]) { length nodes { id } edges } }`);
      assert.equal(p.path?.length, 2);
      assert.deepEqual(p.path?.edges, ['DEPENDS_ON', 'DEPENDS_ON']);
      const none = await q<{ path: null }>(svc, `{ path(from: "${SENTIMENT}", to: "pkg:npm/lodash@4.17.20", via: ["DEPENDS_ON"]) { length } }`);
      assert.equal(none.path, null);
      const dep = await q<{ dependents: { models: Array<{ component: { id: string }; depth: number }>; packages: Array<{ component: { id: string } }> } }>(svc,
        '{ dependents(purl: "pkg:pypi/numpy@1.26.0") { models { component { id } depth } packages { component { id } } } }');
      assert.deepEqual(dep.dependents.models.map((m) => m.component.id).sort(), [OTHER, SENTIMENT]);
      assert.deepEqual(dep.dependents.packages.map((m) => m.component.id), [TORCH]);
    });
  });
}
