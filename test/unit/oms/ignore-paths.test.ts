/**
 * Caller ignore paths as the reference CLI (model_signing) and its conformance suite pass
 * them: absolute paths inside the model directory (`--ignore-paths /abs/model/ignore-me`),
 * next to relative ones; paths outside the model are refused with a code. The signatures
 * are v1.0 bundles that, like the reference v1.0.1 ones, leave `ignore-me` out of the
 * manifest without recording it in `ignore_paths`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseModelSignature, resolveIgnorePaths, verifyModelFiles, IgnorePathError } from '../../../verify/index.js';
import { runVerifyModel, type VerifyModelOptions } from '../../../services/cli/commands/verify-model.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, toBytes } from './fixtures.js';

after(cleanupTmp);

const key = genEcKey('P-384');
const keyFile = path.join(makeModelDir({ 'signing-key-pub.pem': `public key of the test signer\n${key.publicPem}` }), 'signing-key-pub.pem');

/** A model whose signature leaves `ignore-me` and `cache/` out, as `model_signing sign --ignore-paths` does. */
function signedModel() {
  const dir = makeModelDir({ 'signme-1': 'signme-1\n', 'signme-2': 'signme-2', 'ignore-me': '', 'cache/a.bin': 'x' });
  const bundle = toBytes(keyBundle(buildStatement(dir, { ignore: ['ignore-me', 'cache'], format: 'v1.0' }), key, 'v1.0'));
  fs.writeFileSync(path.join(dir, 'model.sig'), bundle);
  return { dir, signature: parseModelSignature(bundle), signaturePath: path.join(dir, 'model.sig') };
}

async function cli(model: string, opts: Omit<VerifyModelOptions, 'key'>) {
  let stdout = '';
  let stderr = '';
  const code = await runVerifyModel(model, { key: [keyFile], ...opts }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('ignore paths given by the caller', () => {
  it('absolute paths inside the model directory are applied like relative ones', async () => {
    const { dir, signature, signaturePath } = signedModel();
    const without = await verifyModelFiles(dir, signature, { signaturePath });
    assert.equal(without.reasonCode, 'FILE_UNSIGNED');
    for (const ignorePaths of [
      [path.join(dir, 'ignore-me'), path.join(dir, 'cache')],
      ['ignore-me', 'cache'],
      [`${dir}/./ignore-me`, `${dir}/cache/`],
    ]) {
      const r = await verifyModelFiles(dir, signature, { signaturePath, ignorePaths });
      assert.equal(r.ok, true, `${JSON.stringify(ignorePaths)}: ${r.reason}`);
      assert.deepEqual(r.ignored.sort(), ['cache', 'ignore-me', 'model.sig']);
    }
  });

  it('an absolute path through a symlinked prefix of the model directory still counts', async () => {
    const { dir, signature, signaturePath } = signedModel();
    const linkParent = fs.mkdtempSync(path.join(os.tmpdir(), 'oms-link-'));
    const link = path.join(linkParent, 'model');
    fs.symlinkSync(dir, link);
    try {
      const r = await verifyModelFiles(link, signature, { signaturePath, ignorePaths: [path.join(dir, 'ignore-me'), path.join(dir, 'cache')] });
      assert.equal(r.ok, true, r.reason);
    } finally {
      fs.rmSync(linkParent, { recursive: true, force: true });
    }
  });

  it('a path outside the model, or the model directory itself, is refused with IGNORE_PATH_OUTSIDE_MODEL', async () => {
    const { dir, signature, signaturePath } = signedModel();
    for (const outside of [path.join(path.dirname(dir), 'elsewhere'), '../elsewhere', '/etc', dir, '.']) {
      const r = await verifyModelFiles(dir, signature, { signaturePath, ignorePaths: ['ignore-me', outside] });
      assert.equal(r.ok, false);
      assert.equal(r.reasonCode, 'IGNORE_PATH_OUTSIDE_MODEL', outside);
      assert.match(r.reason, /ignore path .+ (is outside the model directory|names the model directory)/);
      await assert.rejects(resolveIgnorePaths(dir, [outside]), (e: unknown) => e instanceof IgnorePathError && e.code === 'IGNORE_PATH_OUTSIDE_MODEL' && e.path === outside);
    }
  });

  it('verify-model accepts --ignore-paths /abs/model/ignore-me and refuses an outside path with exit 2', async () => {
    const { dir } = signedModel();
    const ok = await cli(dir, { ignorePaths: [path.join(dir, 'ignore-me'), path.join(dir, 'cache')] });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /Model: {5}OK/);

    const bad = await cli(dir, { ignorePaths: [path.join(os.tmpdir(), 'not-the-model', 'ignore-me')] });
    assert.equal(bad.code, 2, bad.stdout + bad.stderr);
    assert.match(bad.stderr, /--ignore-paths: ignore path .* is outside the model directory .*\(IGNORE_PATH_OUTSIDE_MODEL\)/);
    assert.equal(bad.stdout, '');
  });

  it('a single-file model (the model path is the file) verifies, with or without ignore paths', async () => {
    const dir = makeModelDir({ 'signme-1': 'signme-1\n' });
    const file = path.join(dir, 'signme-1');
    const sigFile = path.join(makeModelDir({}), 'model.sig');
    fs.writeFileSync(sigFile, toBytes(keyBundle(buildStatement(file, { format: 'v1.0' }), key, 'v1.0')));
    for (const ignorePaths of [[], [path.join(dir, 'ignore-me')]]) {
      const r = await cli(file, { signature: sigFile, ignorePaths });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /The signed entry matches the model file/);
    }
  });
});
