/**
 * Parse and normalize a Sigstore bundle that carries an OMS DSSE envelope.
 * Pure: bytes in, a typed structure out, or an OmsSignatureError with a code.
 * Accepts every shape the reference implementation ever wrote: bundle media types
 * v0.1–v0.3, `publicKey.hint` or `publicKey.rawBytes`, `x509CertificateChain` or
 * `certificate`, `keyid` absent / "" / null, missing `tlogEntries`.
 */
import { OmsSignatureError } from './error.js';
import { decodeBase64 } from './envelope.js';

export type VerificationMaterial =
  | { kind: 'publicKey'; hint?: string; rawBytes?: Buffer; keyDetails?: string }
  | { kind: 'x509CertificateChain'; certificates: Buffer[] }
  | { kind: 'certificate'; certificate: Buffer };

export interface ParsedEnvelope {
  payload: Buffer;
  payloadType: string;
  signature: Buffer;
  /** As written: string, '' or null; undefined when absent. */
  keyid: string | null | undefined;
}

export interface ParsedBundle {
  mediaType: string;
  /** '0.1' | '0.2' | '0.3' ... from the media type. */
  bundleVersion: string;
  material: VerificationMaterial;
  /** Raw JSON tlog entries (verified by the Sigstore path only). */
  tlogEntries: Array<Record<string, unknown>>;
  rfc3161Timestamps: Buffer[];
  envelope: ParsedEnvelope;
  /** The decoded JSON, for handing to @sigstore/bundle. */
  json: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A bundle field that must be strict base64 (./envelope.ts), or an OmsSignatureError with `code`. */
function base64Field(value: unknown, field: string, code: OmsSignatureError['code']): Buffer {
  if (typeof value !== 'string') throw new OmsSignatureError(code, `${field} must be a base64 string`);
  const bytes = decodeBase64(value);
  if (!bytes) throw new OmsSignatureError(code, `${field} is not valid base64`);
  return bytes;
}

const MEDIA_TYPE_RES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^application\/vnd\.dev\.sigstore\.bundle\+json;version=(\d+\.\d+)$/, (m) => m[1]],
  [/^application\/vnd\.dev\.sigstore\.bundle\.v(\d+\.\d+)\+json$/, (m) => m[1]],
];
const SUPPORTED_BUNDLE_VERSIONS = new Set(['0.1', '0.2', '0.3']);

function bundleVersionOf(mediaType: unknown): { mediaType: string; version: string } {
  if (typeof mediaType !== 'string' || mediaType === '') {
    throw new OmsSignatureError('BUNDLE_MEDIA_TYPE_UNSUPPORTED', 'bundle has no mediaType; expected a Sigstore bundle media type');
  }
  for (const [re, pick] of MEDIA_TYPE_RES) {
    const m = mediaType.match(re);
    if (m) {
      const version = pick(m);
      if (SUPPORTED_BUNDLE_VERSIONS.has(version)) return { mediaType, version };
    }
  }
  throw new OmsSignatureError('BUNDLE_MEDIA_TYPE_UNSUPPORTED', `unsupported bundle mediaType '${mediaType}'`);
}

function parseMaterial(vm: Json): VerificationMaterial {
  const present = ['publicKey', 'x509CertificateChain', 'certificate'].filter((k) => vm[k] !== undefined && vm[k] !== null);
  if (present.length === 0) {
    throw new OmsSignatureError('VERIFICATION_MATERIAL_MISSING', 'verificationMaterial has no publicKey, x509CertificateChain or certificate');
  }
  if (present.length > 1) {
    throw new OmsSignatureError('VERIFICATION_MATERIAL_MALFORMED', `verificationMaterial has more than one key source (${present.join(', ')})`);
  }
  const kind = present[0];
  const code = 'VERIFICATION_MATERIAL_MALFORMED';
  if (kind === 'publicKey') {
    const pk = vm.publicKey;
    if (!isObject(pk)) throw new OmsSignatureError(code, 'verificationMaterial.publicKey must be an object');
    const out: VerificationMaterial = { kind: 'publicKey' };
    if (pk.hint !== undefined && pk.hint !== null && pk.hint !== '') {
      if (typeof pk.hint !== 'string') throw new OmsSignatureError(code, 'verificationMaterial.publicKey.hint must be a string');
      out.hint = pk.hint;
    }
    if (pk.rawBytes !== undefined && pk.rawBytes !== null && pk.rawBytes !== '') {
      out.rawBytes = base64Field(pk.rawBytes, 'verificationMaterial.publicKey.rawBytes', code);
    }
    if (typeof pk.keyDetails === 'string') out.keyDetails = pk.keyDetails;
    return out;
  }
  if (kind === 'x509CertificateChain') {
    const chain = vm.x509CertificateChain;
    if (!isObject(chain) || !Array.isArray(chain.certificates) || chain.certificates.length === 0) {
      throw new OmsSignatureError(code, 'verificationMaterial.x509CertificateChain.certificates must be a non-empty array');
    }
    const certificates = chain.certificates.map((c, i) => {
      if (!isObject(c)) throw new OmsSignatureError(code, `x509CertificateChain.certificates[${i}] must be an object`);
      const der = base64Field(c.rawBytes, `x509CertificateChain.certificates[${i}].rawBytes`, code);
      if (der.length === 0) throw new OmsSignatureError(code, `x509CertificateChain.certificates[${i}].rawBytes is empty`);
      return der;
    });
    return { kind: 'x509CertificateChain', certificates };
  }
  const cert = vm.certificate;
  if (!isObject(cert)) throw new OmsSignatureError(code, 'verificationMaterial.certificate must be an object');
  const der = base64Field(cert.rawBytes, 'verificationMaterial.certificate.rawBytes', code);
  if (der.length === 0) throw new OmsSignatureError(code, 'verificationMaterial.certificate.rawBytes is empty');
  return { kind: 'certificate', certificate: der };
}

