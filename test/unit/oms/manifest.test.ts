import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseModelSignature, verifyModelFiles, type ModelSignature } from '../../../verify/index.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, toBytes, type StatementOptions } from './fixtures.js';

after(cleanupTmp);

const key = genEcKey('P-256');
const files = {
  'config.json': '{"hidden": 64}',
  'weights/part-1.bin': Buffer.alloc(3000, 1),
  'weights/part-2.bin': Buffer.alloc(1234, 2),
  'tokenizer/vocab.txt': 'hello\nworld\n',
};

/** Sign `dir` with the test signer and parse the result (as the pipeline would). */
function sign(dir: string, opts: StatementOptions = {}): ModelSignature {
  return parseModelSignature(toBytes(keyBundle(buildStatement(dir, opts), key, opts.format ?? 'v1.0')));
}

describe('verifyModelFiles', () => {
  it('matches an untouched model (with .git and the signature itself present)', async () => {
    const dir = makeModelDir({ ...files, '.git/HEAD': 'ref', '.gitattributes': '*', 'model.sig': '{}' });
    const sig = sign(dir);
    const r = await verifyModelFiles(dir, sig, { signaturePath: path.join(dir, 'model.sig') });
    assert.equal(r.ok, true, r.reason);
    assert.equal(r.reasonCode, 'MANIFEST_MATCH');
    assert.equal(r.matched, 4);
    assert.deepEqual(r.ignored.sort(), ['.git', '.gitattributes', 'model.sig']);
  });

  it('tampered file → FILE_MODIFIED with expected and actual digests', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir);
    fs.writeFileSync(path.join(dir, 'weights/part-2.bin'), Buffer.alloc(1234, 3));
    const r = await verifyModelFiles(dir, sig, {});
    assert.equal(r.ok, false);
    assert.equal(r.reasonCode, 'FILE_MODIFIED');
    assert.equal(r.modified.length, 1);
    assert.equal(r.modified[0].name, 'weights/part-2.bin');
    assert.notEqual(r.modified[0].actual, r.modified[0].expected);
    assert.equal(r.matched, 3);
  });

  it('extra file → FILE_UNSIGNED; accepted with ignoreUnsignedFiles or ignorePaths', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir);
    fs.writeFileSync(path.join(dir, 'backdoor.py'), 'import os');
    const r = await verifyModelFiles(dir, sig, {});
    assert.equal(r.reasonCode, 'FILE_UNSIGNED');
    assert.deepEqual(r.extra, ['backdoor.py']);
    assert.equal((await verifyModelFiles(dir, sig, { ignoreUnsignedFiles: true })).ok, true);
    assert.equal((await verifyModelFiles(dir, sig, { ignorePaths: ['backdoor.py'] })).ok, true);
  });

  it('missing file → FILE_MISSING', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir);
    fs.rmSync(path.join(dir, 'tokenizer/vocab.txt'));
    const r = await verifyModelFiles(dir, sig, {});
    assert.equal(r.reasonCode, 'FILE_MISSING');
    assert.deepEqual(r.missing, ['tokenizer/vocab.txt']);
    assert.equal((await verifyModelFiles(dir, sig, { ignoreUnsignedFiles: true })).reasonCode, 'FILE_MISSING', 'ignoring unsigned files never excuses a missing signed file');
  });

  it('several kinds of problems → MANIFEST_MISMATCH listing each', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir);
    fs.rmSync(path.join(dir, 'config.json'));
    fs.writeFileSync(path.join(dir, 'new.txt'), 'x');
    const r = await verifyModelFiles(dir, sig, {});
    assert.equal(r.reasonCode, 'MANIFEST_MISMATCH');
    assert.deepEqual(r.missing, ['config.json']);
    assert.deepEqual(r.extra, ['new.txt']);
  });

  it('ignore rules cover directories, but a signed file is checked even when ignored', async () => {
    const dir = makeModelDir({ ...files, 'cache/a.tmp': '1', 'cache/b/c.tmp': '2', 'sub/.git/x': 'nested .git is not a default exclusion' });
    const sig = sign(dir, { ignore: ['cache'] });
    assert.ok(sig.resources.some((r) => r.name === 'sub/.git/x'));
    const r = await verifyModelFiles(dir, sig, { ignorePaths: ['cache'] });
    assert.equal(r.ok, true, r.reason);
    fs.writeFileSync(path.join(dir, 'config.json'), 'tampered');
    const t = await verifyModelFiles(dir, sig, { ignorePaths: ['cache', 'config.json'] });
    assert.equal(t.reasonCode, 'FILE_MODIFIED');
  });

  it('v1.1 ignore_paths recorded in the signature are honoured without caller help', async () => {
    const dir = makeModelDir({ ...files, 'notes.txt': 'unsigned on purpose' });
    const sig = sign(dir, { format: 'v1.1', ignore: ['notes.txt'] });
    assert.ok(sig.serialization?.ignorePaths?.includes('notes.txt'));
    const r = await verifyModelFiles(dir, sig, {});
    assert.equal(r.ok, true, r.reason);
    assert.ok(r.ignored.includes('notes.txt'));
  });

  it('verifies shard manifests and catches shard tampering and growth', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir, { shardSize: 1000 });
    assert.equal(sig.resources.filter((r) => r.name.startsWith('weights/part-1.bin:')).length, 3);
    const ok = await verifyModelFiles(dir, sig, { concurrency: 3 });
    assert.equal(ok.ok, true, ok.reason);
    assert.equal(ok.matched, sig.resources.length);

    const p = path.join(dir, 'weights/part-1.bin');
    const data = fs.readFileSync(p);
    data[1500] = 9;
    fs.writeFileSync(p, data);
    const tampered = await verifyModelFiles(dir, sig, {});
    assert.equal(tampered.reasonCode, 'FILE_MODIFIED');
    assert.deepEqual(tampered.modified.map((m) => m.name), ['weights/part-1.bin:1000:2000']);

    fs.appendFileSync(path.join(dir, 'config.json'), ' ');
    const grown = await verifyModelFiles(dir, sig, {});
    assert.ok(grown.modified.some((m) => m.name.startsWith('config.json:')));
  });

  for (const hashType of ['blake2b', 'blake3'] as const) {
    it(`verifies ${hashType} manifests`, async () => {
      const dir = makeModelDir(files);
      const sig = sign(dir, { hashType });
      assert.equal((await verifyModelFiles(dir, sig, {})).ok, true);
      fs.writeFileSync(path.join(dir, 'config.json'), '{}');
      assert.equal((await verifyModelFiles(dir, sig, {})).reasonCode, 'FILE_MODIFIED');
    });
  }

  it("single-file model named '.': pass the file, or its directory (resolved by model name)", async () => {
    const dir = makeModelDir({ 'model.gguf': 'gguf-bytes', 'model.sig': '{}' });
    const file = path.join(dir, 'model.gguf');
    const sig = sign(file);
    assert.deepEqual(sig.resources.map((r) => r.name), ['.']);
    assert.equal(sig.modelName, 'model.gguf');
    assert.equal((await verifyModelFiles(file, sig, {})).ok, true);
    const viaDir = await verifyModelFiles(dir, sig, { signaturePath: path.join(dir, 'model.sig') });
    assert.equal(viaDir.ok, true, viaDir.reason);
    fs.writeFileSync(file, 'tampered');
    assert.equal((await verifyModelFiles(file, sig, {})).reasonCode, 'FILE_MODIFIED');
  });

  it('refuses symlinks unless the signature allows them', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir);
    fs.symlinkSync(path.join(dir, 'config.json'), path.join(dir, 'link.json'));
    const r = await verifyModelFiles(dir, sig, {});
    assert.equal(r.reasonCode, 'SYMLINK_NOT_ALLOWED');
    const allowed: ModelSignature = { ...sig, serialization: { ...sig.serialization!, allowSymlinks: true } };
    assert.equal((await verifyModelFiles(dir, allowed, {})).reasonCode, 'FILE_UNSIGNED');
  });

  it('a signed file replaced by a symlink is refused', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir);
    const outside = makeModelDir({ 'config.json': '{"hidden": 64}' });
    fs.rmSync(path.join(dir, 'config.json'));
    fs.symlinkSync(path.join(outside, 'config.json'), path.join(dir, 'config.json'));
    const r = await verifyModelFiles(dir, sig, {});
    assert.equal(r.ok, false);
    assert.equal(r.reasonCode, 'SYMLINK_NOT_ALLOWED');
  });

  it('missing model path → MODEL_NOT_FOUND; unknown hash → HASH_ALGORITHM_UNSUPPORTED; escaping entry → MANIFEST_INVALID', async () => {
    const dir = makeModelDir(files);
    const sig = sign(dir);
    assert.equal((await verifyModelFiles(path.join(dir, 'nope'), sig, {})).reasonCode, 'MODEL_NOT_FOUND');
    const weird: ModelSignature = { ...sig, resources: sig.resources.map((r) => ({ ...r, algorithm: 'md5' })) };
    assert.equal((await verifyModelFiles(dir, weird, {})).reasonCode, 'HASH_ALGORITHM_UNSUPPORTED');
    const escaping: ModelSignature = { ...sig, resources: [{ ...sig.resources[0], name: '../outside' }] };
    assert.equal((await verifyModelFiles(dir, escaping, {})).reasonCode, 'MANIFEST_INVALID');
  });
});
