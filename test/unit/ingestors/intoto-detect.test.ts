import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inTotoParser } from '../../../ingestors/intoto/statement.js';
import { cycloneDxJsonParser } from '../../../ingestors/cyclonedx/json.js';
import { cyclonedx, npm } from '../../support/sbom-factory.js';
import { documentInput } from '../../support/parse.js';

type Json = Record<string, unknown>;

const detect = (doc: unknown): boolean => inTotoParser.detect(documentInput(doc));
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64');
const dsse = (statement: unknown, payloadType = 'application/vnd.in-toto+json'): Json => ({ payloadType, payload: b64(statement), signatures: [{ keyid: '', sig: 'AAAA' }] });
const bundle = (statement: unknown, mediaType = 'application/vnd.dev.sigstore.bundle.v0.3+json'): Json => ({
  mediaType,
  verificationMaterial: { publicKey: { hint: 'k' } },
  dsseEnvelope: dsse(statement),
});

const digest = { sha256: 'a'.repeat(64) };
const slsa: Json = { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://slsa.dev/provenance/v0.2', subject: [{ name: 'x', digest }], predicate: { builder: { id: 'b' } } };
const v1: Json = { ...slsa, _type: 'https://in-toto.io/Statement/v1', predicateType: 'https://slsa.dev/provenance/v1' };
/** What the OpenSSF model_signing library writes (v1.0 predicate and the v0.2 legacy one). */
const oms: Json = { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'model', digest }], predicateType: 'https://model_signing/signature/v1.0', predicate: { serialization: { method: 'files' }, resources: [] } };
const omsLegacy: Json = { ...oms, predicateType: 'https://model_signing/Digests/v0.1' };

describe('in-toto detector', () => {
  test('format id and kind', () => {
    assert.equal(inTotoParser.format, 'in-toto');
    assert.equal(inTotoParser.kind, 'attestation');
  });

  test('claims Statement v0.1 and v1, bare, in DSSE and in every Sigstore bundle media type', () => {
    for (const s of [slsa, v1]) {
      assert.ok(detect(s));
      assert.ok(detect(dsse(s)));
      for (const mt of ['application/vnd.dev.sigstore.bundle.v0.3+json', 'application/vnd.dev.sigstore.bundle+json;version=0.2', 'application/vnd.dev.sigstore.bundle+json;version=0.1']) {
        assert.ok(detect(bundle(s, mt)), mt);
      }
    }
  });

  test('claims any predicate type except OMS model signatures', () => {
    assert.ok(detect(dsse({ ...v1, predicateType: 'https://spdx.dev/Document' })));
    assert.ok(detect({ ...v1, predicateType: 'https://in-toto.io/attestation/scorecard/v0.1' }));
  });

  test('rejects OMS model-signing bundles (and the same statements bare or in DSSE)', () => {
    for (const s of [oms, omsLegacy]) {
      assert.equal(detect(bundle(s)), false, `${String(s.predicateType)} in a Sigstore bundle`);
      assert.equal(detect(dsse(s)), false);
      assert.equal(detect(s), false);
    }
  });

  test('claims a DSSE envelope whose payload cannot be decoded, so parse() can say why', () => {
    assert.ok(detect({ payloadType: 'application/vnd.in-toto+json', payload: '%%%', signatures: [] }));
    // ... unless a lenient decoder still sees an OMS predicate in it: then it is the OMS parser's to report.
    const broken = bundle(oms);
    (broken.dsseEnvelope as Json).payload = `${b64(oms)}!`;
    assert.equal(detect(broken), false);
  });

  test('leaves other documents alone', () => {
    assert.equal(detect(cyclonedx({ components: [npm('a', '1')] })), false);
    assert.equal(detect(dsse(slsa, 'application/vnd.cyclonedx+json')), false, 'DSSE with another payload type');
    assert.equal(detect({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: {}, messageSignature: { messageDigest: {}, signature: 'AAAA' } }), false, 'a bundle signing a blob, not a statement');
    assert.equal(detect({ ...slsa, _type: 'https://in-toto.io/Link/v0.2' }), false);
    assert.equal(detect({ _type: 'https://in-toto.io/Statement/v2', subject: [] }), false);
    assert.equal(detect('{"bomFormat":"CycloneDX"}'), false);
    assert.equal(detect([slsa]), false);
    assert.equal(detect(Buffer.from('<xml/>')), false);
  });

  test('no other registered detector claims an attestation', () => {
    for (const doc of [slsa, dsse(slsa), bundle(v1)]) assert.equal(cycloneDxJsonParser.detect(documentInput(doc)), false);
  });
});
