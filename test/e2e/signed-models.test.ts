/**
 * Signed models end to end, on each engine: OMS signatures made in the test
 * are uploaded; the graph records the model, its files, the signature with an
 * explicit trust outcome and the signer, and a model described by an SBOM
 * meets its signature in one node.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, tempDir } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { graphql, startService, waitForJob, type RunningService } from '../support/service.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, toBytes } from '../unit/oms/fixtures.js';

const MODEL_QUERY = `query($purl: String, $name: String, $digest: String) {
  models(purl: $purl, name: $name, digest: $digest) {
    id name purl signed
    files { path digest assertedBy { id kind } }
    signatures { method trust reasonCode rootDigest signer { kind keyFingerprint subject } assertedBy { id kind format } }
  }
}`;

interface ModelView {
  id: string; name: string; purl: string | null; signed: boolean;
  files: Array<{ path: string; digest: string; assertedBy: { id: string; kind: string } }>;
  signatures: Array<{ method: string; trust: string; reasonCode: string; rootDigest: string; signer: { kind: string; keyFingerprint: string; subject: string } | null; assertedBy: { id: string; kind: string; format: string } }>;
}

async function uploadSignature(svc: RunningService, bytes: Buffer, meta: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const q = new URLSearchParams({ filename: 'model.sig', ...Object.fromEntries(Object.entries(meta).map(([k, v]) => [`meta.${k}`, v])) });
  const res = await fetch(`${svc.url}/api/v1/documents?${q}`, { method: 'POST', body: bytes });
  assert.equal(res.status, 202);
  const { jobId } = (await res.json()) as { jobId: string };
  return waitForJob(svc.url, jobId);
}

for (const engine of ENGINES) {
  describe(`signed models: ${engine}`, () => {
    let svc: RunningService;
    const trusted = genEcKey('P-256');
    const stranger = genEcKey('P-384');
    let modelDir: string;
    let trustDir: string;

    before(async () => {
      const dir = await tempDir('supplygraph-trust-');
      trustDir = dir;
      await writeFile(path.join(dir, 'release.pub'), trusted.publicPem);
      await writeFile(path.join(dir, 'trust.yaml'), 'keys:\n  - name: release-key\n    path: release.pub\nsigstore:\n  usePublicGood: false\n');
      svc = await startService(engine, { SUPPLYGRAPH_TRUST_CONFIG: path.join(dir, 'trust.yaml') });
      modelDir = makeModelDir({ 'config.json': '{"layers": 2}', 'weights.bin': Buffer.alloc(4096, 7), 'tokenizer/vocab.txt': 'a\nb\n' });
    });
    after(async () => {
      await svc?.stop();
      cleanupTmp();
    });

    test('an SBOM-described model and its trusted signature meet in one node, with files, signer and sources', async () => {
      const sbom = cyclonedx({ components: [{ type: 'machine-learning-model', name: 'sentiment', version: 'r1', purl: 'pkg:huggingface/acme/sentiment@r1', ref: 'm' }] });
      const sbomJob = await waitForJob(svc.url, String(((await (await fetch(`${svc.url}/api/v1/documents`, { method: 'POST', body: JSON.stringify(sbom) })).json()) as { jobId: string }).jobId));
      assert.equal(sbomJob.state, 'completed');

      const payload = buildStatement(modelDir, { modelName: 'sentiment' });
      const job = await uploadSignature(svc, toBytes(keyBundle(payload, trusted)), { purl: 'pkg:huggingface/acme/sentiment@r1' });
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      assert.equal((job.result as { format: string }).format, 'oms-signature');

      const res = await graphql<{ models: ModelView[] }>(svc.url, MODEL_QUERY, { purl: 'pkg:huggingface/acme/sentiment@r1' });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.equal(res.data.models.length, 1, 'one model node for the SBOM and the signature');
      const m = res.data.models[0]!;
      assert.equal(m.signed, true);
      assert.deepEqual(m.files.map((f) => f.path).sort(), ['config.json', 'tokenizer/vocab.txt', 'weights.bin']);
      assert.ok(m.files.every((f) => f.digest.startsWith('sha256:') && f.assertedBy.kind === 'signature'));
      assert.equal(m.signatures.length, 1);
      const s = m.signatures[0]!;
      assert.equal(s.trust, 'TRUSTED');
      assert.equal(s.method, 'key');
      assert.equal(s.signer?.kind, 'key');
      assert.match(s.signer?.keyFingerprint ?? '', /^[0-9a-f]{64}$/);
      assert.equal(s.assertedBy.format, 'oms-signature');

      const byDigest = await graphql<{ models: ModelView[] }>(svc.url, MODEL_QUERY, { digest: s.rootDigest });
      assert.deepEqual(byDigest.data.models.map((x) => x.id), [m.id], 'the root digest finds the same model');
    });

    test('a valid signature by an unknown key is stored as UNTRUSTED and does not count as signed', async () => {
      const dir = makeModelDir({ 'w.bin': Buffer.alloc(100, 1) });
      const job = await uploadSignature(svc, toBytes(keyBundle(buildStatement(dir, { modelName: 'stranger-model' }), stranger)), { name: 'stranger-model' });
      assert.equal(job.state, 'completed');
      const res = await graphql<{ models: ModelView[] }>(svc.url, MODEL_QUERY, { name: 'stranger-model' });
      const m = res.data.models[0]!;
      assert.equal(m.signed, false);
      assert.equal(m.signatures[0]!.trust, 'UNTRUSTED');
      assert.equal(m.files.length, 1);
    });

    test('a forged signature is stored as INVALID evidence, attaches no files, and the worker carries on', async () => {
      const dir = makeModelDir({ 'w.bin': Buffer.alloc(100, 2) });
      const bundle = keyBundle(buildStatement(dir, { modelName: 'forged' }), trusted) as { dsseEnvelope: { payload: string } };
      const other = buildStatement(makeModelDir({ 'evil.bin': Buffer.alloc(10, 9) }), { modelName: 'forged' });
      bundle.dsseEnvelope.payload = other.toString('base64'); // swapped payload, original signature
      const job = await uploadSignature(svc, toBytes(bundle), { name: 'forged' });
      assert.equal(job.state, 'completed');
      const result = job.result as { warnings: Array<{ code: string }> };
      assert.ok(result.warnings.some((w) => w.code === 'SIGNATURE_INVALID'));
      const res = await graphql<{ models: ModelView[] }>(svc.url, MODEL_QUERY, { name: 'forged' });
      assert.deepEqual(res.data.models, [], 'an invalid signature creates no model and attaches no files');
      const sigs = await svc.runtime.store.read<{ trust: string }>("MATCH (s:Signature) WHERE s.trust = 'INVALID' RETURN s.trust AS trust");
      assert.equal(sigs.length, 1);
      const ok = await uploadSignature(svc, toBytes(keyBundle(buildStatement(makeModelDir({ 'z.bin': 'z' }), { modelName: 'after-forgery' }), trusted)), { name: 'after-forgery' });
      assert.equal(ok.state, 'completed');
    });

    test('trusting a new key re-evaluates the signatures already stored', async () => {
      await writeFile(path.join(trustDir, 'stranger.pub'), stranger.publicPem);
      await writeFile(path.join(trustDir, 'trust.yaml'), 'keys:\n  - name: release-key\n    path: release.pub\n  - name: partner-key\n    path: stranger.pub\nsigstore:\n  usePublicGood: false\n');
      const deadline = Date.now() + 30_000;
      let m: ModelView | undefined;
      for (;;) {
        m = (await graphql<{ models: ModelView[] }>(svc.url, MODEL_QUERY, { name: 'stranger-model' })).data.models[0];
        if (m?.signed || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(m?.signed, true, 'the stored signature is TRUSTED once its key is');
      assert.equal(m?.signatures[0]!.trust, 'TRUSTED');
    });

    test('a second signature naming the model only by content joins the existing model', async () => {
      const payload = buildStatement(modelDir, { modelName: 'sentiment' });
      // A v1.1 bundle (hint instead of raw key) over the same files, uploaded without metadata.
      const job = await uploadSignature(svc, toBytes(keyBundle(payload, trusted, 'v1.1')));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      const res = await graphql<{ models: ModelView[] }>(svc.url, MODEL_QUERY, { purl: 'pkg:huggingface/acme/sentiment@r1' });
      assert.equal(res.data.models[0]!.signatures.length, 2);
      assert.ok(res.data.models[0]!.signatures.every((s) => s.trust === 'TRUSTED'));
    });

    test('a file only an untrusted signature lists does not make the model a trusted dependent of it', async () => {
      const outsider = genEcKey('P-256');
      const files = { 'weights.bin': Buffer.alloc(2048, 3), 'config.json': '{"layers": 4}' };
      const purl = 'pkg:huggingface/acme/vision@r2';
      const good = await uploadSignature(svc, toBytes(keyBundle(buildStatement(makeModelDir(files), { modelName: 'vision' }), trusted)), { purl });
      assert.equal(good.state, 'completed', JSON.stringify(good.failure));
      // Someone else signs the same model with one more file in its manifest.
      const backdoor = Buffer.alloc(512, 0xbd);
      const other = await uploadSignature(svc, toBytes(keyBundle(buildStatement(makeModelDir({ ...files, 'backdoor.bin': backdoor }), { modelName: 'vision' }), outsider)), { purl });
      assert.equal(other.state, 'completed', JSON.stringify(other.failure));
      const SIGNED = 'query($x: String!, $trust: SignedModelTrust) { signedModels(dependingOn: $x, trust: $trust) { model { id } via } }';
      type R = { signedModels: Array<{ model: { id: string }; via: string[] }> };
      const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
      const viaBackdoor = await graphql<R>(svc.url, SIGNED, { x: sha(backdoor) });
      assert.equal(viaBackdoor.errors, undefined, JSON.stringify(viaBackdoor.errors));
      assert.deepEqual(viaBackdoor.data.signedModels, [], 'only the untrusted manifest claims the file');
      const anyValid = await graphql<R>(svc.url, SIGNED, { x: sha(backdoor), trust: 'ANY_VALID' });
      assert.deepEqual(anyValid.data.signedModels.map((m) => [m.model.id, m.via]), [[purl, ['HAS_FILE']]]);
      const viaWeights = await graphql<R>(svc.url, SIGNED, { x: sha(files['weights.bin']) });
      assert.deepEqual(viaWeights.data.signedModels.map((m) => m.model.id), [purl], 'the trusted manifest lists this file');
    });
  });
}