function parseEnvelope(env: unknown): ParsedEnvelope {
  if (env === undefined || env === null) {
    throw new OmsSignatureError('ENVELOPE_MISSING', 'bundle has no dsseEnvelope; OMS signatures are DSSE envelopes');
  }
  const code = 'ENVELOPE_MALFORMED';
  if (!isObject(env)) throw new OmsSignatureError(code, 'dsseEnvelope must be an object');
  if (typeof env.payloadType !== 'string' || env.payloadType === '') {
    throw new OmsSignatureError(code, 'dsseEnvelope.payloadType must be a non-empty string');
  }
  const payload = base64Field(env.payload, 'dsseEnvelope.payload', code);
  if (payload.length === 0) throw new OmsSignatureError(code, 'dsseEnvelope.payload is empty');
  if (!Array.isArray(env.signatures) || env.signatures.length !== 1) {
    throw new OmsSignatureError(code, `dsseEnvelope.signatures must hold exactly one signature (found ${Array.isArray(env.signatures) ? env.signatures.length : 'none'})`);
  }
  const s = env.signatures[0];
  if (!isObject(s)) throw new OmsSignatureError(code, 'dsseEnvelope.signatures[0] must be an object');
  const signature = base64Field(s.sig, 'dsseEnvelope.signatures[0].sig', code);
  if (signature.length === 0) throw new OmsSignatureError(code, 'dsseEnvelope.signatures[0].sig is empty');
  let keyid: string | null | undefined;
  if (s.keyid === null) keyid = null;
  else if (typeof s.keyid === 'string') keyid = s.keyid;
  else if (s.keyid !== undefined) throw new OmsSignatureError(code, 'dsseEnvelope.signatures[0].keyid must be a string or null');
  return { payload, payloadType: env.payloadType, signature, keyid };
}

/** Parse bundle bytes (UTF-8 JSON). Throws OmsSignatureError. */
export function parseBundle(bytes: Uint8Array): ParsedBundle {
  const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new OmsSignatureError('BUNDLE_EMPTY', 'signature file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new OmsSignatureError('BUNDLE_MALFORMED', `signature file is not JSON: ${(e as Error).message}`);
  }
  if (!isObject(json)) throw new OmsSignatureError('BUNDLE_MALFORMED', 'signature file must hold a JSON object (a Sigstore bundle)');
  const { mediaType, version } = bundleVersionOf(json.mediaType);
  const vm = json.verificationMaterial;
  if (vm === undefined || vm === null) {
    throw new OmsSignatureError('VERIFICATION_MATERIAL_MISSING', 'bundle has no verificationMaterial');
  }
  if (!isObject(vm)) throw new OmsSignatureError('VERIFICATION_MATERIAL_MALFORMED', 'verificationMaterial must be an object');
  const material = parseMaterial(vm);
  if (json.messageSignature !== undefined && json.dsseEnvelope === undefined) {
    throw new OmsSignatureError('ENVELOPE_MISSING', 'bundle holds a messageSignature, not a DSSE envelope; OMS signatures are DSSE envelopes');
  }
  const envelope = parseEnvelope(json.dsseEnvelope);

  let tlogEntries: Json[] = [];
  if (vm.tlogEntries !== undefined && vm.tlogEntries !== null) {
    if (!Array.isArray(vm.tlogEntries) || !vm.tlogEntries.every(isObject)) {
      throw new OmsSignatureError('VERIFICATION_MATERIAL_MALFORMED', 'verificationMaterial.tlogEntries must be an array of objects');
    }
    tlogEntries = vm.tlogEntries as Json[];
  }
  const rfc3161Timestamps: Buffer[] = [];
  const tvd = vm.timestampVerificationData;
  if (isObject(tvd) && tvd.rfc3161Timestamps !== undefined) {
    if (!Array.isArray(tvd.rfc3161Timestamps)) {
      throw new OmsSignatureError('VERIFICATION_MATERIAL_MALFORMED', 'timestampVerificationData.rfc3161Timestamps must be an array');
    }
    tvd.rfc3161Timestamps.forEach((t, i) => {
      if (!isObject(t)) throw new OmsSignatureError('VERIFICATION_MATERIAL_MALFORMED', `rfc3161Timestamps[${i}] must be an object`);
      rfc3161Timestamps.push(base64Field(t.signedTimestamp, `rfc3161Timestamps[${i}].signedTimestamp`, 'VERIFICATION_MATERIAL_MALFORMED'));
    });
  }
  return { mediaType, bundleVersion: version, material, tlogEntries, rfc3161Timestamps, envelope, json };
}
