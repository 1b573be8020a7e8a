import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { verifyModelSignature } from '../../../verify/index.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, keyPolicy, makeModelDir, signPae, toBytes, type Curve } from './fixtures.js';

after(cleanupTmp);

const files = { 'weights.bin': 'w'.repeat(100), 'config.json': '{"layers":2}', 'sub/tokenizer.json': '{}' };

describe('key method', () => {
  for (const curve of ['P-256', 'P-384', 'P-521'] as Curve[]) {
    for (const format of ['v1.0', 'v1.1'] as const) {
      it(`trusts a ${curve} ${format} bundle signed by a configured key`, async () => {
        const dir = makeModelDir(files);
        const key = genEcKey(curve);
        const payload = buildStatement(dir, { format });
        const r = await verifyModelSignature(toBytes(keyBundle(payload, key, format)), keyPolicy(genEcKey('P-256'), key));
        assert.equal(r.trust, 'TRUSTED', r.reason);
        assert.equal(r.reasonCode, 'VERIFIED');
        assert.equal(r.signer?.kind, 'key');
        assert.equal(r.signer?.subject, 'key-1');
        assert.match(r.signer?.keyFingerprint ?? '', /^[0-9a-f]{64}$/);
        assert.equal(r.signature?.method, 'key');
        assert.equal(r.signature?.formatVersion, format);
        assert.equal(r.signature?.resources.length, 3);
      });
    }
  }

  it('accepts a trusted key file with a text header before the PEM block', async () => {
    const dir = makeModelDir(files);
    const key = genEcKey('P-384');
    const payload = buildStatement(dir);
    const policy = keyPolicy(key);
    policy.keys[0].pem = `Public Key Information:\n\tPublic Key Algorithm: EC/ECDSA\n\n${key.publicPem}`;
    const r = await verifyModelSignature(toBytes(keyBundle(payload, key, 'v1.1')), policy);
    assert.equal(r.trust, 'TRUSTED', r.reason);
  });

  it('embedded key not in the policy → UNTRUSTED / KEY_NOT_TRUSTED', async () => {
    const dir = makeModelDir(files);
    const signer = genEcKey('P-256');
    const r = await verifyModelSignature(toBytes(keyBundle(buildStatement(dir), signer, 'v1.0')), keyPolicy(genEcKey('P-256')));
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'KEY_NOT_TRUSTED');
    assert.ok(r.signer?.keyFingerprint, 'the untrusted signer is still identified');
  });

  it('hint-only bundle and wrong key → UNTRUSTED / KEY_UNKNOWN', async () => {
    const dir = makeModelDir(files);
    const r = await verifyModelSignature(toBytes(keyBundle(buildStatement(dir), genEcKey('P-384'), 'v1.1')), keyPolicy(genEcKey('P-384')));
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'KEY_UNKNOWN');
    assert.equal(r.signer, null);
  });

  it('tampered payload with the embedded key → INVALID / SIGNATURE_INVALID', async () => {
    const dir = makeModelDir(files);
    const key = genEcKey('P-256');
    const bundle = keyBundle(buildStatement(dir), key, 'v1.0');
    const other = makeModelDir({ ...files, 'weights.bin': 'evil' });
    (bundle.dsseEnvelope as { payload: string }).payload = buildStatement(other).toString('base64');
    const r = await verifyModelSignature(toBytes(bundle), keyPolicy(key));
    assert.equal(r.trust, 'INVALID');
    assert.equal(r.reasonCode, 'SIGNATURE_INVALID');
    assert.equal(r.signer, null);
  });

  it('swapped payload under a hint that names a trusted key → INVALID / SIGNATURE_INVALID', async () => {
    const key = genEcKey('P-384');
    const a = keyBundle(buildStatement(makeModelDir(files)), key, 'v1.1');
    const b = keyBundle(buildStatement(makeModelDir({ 'other.bin': 'x' })), key, 'v1.1');
    (a.dsseEnvelope as { payload: string }).payload = (b.dsseEnvelope as { payload: string }).payload;
    const r = await verifyModelSignature(toBytes(a), keyPolicy(key));
    assert.equal(r.trust, 'INVALID');
    assert.equal(r.reasonCode, 'SIGNATURE_INVALID');
  });

  it('a stripped or wrong hint does not matter when a trusted key verifies', async () => {
    const key = genEcKey('P-256');
    const bundle = keyBundle(buildStatement(makeModelDir(files)), key, 'v1.1');
    (bundle.verificationMaterial as { publicKey: { hint: string } }).publicKey.hint = '00'.repeat(32);
    const r = await verifyModelSignature(toBytes(bundle), keyPolicy(key));
    assert.equal(r.trust, 'TRUSTED', r.reason);
  });

  it('a P-384 signature made with SHA-256 is rejected (hash must follow the curve)', async () => {
    const key = genEcKey('P-384');
    const payload = buildStatement(makeModelDir(files));
    const bundle = keyBundle(payload, key, 'v1.0');
    const { sign } = await import('node:crypto');
    const wrong = sign('sha256', Buffer.concat([Buffer.from(`DSSEv1 28 application/vnd.in-toto+json ${payload.length} `), payload]), key.privateKey);
    (bundle.dsseEnvelope as { signatures: Array<{ sig: string }> }).signatures[0].sig = wrong.toString('base64');
    const r = await verifyModelSignature(toBytes(bundle), keyPolicy(key));
    assert.equal(r.reasonCode, 'SIGNATURE_INVALID');
  });

  it('rejects non-EC embedded keys → INVALID / KEY_UNSUPPORTED', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { publicKey } = generateKeyPairSync('ed25519');
    const key = genEcKey('P-256');
    const bundle = keyBundle(buildStatement(makeModelDir(files)), key, 'v1.0');
    (bundle.verificationMaterial as { publicKey: { rawBytes: string } }).publicKey.rawBytes = Buffer.from(publicKey.export({ format: 'pem', type: 'spki' })).toString('base64');
    const r = await verifyModelSignature(toBytes(bundle), keyPolicy(key));
    assert.equal(r.reasonCode, 'KEY_UNSUPPORTED');
  });

  it('an unusable policy key → UNTRUSTED / POLICY_INVALID, never TRUSTED', async () => {
    const key = genEcKey('P-256');
    const policy = keyPolicy(key);
    policy.keys.push({ name: 'broken', pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' });
    const r = await verifyModelSignature(toBytes(keyBundle(buildStatement(makeModelDir(files)), key, 'v1.1')), policy);
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'POLICY_INVALID');
    assert.match(r.reason, /broken/);
  });

  it('verifies the sign helper itself (sanity: signPae output verifies under the standard PAE)', async () => {
    const { verify } = await import('node:crypto');
    const key = genEcKey('P-521');
    const payload = Buffer.from('{}');
    const sig = signPae(key, payload);
    assert.equal(verify('sha512', Buffer.from(`DSSEv1 28 application/vnd.in-toto+json 2 {}`), key.publicKey, sig), true);
  });
});
