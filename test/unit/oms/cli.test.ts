import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerVerifyModel, runVerifyModel, type VerifyModelOptions } from '../../../services/cli/commands/verify-model.js';
import { buildStatement, certBundle, cleanupTmp, genEcKey, keyBundle, makeModelDir, makePki, makeSigstoreInstance, toBytes } from './fixtures.js';

after(cleanupTmp);

const files = { 'model.bin': 'weights', 'config.json': '{}' };

async function run(dir: string, opts: VerifyModelOptions) {
  let stdout = '';
  let stderr = '';
  const code = await runVerifyModel(dir, opts, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function keySigned(format: 'v1.0' | 'v1.1' = 'v1.1') {
  const key = genEcKey('P-384');
  const dir = makeModelDir(files);
  fs.writeFileSync(path.join(dir, 'model.sig'), toBytes(keyBundle(buildStatement(dir), key, format)));
  const keyFile = path.join(makeModelDir({ 'k.pub': `header text\n${key.publicPem}` }), 'k.pub');
  return { dir, keyFile };
}

describe('verify-model command', () => {
  it('exits 0 and says so when signature, trust and files all hold (default signature DIR/model.sig)', async () => {
    const { dir, keyFile } = keySigned();
    const r = await run(dir, { key: [keyFile] });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Signature: TRUSTED \(VERIFIED\)/);
    assert.match(r.stdout, /Model: {5}OK/);
    assert.match(r.stdout, /^Verified: /m);
  });

  it('exits 1 naming the modified file when the model was tampered with', async () => {
    const { dir, keyFile } = keySigned();
    fs.writeFileSync(path.join(dir, 'model.bin'), 'evil');
    const r = await run(dir, { key: [keyFile] });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAILED \(FILE_MODIFIED\)/);
    assert.match(r.stdout, /modified {2}model\.bin/);
    assert.match(r.stdout, /NOT VERIFIED/);
  });

  it('exits 1 for an untrusted signer and does not check the files', async () => {
    const { dir } = keySigned('v1.0');
    const other = path.join(makeModelDir({ 'o.pub': genEcKey().publicPem }), 'o.pub');
    const r = await run(dir, { key: [other] });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /UNTRUSTED \(KEY_NOT_TRUSTED\)/);
    assert.match(r.stdout, /not checked/);
  });

  it('points at the right flag when the method does not match', async () => {
    const pki = await makePki();
    const dir = makeModelDir(files);
    fs.writeFileSync(path.join(dir, 'model.sig'), toBytes(certBundle(buildStatement(dir), pki.leafKey, [pki.leafDer, pki.intermediate.der])));
    const keyFile = path.join(makeModelDir({ 'k.pub': genEcKey().publicPem }), 'k.pub');
    const wrong = await run(dir, { key: [keyFile] });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /signed with the 'certificate' method; verify it with --certificate-chain/);
    const caFile = path.join(makeModelDir({ 'ca.pem': pki.root.pem }), 'ca.pem');
    const right = await run(dir, { certificateChain: [caFile] });
    assert.equal(right.code, 0, right.stdout);
  });

  it('Sigstore: --identity/--identity-regex + --issuer with a private --trusted-root', async () => {
    const inst = await makeSigstoreInstance();
    const dir = makeModelDir(files);
    const sigFile = path.join(makeModelDir({}), 'bundle.sig');
    fs.writeFileSync(sigFile, toBytes(await inst.sign(buildStatement(dir), { san: 'mailto:ci@example.com', issuer: 'https://issuer.example' })));
    const rootFile = path.join(makeModelDir({ 'root.json': JSON.stringify(inst.trustedRoot) }), 'root.json');
    const ok = await run(dir, { signature: sigFile, identity: 'mailto:ci@example.com', issuer: 'https://issuer.example', trustedRoot: [rootFile] });
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /signer mailto:ci@example\.com via https:\/\/issuer\.example/);
    assert.match(ok.stdout, /signed at \d{4}-/);
    const regex = await run(dir, { signature: sigFile, identityRegex: 'mailto:.*@example\\.com', issuer: 'https://issuer.example', trustedRoot: [rootFile] });
    assert.equal(regex.code, 0, regex.stdout);
    const wrong = await run(dir, { signature: sigFile, identity: 'mailto:eve@example.com', issuer: 'https://issuer.example', trustedRoot: [rootFile] });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /IDENTITY_MISMATCH/);
    const publicGood = await run(dir, { signature: sigFile, identity: 'mailto:ci@example.com', issuer: 'https://issuer.example' });
    assert.equal(publicGood.code, 1);
    assert.match(publicGood.stdout, /SIGSTORE_CERT_UNTRUSTED/);
  });

  it('--json prints the full machine-readable result', async () => {
    const { dir, keyFile } = keySigned();
    fs.writeFileSync(path.join(dir, 'extra.txt'), 'x');
    const r = await run(dir, { key: [keyFile], json: true });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { ok: boolean; signature: { trust: string }; manifest: { reasonCode: string; extra: string[] } };
    assert.equal(report.ok, false);
    assert.equal(report.signature.trust, 'TRUSTED');
    assert.equal(report.manifest.reasonCode, 'FILE_UNSIGNED');
    assert.deepEqual(report.manifest.extra, ['extra.txt']);
    const ignored = await run(dir, { key: [keyFile], json: true, ignorePaths: ['extra.txt'] });
    assert.equal(ignored.code, 0);
    const unsigned = await run(dir, { key: [keyFile], ignoreUnsignedFiles: true });
    assert.equal(unsigned.code, 0);
  });

  it('--trust-config drives the policy', async () => {
    const { dir, keyFile } = keySigned();
    const cfgDir = makeModelDir({ 'trust.yaml': `keys:\n  - name: ops\n    path: ${keyFile}\n` });
    const r = await run(dir, { trustConfig: path.join(cfgDir, 'trust.yaml') });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /key 'ops'/);
  });

  it('exits 2 with a clear message on usage and input errors', async () => {
    const { dir, keyFile } = keySigned();
    const noTrust = await run(dir, {});
    assert.equal(noTrust.code, 2);
    assert.match(noTrust.stderr, /say whom to trust/);
    assert.equal((await run(dir, { identity: 'a@b.c' })).code, 2);
    assert.equal((await run(dir, { key: [keyFile], identity: 'a@b.c', issuer: 'https://x' })).code, 2);
    const noSig = await run(dir, { key: [keyFile], signature: path.join(dir, 'nope.sig') });
    assert.equal(noSig.code, 2);
    assert.match(noSig.stderr, /cannot read signature/);
    const badCfg = await run(dir, { trustConfig: path.join(dir, 'missing.yaml') });
    assert.equal(badCfg.code, 2);
    assert.match(badCfg.stderr, /invalid trust configuration/);
    assert.equal((await run(path.join(dir, 'nope'), { key: [keyFile] })).code, 2);
  });

  it('registers on a commander program with flags wired to the command', async () => {
    const { dir, keyFile } = keySigned();
    const chunks: string[] = [];
    const program = new Command('supplygraph').exitOverride();
    registerVerifyModel(program, { stdout: (t) => chunks.push(t), stderr: (t) => chunks.push(t) });
    const cmd = program.commands.find((c) => c.name() === 'verify-model');
    assert.ok(cmd);
    const help = cmd.helpInformation();
    for (const flag of ['--signature', '--key', '--certificate-chain', '--identity', '--issuer', '--trusted-root', '--ignore-paths', '--ignore-unsigned-files', '--json', '--trust-config']) {
      assert.ok(help.includes(flag), `help mentions ${flag}`);
    }
    const previous = process.exitCode;
    await program.parseAsync(['verify-model', dir, '--signature', path.join(dir, 'model.sig'), '--key', keyFile, '--json'], { from: 'user' });
    const code = process.exitCode;
    process.exitCode = previous;
    assert.equal(code, 0);
    assert.equal((JSON.parse(chunks.join('')) as { ok: boolean }).ok, true);
  });
});
