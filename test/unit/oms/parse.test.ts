import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, describe, it } from 'node:test';
import { legacyPae, pythonBytesRepr, standardPae } from '../../../verify/dsse.js';
import { OmsSignatureError, parseModelSignature, verifyModelSignature } from '../../../verify/index.js';
import { parseShardName } from '../../../verify/statement.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, keyPolicy, makeModelDir, PAYLOAD_TYPE, rootDigest, toBytes } from './fixtures.js';

after(cleanupTmp);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof OmsSignatureError, `expected OmsSignatureError, got ${String(e)}`);
    return e.code;
  }
  assert.fail('expected an error');
}

const key = genEcKey('P-256');
const files = { a: '1', 'dir/b': '2' };
const good = () => keyBundle(buildStatement(makeModelDir(files), { format: 'v1.1' }), key, 'v1.1') as Record<string, unknown> & { dsseEnvelope: Record<string, unknown>; verificationMaterial: Record<string, unknown> };
const withStatement = (st: unknown) => {
  const b = good();
  b.dsseEnvelope.payload = Buffer.from(JSON.stringify(st)).toString('base64');
  return toBytes(b);
};
const statement = () => JSON.parse(buildStatement(makeModelDir(files)).toString()) as Record<string, unknown> & { subject: Array<{ digest: { sha256: string } }>; predicate: { resources: Array<{ name: string; digest: string; algorithm: string }>; serialization: Record<string, unknown> } };

describe('DSSE encodings', () => {
  it('standard PAE is DSSEv1 with byte lengths', () => {
    assert.equal(standardPae('t', Buffer.from('héllo')).toString(), 'DSSEv1 1 t 6 héllo');
  });
  it('Python bytes repr matches CPython for quotes, escapes and non-ASCII', () => {
    assert.equal(pythonBytesRepr(Buffer.from('a\nb\t\\')), "b'a\\nb\\t\\\\'");
    assert.equal(pythonBytesRepr(Buffer.from("it's")), 'b"it\'s"');
    assert.equal(pythonBytesRepr(Buffer.from('both \' and "')), "b'both \\' and \"'");
    assert.equal(pythonBytesRepr(Buffer.from([0x00, 0x7f, 0xe9])), "b'\\x00\\x7f\\xe9'");
  });
  it('legacy PAE is the v0.2.0 f-string encoding', () => {
    assert.equal(legacyPae(PAYLOAD_TYPE, Buffer.from('{\n}')).toString(), `DSSEV1 28 ${PAYLOAD_TYPE} 3 b'{\\n}'`);
  });
  it('a legacy (v0.2) signature over the Python encoding verifies, SHA-256 on P-384 included', async () => {
    const k = genEcKey('P-384');
    const payload = Buffer.from(JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'f', digest: { sha256: crypto.createHash('sha256').update('x').digest('hex') } }],
      predicateType: 'https://model_signing/Digests/v0.1',
      predicate: { unused: 'Unused, just passed due to API requirements' },
    }, null, 2));
    const sig = crypto.sign('sha256', legacyPae(PAYLOAD_TYPE, payload), k.privateKey);
    const bundle = keyBundle(payload, k, 'v1.0') as { dsseEnvelope: { signatures: Array<{ sig: string }> } };
    bundle.dsseEnvelope.signatures[0].sig = sig.toString('base64');
    const r = await verifyModelSignature(toBytes(bundle), keyPolicy(k));
    assert.equal(r.trust, 'TRUSTED', r.reason);
    assert.equal(r.signature?.formatVersion, 'v0.2');
    assert.equal(r.signature?.predicateType, 'https://model_signing/Digests/v0.1');
    assert.deepEqual(r.signature?.resources, [{ name: 'f', algorithm: 'sha256', digest: crypto.createHash('sha256').update('x').digest('hex') }]);
  });
});

