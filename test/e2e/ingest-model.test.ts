/**
 * End to end, on each engine: the CLI as CI uses it on a signed model
 * directory. Only the signature is uploaded (never the weights), with the
 * model's purl or name, and releases with identical files stay apart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, tempDir } from '../support/engines.js';
import { graphql, startService, type RunningService } from '../support/service.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, toBytes, type EcKey } from '../unit/oms/fixtures.js';
import { runIngestModel } from '../../services/cli/commands/ingest-model.js';
import { parseIngestOptions, runIngest, type IngestReport } from '../../services/cli/commands/ingest.js';
import { UsageError } from '../../services/cli/usage-error.js';

const MODELS = `query($purl: String, $name: String) { models(purl: $purl, name: $name) { id name purl signatures { trust } files { path } } }`;
interface ModelView { id: string; name: string; purl: string | null; signatures: Array<{ trust: string }>; files: Array<{ path: string }> }

/** A model directory as `model_signing sign` leaves it: weights, config and model.sig. */
function signedModelDir(key: EcKey, files: Record<string, string | Buffer>, from?: string): string {
  const dir = from ? makeModelDir({}) : makeModelDir(files);
  if (from) cpSync(from, dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.sig'), toBytes(keyBundle(buildStatement(dir, { modelName: 'sentiment' }), key)));
  return dir;
}

function capture(): { io: { stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean } }; out: () => string } {
  let out = '';
  return { io: { stdout: { write: (s: string) => { out += s; return true; } }, stderr: { write: () => true } }, out: () => out };
}

for (const engine of ENGINES) {
  describe(`ingest-model (CLI): ${engine}`, () => {
    let svc: RunningService;
    const key = genEcKey('P-256');
    const weights = { 'config.json': '{"layers": 2}', 'model.safetensors': Buffer.alloc(8192, 5), 'tokenizer/vocab.txt': 'a\nb\n' };

    before(async () => {
      const trustDir = await tempDir('supplygraph-trust-');
      await writeFile(path.join(trustDir, 'release.pub'), key.publicPem);
      await writeFile(path.join(trustDir, 'trust.yaml'), 'keys:\n  - name: release-key\n    path: release.pub\nsigstore:\n  usePublicGood: false\n');
      svc = await startService(engine, { SUPPLYGRAPH_TRUST_CONFIG: path.join(trustDir, 'trust.yaml') });
    });
    after(async () => {
      await svc?.stop();
      cleanupTmp();
    });

    test('uploads only the signature, with the purl, and each release of identical files is its own model', async () => {
      const r1 = signedModelDir(key, weights);
      const r2 = signedModelDir(key, {}, r1); // the next release: the same files, signed again
      for (const [dir, release] of [[r1, 'r1'], [r2, 'r2']] as const) {
        const c = capture();
        const code = await runIngestModel(dir, { purl: `pkg:huggingface/acme/sentiment@${release}` }, { server: svc.url, json: true }, c.io);
        const report = JSON.parse(c.out()) as IngestReport;
        assert.equal(code, 0, c.out());
        assert.deepEqual(report.files.map((f) => [path.basename(f.file), f.format, f.failure]), [['model.sig', 'oms-signature', null]], 'one upload: the signature, not the weights');
      }
      for (const release of ['r1', 'r2']) {
        const res = await graphql<{ models: ModelView[] }>(svc.url, MODELS, { purl: `pkg:huggingface/acme/sentiment@${release}` });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.equal(res.data.models.length, 1, release);
        assert.deepEqual(res.data.models[0]!.signatures.map((s) => s.trust), ['TRUSTED'], `${release} has its own one signature`);
        assert.deepEqual(res.data.models[0]!.files.map((f) => f.path).sort(), ['config.json', 'model.safetensors', 'tokenizer/vocab.txt']);
      }
    });

    test('two models with identical files and different names stay two models', async () => {
      const a = signedModelDir(key, { 'w.bin': Buffer.alloc(1024, 1) });
      const b = signedModelDir(key, {}, a);
      for (const [dir, name] of [[a, 'acme/tiny-a'], [b, 'acme/tiny-b']] as const) {
        const c = capture();
        assert.equal(await runIngestModel(dir, { name }, { server: svc.url, json: true }, c.io), 0, c.out());
      }
      for (const name of ['acme/tiny-a', 'acme/tiny-b']) {
        const res = await graphql<{ models: ModelView[] }>(svc.url, MODELS, { name });
        assert.deepEqual(res.data.models.map((m) => [m.name, m.signatures.length]), [[name, 1]], name);
      }
    });

    test('`ingest --meta` sends producer metadata with the upload', async () => {
      const dir = signedModelDir(key, { 'w.bin': Buffer.alloc(512, 4) });
      const c = capture();
      const code = await runIngest([path.join(dir, 'model.sig')], parseIngestOptions({ server: svc.url, json: true, meta: ['name=acme/by-meta'] }), c.io);
      assert.equal(code, 0, c.out());
      const res = await graphql<{ models: ModelView[] }>(svc.url, MODELS, { name: 'acme/by-meta' });
      assert.equal(res.data.models.length, 1);
    });

    test('usage errors: no signature in the directory, a malformed --meta', async () => {
      const bare = makeModelDir({ 'w.bin': 'x' });
      await assert.rejects(runIngestModel(bare, {}, { server: svc.url }, capture().io), (e: Error) => e instanceof UsageError && e.code === 'USAGE' && /no signature/.test(e.message));
      assert.throws(() => parseIngestOptions({ meta: ['novalue'] }), (e: Error) => e instanceof UsageError && e.code === 'USAGE');
    });
  });
}
