/**
 * The one reader of signed-statement envelopes: an in-toto Statement given
 * bare, inside a DSSE envelope, or inside a Sigstore bundle's `dsseEnvelope`.
 * Shared by the OMS verifier (./bundle.ts, ./statement.ts), the OMS parser's
 * detector and the in-toto parser. Pure, and it throws nothing: callers turn a
 * null into their own typed error, with their own location.
 */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';
export const STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** OpenSSF Model Signing predicates (`https://model_signing/…`) belong to the OMS parser. */
export const OMS_PREDICATE_PREFIX = 'https://model_signing/';

const STATEMENT_TYPE = /^https:\/\/in-toto\.io\/Statement\/v(?:0\.1|1(?:\.\d+)?)$/;
const SIGSTORE_BUNDLE_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.bundle(?:\.v\d+(?:\.\d+)*)?\+json(?:;\s*version=[\w.]+)?$/;
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const B64URL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type Wrapping = 'bare' | 'dsse' | 'sigstore-bundle';

export function isStatementType(v: unknown): boolean {
  return typeof v === 'string' && STATEMENT_TYPE.test(v);
}

export function isOmsPredicate(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith(OMS_PREDICATE_PREFIX);
}

function isInTotoDsseEnvelope(v: unknown): boolean {
  return isObject(v) && v.payloadType === IN_TOTO_PAYLOAD_TYPE && typeof v.payload === 'string';
}

/** Which wrapping the document has, without decoding anything; null when it is none of the three. */
export function wrappingOf(json: unknown): Wrapping | null {
  if (!isObject(json)) return null;
  if (isStatementType(json._type)) return 'bare';
  if (isInTotoDsseEnvelope(json)) return 'dsse';
  if (typeof json.mediaType === 'string' && SIGSTORE_BUNDLE_MEDIA_TYPE.test(json.mediaType) && isInTotoDsseEnvelope(json.dsseEnvelope)) return 'sigstore-bundle';
  return null;
}

/** Strict base64, standard or URL-safe alphabet, padding optional (as protobuf JSON writes it); null when it is not. */
export function decodeBase64(value: string): Buffer | null {
  if (B64.test(value)) return Buffer.from(value, 'base64');
  if (B64URL.test(value)) return Buffer.from(value, 'base64url');
  return null;
}

/**
 * A cheap, lenient look at the statement in a bundle or bare DSSE envelope of any
 * payload type (any base64 Buffer accepts): for detectors, so that a broken OMS
 * bundle is still recognised as one and its verifier says what is wrong.
 */
export function peekDssePayload(json: unknown): Json | null {
  if (!isObject(json)) return null;
  const envelope = isObject(json.dsseEnvelope) ? json.dsseEnvelope : typeof json.payloadType === 'string' ? json : null;
  if (!envelope || typeof envelope.payload !== 'string') return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    return isObject(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/** An OMS model signature: an envelope whose statement has a model_signing predicate (not verified). */
export function isOmsSignature(json: unknown): boolean {
  return isOmsPredicate(peekDssePayload(json)?.predicateType);
}
