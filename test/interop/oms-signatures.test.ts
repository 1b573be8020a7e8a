/**
 * Interop: real OpenSSF Model Signing signatures made by the reference implementation
 * (model_signing v0.2.0 → v1.1.0, key / certificate / Sigstore), and the OMS v1.0 spec
 * test vectors (test/fixtures/oms: all of them, with the model files they sign and the
 * public half of the reference test PKI; sources in test/fixtures/PROVENANCE.md).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { OmsSignatureError, parseModelSignature, verifyModelFiles, verifyModelSignature, type TrustPolicy } from '../../verify/index.js';
import { fixturePath } from '../support/fixtures.js';

const corpus = fixturePath('oms', 'model-transparency');
const vectors = fixturePath('oms', 'spec', 'test-vectors');
const pki = path.join(corpus, 'keys', 'certificate');

// The trust parameters the reference CLI was given (test/fixtures/PROVENANCE.md).
const IDENTITY = 'stefanb@us.ibm.com';
const ISSUER = 'https://sigstore.verify.ibm.com/oauth2';

function policyFor(method: 'elliptic-key' | 'certificate' | 'sigstore'): TrustPolicy {
  const policy: TrustPolicy = { keys: [], certificateAuthorities: [], sigstore: { trustedRoots: [], usePublicGood: false, identities: [] } };
  if (method === 'elliptic-key') policy.keys.push({ name: 'signing-key-pub.pem', pem: fs.readFileSync(path.join(pki, 'signing-key-pub.pem'), 'utf8') });
  if (method === 'certificate') policy.certificateAuthorities.push({ name: 'ca-cert.pem', pem: fs.readFileSync(path.join(pki, 'ca-cert.pem'), 'utf8') });
  if (method === 'sigstore') {
    policy.sigstore.usePublicGood = true;
    policy.sigstore.identities.push({ issuer: ISSUER, san: IDENTITY });
  }
  return policy;
}

const allTrust: TrustPolicy = {
  keys: policyFor('elliptic-key').keys,
  certificateAuthorities: policyFor('certificate').certificateAuthorities,
  sigstore: policyFor('sigstore').sigstore,
};

const signatureDirs = fs
  .readdirSync(corpus)
  .filter((d) => /^v\d+\.\d+\.\d+-(elliptic-key|certificate|sigstore)$/.test(d))
  .sort();

interface Expectation {
  format: string;
  method: 'key' | 'certificate' | 'sigstore';
  ignorePaths?: string[];
  singleFile?: boolean;
}

const EXPECTED: Record<string, Expectation> = {
  'v0.2.0-certificate': { format: 'v0.2', method: 'certificate' },
  'v0.3.1-certificate': { format: 'v1.0', method: 'certificate' },
  'v0.3.1-elliptic-key': { format: 'v1.0', method: 'key', singleFile: true },
  'v0.3.1-sigstore': { format: 'v1.0', method: 'sigstore' },
  'v1.0.0-certificate': { format: 'v1.0', method: 'certificate' },
  'v1.0.0-elliptic-key': { format: 'v1.0', method: 'key', singleFile: true },
  'v1.0.0-sigstore': { format: 'v1.0', method: 'sigstore' },
  'v1.0.1-certificate': { format: 'v1.0', method: 'certificate', ignorePaths: ['ignore-me'] },
  'v1.0.1-elliptic-key': { format: 'v1.0', method: 'key', ignorePaths: ['ignore-me'] },
  'v1.0.1-sigstore': { format: 'v1.0', method: 'sigstore', ignorePaths: ['ignore-me'] },
  'v1.1.0-certificate': { format: 'v1.1', method: 'certificate' },
  'v1.1.0-elliptic-key': { format: 'v1.1', method: 'key' },
  'v1.1.0-sigstore': { format: 'v1.1', method: 'sigstore' },
};

describe('model-transparency reference signatures', () => {
  it('the corpus holds the 13 expected signatures', () => {
    assert.deepEqual(signatureDirs, Object.keys(EXPECTED).sort());
  });

  for (const dir of signatureDirs) {
    const exp = EXPECTED[dir];
    const method = dir.replace(/^v[\d.]+-/, '') as 'elliptic-key' | 'certificate' | 'sigstore';
    const modelDir = path.join(corpus, dir);
    const sigPath = path.join(modelDir, 'model.sig');

    it(`${dir}: signature TRUSTED and every model file matches`, async () => {
      const v = await verifyModelSignature(fs.readFileSync(sigPath), policyFor(method));
      assert.equal(v.trust, 'TRUSTED', `${v.reasonCode}: ${v.reason}`);
      assert.equal(v.reasonCode, 'VERIFIED');
      assert.ok(v.signature);
      assert.equal(v.signature.method, exp.method);
      assert.equal(v.signature.formatVersion, exp.format);
      if (exp.method === 'sigstore') {
        assert.equal(v.signer?.san, IDENTITY);
        assert.equal(v.signer?.issuer, ISSUER);
        assert.ok(v.signature.signedAt && Date.parse(v.signature.signedAt) > Date.parse('2025-01-01'));
      } else if (exp.method === 'certificate') {
        assert.equal(v.signer?.subject, 'CN=intermediate-ca');
      } else {
        assert.equal(v.signer?.keyFingerprint, 'c1e49d63327f85c7e2971aefd30b5a0d1c6b9b5e1a892e7f5fba995adace816d');
      }
      const m = await verifyModelFiles(modelDir, v.signature, { signaturePath: sigPath, ignorePaths: exp.ignorePaths ?? [] });
      assert.equal(m.ok, true, `${m.reasonCode}: ${m.reason}`);
      assert.equal(m.matched, v.signature.resources.length);
      if (!exp.singleFile) assert.ok(m.ignored.includes('model.sig'), 'the signature file is excluded from the unsigned-file check');
    });

    it(`${dir}: not trusted under the wrong policy`, async () => {
      const wrong: TrustPolicy = {
        ...allTrust,
        keys: method === 'elliptic-key' ? [] : allTrust.keys,
        certificateAuthorities: method === 'certificate' ? [] : allTrust.certificateAuthorities,
        sigstore: { ...allTrust.sigstore, identities: [{ issuer: ISSUER, san: 'someone-else@example.com' }] },
      };
      const v = await verifyModelSignature(fs.readFileSync(sigPath), wrong);
      assert.notEqual(v.trust, 'TRUSTED');
      const expected = { 'elliptic-key': exp.format === 'v1.1' ? 'KEY_UNKNOWN' : 'KEY_NOT_TRUSTED', certificate: 'CERT_CHAIN_UNTRUSTED', sigstore: 'IDENTITY_MISMATCH' }[method];
      assert.equal(v.reasonCode, expected, v.reason);
    });
  }

  it('v1.0.1 signatures do not record ignore-me, so without --ignore-paths it is an unsigned file', async () => {
    const dir = path.join(corpus, 'v1.0.1-elliptic-key');
    const sig = parseModelSignature(fs.readFileSync(path.join(dir, 'model.sig')));
    const m = await verifyModelFiles(dir, sig, { signaturePath: path.join(dir, 'model.sig') });
    assert.equal(m.reasonCode, 'FILE_UNSIGNED');
    assert.deepEqual(m.extra, ['ignore-me']);
    assert.equal((await verifyModelFiles(dir, sig, { signaturePath: path.join(dir, 'model.sig'), ignoreUnsignedFiles: true })).ok, true);
  });

  it("single-file signatures (entry '.') verify against the file itself as well", async () => {
    for (const d of ['v0.3.1-elliptic-key', 'v1.0.0-elliptic-key']) {
      const sig = parseModelSignature(fs.readFileSync(path.join(corpus, d, 'model.sig')));
      assert.deepEqual(sig.resources.map((r) => r.name), ['.']);
      const m = await verifyModelFiles(path.join(corpus, d, 'signme-1'), sig, {});
      assert.equal(m.ok, true, m.reason);
    }
  });

  it('a reference signature checked against another model is caught', async () => {
    const sig = parseModelSignature(fs.readFileSync(path.join(corpus, 'v1.1.0-certificate', 'model.sig')));
    // The elliptic-key models' signme-1 differs from the certificate models' one.
    const m = await verifyModelFiles(path.join(corpus, 'v1.1.0-elliptic-key'), sig, {});
    assert.equal(m.reasonCode, 'FILE_MODIFIED');
    assert.deepEqual(m.modified.map((x) => x.name), ['signme-1']);
  });
});

describe('OMS v1.0 spec test vectors', () => {
  const list = (sub: string) => (fs.existsSync(path.join(vectors, sub)) ? fs.readdirSync(path.join(vectors, sub)).sort() : []);

  const VALID: Record<string, 'elliptic-key' | 'certificate' | 'sigstore'> = {
    'key.bundle.json': 'elliptic-key',
    'certificate.bundle.json': 'certificate',
    'sigstore.bundle.json': 'sigstore',
  };
  const INVALID: Record<string, string> = {
    'invalid/empty.bundle.json': 'BUNDLE_EMPTY',
    'invalid/missing-envelope.bundle.json': 'ENVELOPE_MISSING',
    'invalid/missing-tlog-entries.bundle.json': 'TLOG_MISSING',
    'invalid/missing-verification-material.bundle.json': 'VERIFICATION_MATERIAL_MISSING',
    'invalid-payload/wrong-predicate.bundle.json': 'PREDICATE_TYPE_UNSUPPORTED',
  };

  it('every vector is covered below', () => {
    assert.deepEqual(list('valid'), Object.keys(VALID).sort());
    assert.deepEqual([...list('invalid').map((f) => `invalid/${f}`), ...list('invalid-payload').map((f) => `invalid-payload/${f}`)].sort(), Object.keys(INVALID).sort());
  });

  for (const [file, method] of Object.entries(VALID)) {
    it(`valid/${file}: parses, verifies TRUSTED with the reference trust material, and matches the model it describes`, async () => {
      const bytes = fs.readFileSync(path.join(vectors, 'valid', file));
      const parsed = parseModelSignature(bytes);
      assert.equal(parsed.formatVersion, 'v1.1');
      const v = await verifyModelSignature(bytes, policyFor(method));
      assert.equal(v.trust, 'TRUSTED', `${v.reasonCode}: ${v.reason}`);
      // The vectors ship without model files; they sign the same content as one of the
      // reference models, found by root digest, so check the manifest against it.
      const match = signatureDirs.find((d) => parseModelSignature(fs.readFileSync(path.join(corpus, d, 'model.sig'))).rootDigest.digest === parsed.rootDigest.digest);
      assert.ok(match, `a reference model with root digest ${parsed.rootDigest.digest}`);
      const m = await verifyModelFiles(path.join(corpus, match), v.signature!, { signaturePath: path.join(corpus, match, 'model.sig') });
      assert.equal(m.ok, true, `${match}: ${m.reason}`);
    });
  }

  for (const [file, code] of Object.entries(INVALID)) {
    it(`${file}: rejected as INVALID / ${code}`, async () => {
      const bytes = fs.readFileSync(path.join(vectors, file));
      const v = await verifyModelSignature(bytes, allTrust);
      assert.equal(v.trust, 'INVALID');
      assert.equal(v.reasonCode, code, v.reason);
      assert.ok(v.reason.length > 10);
      assert.equal(v.signer, null);
      if (code === 'TLOG_MISSING') {
        // Structurally a keyless bundle; the missing log entry is a verification failure.
        assert.equal(parseModelSignature(bytes).method, 'sigstore');
      } else {
        assert.throws(() => parseModelSignature(bytes), (e: unknown) => e instanceof OmsSignatureError && e.code === code);
      }
    });
  }
});
