import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { verifyModelSignature } from '../../../verify/index.js';
import {
  buildStatement,
  caPolicy,
  certBundle,
  cleanupTmp,
  genEcKey,
  issueLeaf,
  makeIntermediateCA,
  makeModelDir,
  makePki,
  makeRootCA,
  toBytes,
} from './fixtures.js';

after(cleanupTmp);

const DAY = 86_400_000;
const files = { 'model.safetensors': 'tensor-bytes', 'README.md': '# model' };

describe('certificate method', () => {
  for (const rootAlg of ['RSA', 'EC'] as const) {
    it(`trusts root(${rootAlg}) → intermediate → leaf, chain in the bundle, root in the policy`, async () => {
      const pki = await makePki({ rootAlg, leafCurve: 'P-384' });
      const payload = buildStatement(makeModelDir(files));
      const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(pki.root.pem));
      assert.equal(r.trust, 'TRUSTED', r.reason);
      assert.equal(r.signature?.method, 'certificate');
      assert.equal(r.signer?.kind, 'certificate');
      assert.equal(r.signer?.subject, 'CN=Model Signer');
      assert.equal(r.signer?.san, 'signer@example.com');
      assert.match(r.signer?.issuer ?? '', /Intermediate/);
      assert.match(r.signer?.certificateFingerprint ?? '', /^[0-9a-f]{64}$/);
    });
  }

  it('accepts the intermediate as the configured trust anchor too', async () => {
    const pki = await makePki({ leafCurve: 'P-256' });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer])), caPolicy(pki.intermediate.pem));
    assert.equal(r.trust, 'TRUSTED', r.reason);
  });

  it('a CA bundle file with several certificates works', async () => {
    const pki = await makePki({ leafCurve: 'P-521' });
    const unrelated = await makeRootCA({ alg: 'EC', name: 'CN=Unrelated' });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(unrelated.pem + pki.root.pem));
    assert.equal(r.trust, 'TRUSTED', r.reason);
  });

  it('wrong CA → UNTRUSTED / CERT_CHAIN_UNTRUSTED', async () => {
    const pki = await makePki();
    const other = await makeRootCA({ alg: 'RSA', name: 'CN=Other Root' });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(other.pem));
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'CERT_CHAIN_UNTRUSTED');
    assert.equal(r.signer?.subject, 'CN=Model Signer');
  });

  it('a look-alike root with the same name but another key is not trusted', async () => {
    const pki = await makePki();
    const fake = await makeRootCA({ alg: 'RSA', name: 'CN=Test Root RSA' });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(fake.pem));
    assert.equal(r.reasonCode, 'CERT_CHAIN_UNTRUSTED');
  });

  it('missing intermediate → UNTRUSTED / CERT_CHAIN_UNTRUSTED', async () => {
    const pki = await makePki();
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer])), caPolicy(pki.root.pem));
    assert.equal(r.reasonCode, 'CERT_CHAIN_UNTRUSTED');
  });

  it('expired leaf → UNTRUSTED / CERT_EXPIRED', async () => {
    const pki = await makePki({ leaf: { notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) } });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(pki.root.pem));
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'CERT_EXPIRED');
  });

  it('expired root CA → UNTRUSTED / CERT_EXPIRED; valid again when checked at an earlier time', async () => {
    const root = await makeRootCA({ alg: 'RSA', notBefore: new Date(Date.now() - 20 * DAY), notAfter: new Date(Date.now() - DAY) });
    const inter = await makeIntermediateCA(root, { notBefore: new Date(Date.now() - 19 * DAY), notAfter: new Date(Date.now() + 100 * DAY) });
    const key = genEcKey('P-256');
    const leaf = await issueLeaf(inter, key, { notBefore: new Date(Date.now() - 18 * DAY) });
    const bytes = toBytes(certBundle(buildStatement(makeModelDir(files)), key, [leaf, inter.der]));
    const r = await verifyModelSignature(bytes, caPolicy(root.pem));
    assert.equal(r.reasonCode, 'CERT_EXPIRED');
    assert.match(r.reason, /Test Root RSA/);
    const earlier = await verifyModelSignature(bytes, caPolicy(root.pem), { now: new Date(Date.now() - 5 * DAY) });
    assert.equal(earlier.trust, 'TRUSTED', earlier.reason);
  });

  it('not-yet-valid leaf → UNTRUSTED / CERT_NOT_YET_VALID', async () => {
    const pki = await makePki({ leaf: { notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 10 * DAY) } });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(pki.root.pem));
    assert.equal(r.reasonCode, 'CERT_NOT_YET_VALID');
  });

  it('leaf without codeSigning EKU → UNTRUSTED / CERT_USAGE_INVALID', async () => {
    const pki = await makePki({ leaf: { eku: 'serverAuth' } });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(pki.root.pem));
    assert.equal(r.reasonCode, 'CERT_USAGE_INVALID');
    assert.match(r.reason, /codeSigning/);
  });

  it('leaf keyUsage without digitalSignature → UNTRUSTED / CERT_USAGE_INVALID', async () => {
    const pki = await makePki({ leaf: { keyUsage: 'keyEncipherment', eku: 'none' } });
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy(pki.root.pem));
    assert.equal(r.reasonCode, 'CERT_USAGE_INVALID');
    assert.match(r.reason, /digitalSignature/);
  });

  it('an intermediate that is not a CA cannot issue → UNTRUSTED / CERT_USAGE_INVALID', async () => {
    const root = await makeRootCA({ alg: 'EC' });
    const notCa = await makeIntermediateCA(root, { isCA: false, keyCertSign: false });
    const key = genEcKey('P-256');
    const leaf = await issueLeaf(notCa, key);
    const r = await verifyModelSignature(toBytes(certBundle(buildStatement(makeModelDir(files)), key, [leaf, notCa.der])), caPolicy(root.pem));
    assert.equal(r.reasonCode, 'CERT_USAGE_INVALID');
  });

  it('signature by a different key than the certificate → INVALID / SIGNATURE_INVALID', async () => {
    const pki = await makePki();
    const payload = buildStatement(makeModelDir(files));
    const r = await verifyModelSignature(toBytes(certBundle(payload, genEcKey('P-384'), [pki.leafDer, pki.intermediate.der])), caPolicy(pki.root.pem));
    assert.equal(r.trust, 'INVALID');
    assert.equal(r.reasonCode, 'SIGNATURE_INVALID');
  });

  it('garbage certificate bytes → INVALID / CERTIFICATE_MALFORMED', async () => {
    const pki = await makePki();
    const payload = buildStatement(makeModelDir(files));
    const bundle = certBundle(payload, pki.leafKey, [Buffer.from('not a certificate')]);
    const r = await verifyModelSignature(toBytes(bundle), caPolicy(pki.root.pem));
    assert.equal(r.reasonCode, 'CERTIFICATE_MALFORMED');
  });

  it('no CA configured → UNTRUSTED / CERT_CHAIN_UNTRUSTED', async () => {
    const pki = await makePki();
    const r = await verifyModelSignature(toBytes(certBundle(buildStatement(makeModelDir(files)), pki.leafKey, [pki.leafDer, pki.intermediate.der])), caPolicy());
    assert.equal(r.reasonCode, 'CERT_CHAIN_UNTRUSTED');
  });
});
