import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emptyTrustPolicy, publicGoodTrustedRoot, verifyModelSignature } from '../../../verify/index.js';
import { buildStatement, cleanupTmp, makeModelDir, makeSigstoreInstance, sigstorePolicy, toBytes, type SigstoreInstance } from './fixtures.js';

after(cleanupTmp);

const ISSUER = 'https://accounts.example.test';
const SAN = 'mailto:alice@example.com';
const files = { 'model.bin': 'abc', 'vocab.txt': 'a\nb\n' };

type Bundle = Record<string, unknown> & {
  verificationMaterial: { tlogEntries: Array<Record<string, unknown>>; certificate?: { rawBytes: string } };
  dsseEnvelope: { payload: string; signatures: Array<{ sig: string }> };
};

describe('sigstore (keyless) method', () => {
  let inst: SigstoreInstance;
  let payload: Buffer;
  let bundle: Bundle;
  before(async () => {
    inst = await makeSigstoreInstance();
    payload = buildStatement(makeModelDir(files));
    bundle = (await inst.sign(payload, { san: SAN, issuer: ISSUER })) as Bundle;
  });
  const clone = (): Bundle => structuredClone(bundle);

  it('trusts a keyless signature from a configured private instance and identity', async () => {
    const r = await verifyModelSignature(toBytes(bundle), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, san: SAN }]));
    assert.equal(r.trust, 'TRUSTED', r.reason);
    assert.equal(r.signature?.method, 'sigstore');
    assert.equal(r.signer?.kind, 'oidc');
    assert.equal(r.signer?.san, SAN);
    assert.equal(r.signer?.issuer, ISSUER);
    assert.ok(r.signature?.signedAt, 'signing time comes from the verified tlog entry');
    assert.ok(Math.abs(Date.parse(r.signature!.signedAt!) - Date.now()) < 5 * 60_000);
  });

  it('matches identities by full-match regex', async () => {
    const ok = await verifyModelSignature(toBytes(bundle), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, sanPattern: 'mailto:[a-z]+@example\\.com' }]));
    assert.equal(ok.trust, 'TRUSTED', ok.reason);
    const partial = await verifyModelSignature(toBytes(bundle), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, sanPattern: 'alice' }]));
    assert.equal(partial.reasonCode, 'IDENTITY_MISMATCH', 'a pattern must match the whole SAN, not a substring');
  });

  it('wrong identity → UNTRUSTED / IDENTITY_MISMATCH', async () => {
    const r = await verifyModelSignature(toBytes(bundle), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, san: 'mailto:mallory@example.com' }]));
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'IDENTITY_MISMATCH');
    assert.equal(r.signer?.san, SAN);
  });

  it('right SAN from the wrong OIDC issuer → UNTRUSTED / IDENTITY_MISMATCH', async () => {
    const r = await verifyModelSignature(toBytes(bundle), sigstorePolicy(inst.trustedRoot, [{ issuer: 'https://evil.example', san: SAN }]));
    assert.equal(r.reasonCode, 'IDENTITY_MISMATCH');
  });

  it('no identity configured → UNTRUSTED / IDENTITY_NOT_CONFIGURED', async () => {
    const r = await verifyModelSignature(toBytes(bundle), sigstorePolicy(inst.trustedRoot, []));
    assert.equal(r.reasonCode, 'IDENTITY_NOT_CONFIGURED');
  });

  it('instance not in the trusted roots (public-good only) → UNTRUSTED / SIGSTORE_CERT_UNTRUSTED', async () => {
    const policy = emptyTrustPolicy();
    policy.sigstore.usePublicGood = true;
    policy.sigstore.identities.push({ issuer: ISSUER, san: SAN });
    const r = await verifyModelSignature(toBytes(bundle), policy);
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'SIGSTORE_CERT_UNTRUSTED');
  });

  it('no trusted root at all → UNTRUSTED / SIGSTORE_CERT_UNTRUSTED', async () => {
    const policy = emptyTrustPolicy();
    policy.sigstore.identities.push({ issuer: ISSUER, san: SAN });
    const r = await verifyModelSignature(toBytes(bundle), policy);
    assert.equal(r.reasonCode, 'SIGSTORE_CERT_UNTRUSTED');
  });

  it('swapped payload → INVALID / SIGNATURE_INVALID', async () => {
    const b = clone();
    b.dsseEnvelope.payload = buildStatement(makeModelDir({ 'evil.bin': 'x' })).toString('base64');
    const r = await verifyModelSignature(toBytes(b), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, san: SAN }]));
    assert.equal(r.trust, 'INVALID');
    assert.equal(r.reasonCode, 'SIGNATURE_INVALID');
  });

  it('a whole second signature with its own cert but the first tlog entry → INVALID / TLOG_INVALID', async () => {
    const other = (await inst.sign(buildStatement(makeModelDir({ 'x.bin': 'y' })), { san: SAN, issuer: ISSUER })) as Bundle;
    other.verificationMaterial.tlogEntries = bundle.verificationMaterial.tlogEntries;
    const r = await verifyModelSignature(toBytes(other), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, san: SAN }]));
    assert.equal(r.trust, 'INVALID');
    assert.equal(r.reasonCode, 'TLOG_INVALID');
  });

  it('tampered tlog body → INVALID / TLOG_INVALID', async () => {
    for (const field of ['payloadHash', 'envelopeHash'] as const) {
      const b = clone();
      const entry = b.verificationMaterial.tlogEntries[0];
      const body = JSON.parse(Buffer.from(entry.canonicalizedBody as string, 'base64').toString()) as { spec: Record<string, { value: string }> };
      body.spec[field].value = '00'.repeat(32);
      entry.canonicalizedBody = Buffer.from(JSON.stringify(body)).toString('base64');
      const r = await verifyModelSignature(toBytes(b), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, san: SAN }]));
      assert.equal(r.trust, 'INVALID', field);
      assert.equal(r.reasonCode, 'TLOG_INVALID', `${field}: ${r.reason}`);
    }
  });

  it('forged inclusion proof and promise → INVALID / TLOG_INVALID', async () => {
    const b = clone();
    const entry = b.verificationMaterial.tlogEntries[0] as { inclusionProof: { rootHash: string }; inclusionPromise: { signedEntryTimestamp: string } };
    entry.inclusionProof.rootHash = Buffer.alloc(32, 7).toString('base64');
    entry.inclusionPromise.signedEntryTimestamp = Buffer.alloc(70, 1).toString('base64');
    const r = await verifyModelSignature(toBytes(b), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, san: SAN }]));
    assert.equal(r.trust, 'INVALID');
    assert.equal(r.reasonCode, 'TLOG_INVALID');
  });

  it('missing tlog entries → INVALID / TLOG_MISSING', async () => {
    const b = clone();
    b.verificationMaterial.tlogEntries = [];
    const r = await verifyModelSignature(toBytes(b), sigstorePolicy(inst.trustedRoot, [{ issuer: ISSUER, san: SAN }]));
    assert.equal(r.reasonCode, 'TLOG_MISSING');
  });

  it('a log missing from the trusted root → UNTRUSTED / SIGSTORE_LOG_UNTRUSTED', async () => {
    const root = structuredClone(inst.trustedRoot) as { tlogs: unknown[] };
    const other = await makeSigstoreInstance();
    root.tlogs = (other.trustedRoot as { tlogs: unknown[] }).tlogs;
    const r = await verifyModelSignature(toBytes(bundle), sigstorePolicy(root, [{ issuer: ISSUER, san: SAN }]));
    assert.equal(r.trust, 'UNTRUSTED');
    assert.equal(r.reasonCode, 'SIGSTORE_LOG_UNTRUSTED');
  });

  it('a malformed trusted root → UNTRUSTED / POLICY_INVALID', async () => {
    const r = await verifyModelSignature(toBytes(bundle), sigstorePolicy({ mediaType: 'nope' }, [{ issuer: ISSUER, san: SAN }]));
    assert.equal(r.reasonCode, 'POLICY_INVALID');
  });

  it('the public-good trusted root is read offline from @sigstore/tuf', () => {
    const root = publicGoodTrustedRoot() as { tlogs: Array<{ baseUrl: string }>; certificateAuthorities: unknown[] };
    assert.ok(root.tlogs.some((t) => t.baseUrl === 'https://rekor.sigstore.dev'));
    assert.ok(root.certificateAuthorities.length > 0);
  });
});
