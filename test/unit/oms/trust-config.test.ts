import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyModelSignature } from '../../../verify/index.js';
import { loadTrustConfig, TrustConfigError, watchTrustConfig } from '../../../services/trust/index.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, makeRootCA, makeSigstoreInstance, toBytes } from './fixtures.js';

after(cleanupTmp);

async function rejects(configDir: string, file: string, text: string, field: RegExp): Promise<TrustConfigError> {
  const p = path.join(configDir, file);
  fs.writeFileSync(p, text);
  try {
    await loadTrustConfig(p);
  } catch (e) {
    assert.ok(e instanceof TrustConfigError, String(e));
    assert.match(e.field, field, e.message);
    return e;
  }
  assert.fail(`expected ${file} to be rejected`);
}

describe('trust configuration', () => {
  it('loads YAML with key files, inline PEM, CA bundles, identities and private trusted roots', async () => {
    const k1 = genEcKey('P-384');
    const k2 = genEcKey('P-256');
    const ca = await makeRootCA({ alg: 'RSA' });
    const inst = await makeSigstoreInstance();
    const dir = makeModelDir({
      'keys/release.pub': `Public Key Info: some header\n${k1.publicPem}`,
      'pki/roots.pem': ca.pem,
      'sigstore/root.json': JSON.stringify(inst.trustedRoot),
      'trust.yaml': [
        'version: 1',
        'keys:',
        '  - name: release',
        '    path: keys/release.pub',
        '  - name: inline',
        '    pem: |',
        ...k2.publicPem.trim().split('\n').map((l) => `      ${l}`),
        'certificateAuthorities:',
        '  - pki/roots.pem',
        'sigstore:',
        '  usePublicGood: false',
        '  trustedRoots:',
        '    - path: sigstore/root.json',
        '  identities:',
        '    - issuer: https://accounts.example.test',
        '      san: alice@example.com',
        '    - issuer: https://token.actions.example.test',
        '      sanPattern: "https://github\\\\.com/acme/.*"',
      ].join('\n'),
    });
    const loaded = await loadTrustConfig(path.join(dir, 'trust.yaml'));
    const p = loaded.policy;
    assert.deepEqual(p.keys.map((k) => k.name), ['release', 'inline']);
    assert.equal(p.certificateAuthorities.length, 1);
    assert.equal(p.certificateAuthorities[0].name, 'pki/roots.pem');
    assert.equal(p.sigstore.usePublicGood, false);
    assert.equal(p.sigstore.trustedRoots.length, 1);
    assert.deepEqual(p.sigstore.identities, [
      { issuer: 'https://accounts.example.test', san: 'alice@example.com' },
      { issuer: 'https://token.actions.example.test', sanPattern: 'https://github\\.com/acme/.*' },
    ]);
    assert.deepEqual(loaded.files.map((f) => path.relative(dir, f)).sort(), ['keys/release.pub', 'pki/roots.pem', 'sigstore/root.json', 'trust.yaml']);

    const payload = buildStatement(makeModelDir({ m: 'x' }));
    const r = await verifyModelSignature(toBytes(keyBundle(payload, k1, 'v1.1')), p);
    assert.equal(r.trust, 'TRUSTED', r.reason);
    assert.equal(r.signer?.subject, 'release');
  });

  it('loads JSON and defaults usePublicGood to true', async () => {
    const k = genEcKey();
    const dir = makeModelDir({ 'trust.json': JSON.stringify({ keys: [{ pem: k.publicPem }] }) });
    const { policy } = await loadTrustConfig(path.join(dir, 'trust.json'));
    assert.equal(policy.keys.length, 1);
    assert.equal(policy.sigstore.usePublicGood, true);
    assert.deepEqual(policy.sigstore.identities, []);
  });

  it('names the offending field in every validation error', async () => {
    const dir = makeModelDir({ 'not-a-key.pem': 'hello', 'bad-root.json': '{"mediaType":"x"}' });
    await rejects(dir, 'a.yaml', 'keyz: []', /^keyz$/);
    await rejects(dir, 'b.yaml', 'version: 2', /^version$/);
    await rejects(dir, 'c.yaml', 'keys:\n  - path: missing.pem', /^keys\[0\]\.path$/);
    await rejects(dir, 'd.yaml', 'keys:\n  - path: not-a-key.pem', /^keys\[0\]$/);
    await rejects(dir, 'e.yaml', 'keys:\n  - name: x', /^keys\[0\]$/);
    await rejects(dir, 'f.yaml', 'certificateAuthorities:\n  - pem: nonsense', /^certificateAuthorities\[0\]$/);
    await rejects(dir, 'g.yaml', 'sigstore:\n  identities:\n    - san: a@b.c', /^sigstore\.identities\[0\]\.issuer$/);
    await rejects(dir, 'h.yaml', 'sigstore:\n  identities:\n    - issuer: https://x\n      san: a\n      sanPattern: b', /^sigstore\.identities\[0\]$/);
    await rejects(dir, 'i.yaml', 'sigstore:\n  identities:\n    - issuer: https://x\n      sanPattern: "("', /^sigstore\.identities\[0\]\.sanPattern$/);
    await rejects(dir, 'j.yaml', 'sigstore:\n  trustedRoots:\n    - bad-root.json', /^sigstore\.trustedRoots\[0\]$/);
    await rejects(dir, 'k.yaml', 'sigstore:\n  usePublicGood: "yes"', /^sigstore\.usePublicGood$/);
    await rejects(dir, 'l.yaml', 'keys: {a: 1}', /^keys$/);
    const syntax = await rejects(dir, 'm.yaml', 'keys: [', /^$/);
    assert.match(syntax.message, /YAML/);
  });

  it('the watcher reloads on change, keeps the last good policy on a bad edit, and recovers', async () => {
    const k1 = genEcKey();
    const k2 = genEcKey();
    const dir = makeModelDir({ 'k1.pem': k1.publicPem, 'k2.pem': k2.publicPem, 'trust.yaml': 'keys:\n  - k1.pem\n' });
    const cfg = path.join(dir, 'trust.yaml');
    const reloads: number[] = [];
    const errors: Error[] = [];
    const w = await watchTrustConfig(cfg, { debounceMs: 30, onReload: (p) => reloads.push(p.keys.length), onError: (e) => errors.push(e) });
    try {
      assert.equal(w.current().keys.length, 1);
      const until = async (cond: () => boolean, what: string) => {
        for (let i = 0; i < 200 && !cond(); i++) await sleep(20);
        assert.ok(cond(), `timed out waiting for ${what}`);
      };

      fs.writeFileSync(cfg, 'keys:\n  - k1.pem\n  - k2.pem\n');
      await until(() => w.current().keys.length === 2, 'reload with two keys');
      assert.equal(w.lastError(), null);

      fs.writeFileSync(cfg, 'keys:\n  - nope.pem\n');
      await until(() => errors.length > 0, 'reload error');
      assert.equal(w.current().keys.length, 2, 'the last good policy stays in force');
      assert.ok(w.lastError() instanceof TrustConfigError);

      // Atomic save (write + rename), as editors do.
      fs.writeFileSync(cfg + '.tmp', 'keys:\n  - k2.pem\n');
      fs.renameSync(cfg + '.tmp', cfg);
      await until(() => w.current().keys.length === 1 && w.lastError() === null, 'recovery');
      assert.equal(w.current().keys[0].pem, k2.publicPem);

      // A referenced key file changing also triggers a reload.
      const k3 = genEcKey();
      fs.writeFileSync(path.join(dir, 'k2.pem'), k3.publicPem);
      await until(() => w.current().keys[0].pem === k3.publicPem, 'reload after key file change');
      assert.ok(reloads.length >= 3);
    } finally {
      w.close();
    }
  });

  it('the first load of a watcher fails loudly', async () => {
    const dir = makeModelDir({ 'trust.yaml': 'keys:\n  - missing.pem\n' });
    await assert.rejects(watchTrustConfig(path.join(dir, 'trust.yaml')), TrustConfigError);
  });
});