describe('parseModelSignature', () => {
  it('parses a v1.1 key bundle', () => {
    const sig = parseModelSignature(toBytes(good()));
    assert.equal(sig.formatVersion, 'v1.1');
    assert.equal(sig.method, 'key');
    assert.equal(sig.predicateType, 'https://model_signing/signature/v1.0');
    assert.equal(sig.bundleMediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    assert.deepEqual(sig.resources.map((r) => r.name), ['a', 'dir/b']);
    assert.equal(sig.rootDigest.digest, rootDigest(sig.resources));
    assert.deepEqual(sig.serialization?.ignorePaths, ['.git', '.gitattributes', '.github', '.gitignore', 'model.sig']);
  });

  it('detects v1.0 (rawBytes, null keyid, no ignore_paths)', () => {
    const sig = parseModelSignature(toBytes(keyBundle(buildStatement(makeModelDir(files)), key, 'v1.0')));
    assert.equal(sig.formatVersion, 'v1.0');
  });

  it('parses shard manifests and blake2b/blake3 hash types', () => {
    for (const hashType of ['blake2b', 'blake3'] as const) {
      const sig = parseModelSignature(toBytes(keyBundle(buildStatement(makeModelDir({ big: 'x'.repeat(25) }), { shardSize: 10, hashType }), key)));
      assert.deepEqual(sig.serialization, { method: 'shards', hashType, allowSymlinks: false, shardSize: 10 });
      assert.deepEqual(sig.resources.map((r) => r.name), ['big:0:10', 'big:10:20', 'big:20:25']);
    }
  });

  it('splits shard names on the last two colons', () => {
    assert.deepEqual(parseShardName('dir/a:b.bin:0:10'), { path: 'dir/a:b.bin', start: 0, end: 10 });
    assert.equal(parseShardName('a.bin:10:5'), null);
    assert.equal(parseShardName('a.bin'), null);
  });

  it('rejects empty, non-JSON and non-object input', () => {
    assert.equal(code(() => parseModelSignature(Buffer.alloc(0))), 'BUNDLE_EMPTY');
    assert.equal(code(() => parseModelSignature(Buffer.from('{nope'))), 'BUNDLE_MALFORMED');
    assert.equal(code(() => parseModelSignature(Buffer.from('[]'))), 'BUNDLE_MALFORMED');
  });

  it('rejects unknown media types', () => {
    const b = good();
    b.mediaType = 'application/json';
    assert.equal(code(() => parseModelSignature(toBytes(b))), 'BUNDLE_MEDIA_TYPE_UNSUPPORTED');
  });

  it('rejects missing or ambiguous verification material', () => {
    const b = good();
    delete (b as Record<string, unknown>).verificationMaterial;
    assert.equal(code(() => parseModelSignature(toBytes(b))), 'VERIFICATION_MATERIAL_MISSING');
    const c = good();
    c.verificationMaterial = { tlogEntries: [] };
    assert.equal(code(() => parseModelSignature(toBytes(c))), 'VERIFICATION_MATERIAL_MISSING');
    const d = good();
    d.verificationMaterial = { publicKey: { hint: 'x' }, certificate: { rawBytes: 'AAAA' } };
    assert.equal(code(() => parseModelSignature(toBytes(d))), 'VERIFICATION_MATERIAL_MALFORMED');
  });

  it('rejects missing envelopes, bad base64 and signature counts other than one', () => {
    const b = good();
    delete (b as Record<string, unknown>).dsseEnvelope;
    assert.equal(code(() => parseModelSignature(toBytes(b))), 'ENVELOPE_MISSING');
    const c = good();
    c.dsseEnvelope.payload = 'not base64!';
    assert.equal(code(() => parseModelSignature(toBytes(c))), 'ENVELOPE_MALFORMED');
    const d = good();
    d.dsseEnvelope.signatures = [];
    assert.equal(code(() => parseModelSignature(toBytes(d))), 'ENVELOPE_MALFORMED');
  });

  it('rejects other payload types, statement types and predicates', () => {
    const b = good();
    b.dsseEnvelope.payloadType = 'text/plain';
    assert.equal(code(() => parseModelSignature(toBytes(b))), 'PAYLOAD_TYPE_UNSUPPORTED');
    assert.equal(code(() => parseModelSignature(withStatement({ ...statement(), _type: 'https://in-toto.io/Statement/v0.1' }))), 'STATEMENT_MALFORMED');
    assert.equal(code(() => parseModelSignature(withStatement({ ...statement(), predicateType: 'https://slsa.dev/provenance/v1' }))), 'PREDICATE_TYPE_UNSUPPORTED');
    const two = statement();
    two.subject = [two.subject[0], two.subject[0]];
    assert.equal(code(() => parseModelSignature(withStatement(two))), 'STATEMENT_MALFORMED');
  });

  it('rejects malformed predicates', () => {
    const noRes = statement();
    noRes.predicate.resources = [];
    assert.equal(code(() => parseModelSignature(withStatement(noRes))), 'PREDICATE_MALFORMED');
    const traversal = statement();
    traversal.predicate.resources[0].name = '../etc/passwd';
    assert.equal(code(() => parseModelSignature(withStatement(traversal))), 'PREDICATE_MALFORMED');
    const absolute = statement();
    absolute.predicate.resources[0].name = '/etc/passwd';
    assert.equal(code(() => parseModelSignature(withStatement(absolute))), 'PREDICATE_MALFORMED');
    const method = statement();
    method.predicate.serialization.method = 'tensors';
    assert.equal(code(() => parseModelSignature(withStatement(method))), 'PREDICATE_MALFORMED');
    const shards = statement();
    shards.predicate.serialization.method = 'shards';
    assert.equal(code(() => parseModelSignature(withStatement(shards))), 'PREDICATE_MALFORMED');
    const dup = statement();
    dup.predicate.resources[1] = { ...dup.predicate.resources[0] };
    dup.subject[0].digest.sha256 = rootDigest(dup.predicate.resources);
    assert.equal(code(() => parseModelSignature(withStatement(dup))), 'PREDICATE_MALFORMED');
    const hex = statement();
    hex.predicate.resources[0].digest = 'zz';
    assert.equal(code(() => parseModelSignature(withStatement(hex))), 'PREDICATE_MALFORMED');
  });

  it('rejects a subject digest that is not the root of the resources', () => {
    const st = statement();
    st.predicate.resources[0].digest = '00'.repeat(32);
    assert.equal(code(() => parseModelSignature(withStatement(st))), 'SUBJECT_DIGEST_MISMATCH');
  });

  it('verifyModelSignature reports parse failures as INVALID with the same code and no signature', async () => {
    const st = statement();
    st.predicate.resources[0].digest = '00'.repeat(32);
    const r = await verifyModelSignature(withStatement(st), keyPolicy(key));
    assert.equal(r.trust, 'INVALID');
    assert.equal(r.reasonCode, 'SUBJECT_DIGEST_MISMATCH');
    assert.equal(r.signature, null);
    assert.equal(r.signer, null);
    assert.ok(!Number.isNaN(Date.parse(r.verifiedAt)));
  });
});
