/**
 * Finding the in-toto Statement in a document: given bare, inside a DSSE
 * envelope, or inside a Sigstore bundle's `dsseEnvelope`. Pure; nothing here
 * verifies a signature (see docs/provenance.md): the envelope's signatures are
 * only counted so the parser can say they were not verified.
 */
import { IngestError } from '../parser.js';
import { isObject, type JsonObject } from '../common/json.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';
export const STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** OpenSSF Model Signing predicates (`https://model_signing/…`) belong to the OMS parser. */
export const OMS_PREDICATE_PREFIX = 'https://model_signing/';

const STATEMENT_TYPE = /^https:\/\/in-toto\.io\/Statement\/v(?:0\.1|1(?:\.\d+)?)$/;
const SIGSTORE_BUNDLE_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.bundle(?:\.v\d+(?:\.\d+)*)?\+json(?:;\s*version=[\w.]+)?$/;
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const B64URL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/;

export type Wrapping = 'bare' | 'dsse' | 'sigstore-bundle';

export interface UnwrappedStatement {
  wrapping: Wrapping;
  statement: JsonObject;
  /** Prefix for pointers into the statement: '' when bare, `/payload#` or `/dsseEnvelope/payload#` when wrapped. */
  base: string;
  /** Signatures the envelope carries (none of them verified here). */
  signatureCount: number;
  /** The bundle's media type, when the statement came in a Sigstore bundle. */
  bundleMediaType: string | null;
}

export function isStatementType(v: unknown): boolean {
  return typeof v === 'string' && STATEMENT_TYPE.test(v);
}

export function isOmsPredicate(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith(OMS_PREDICATE_PREFIX);
}

/** Which wrapping the document has, without decoding anything; null when it is none of the three. */
export function wrappingOf(json: unknown): Wrapping | null {
  if (!isObject(json)) return null;
  if (isStatementType(json._type)) return 'bare';
  if (isDsseEnvelope(json)) return 'dsse';
  if (typeof json.mediaType === 'string' && SIGSTORE_BUNDLE_MEDIA_TYPE.test(json.mediaType) && isDsseEnvelope(json.dsseEnvelope)) return 'sigstore-bundle';
  return null;
}

function isDsseEnvelope(v: unknown): boolean {
  return isObject(v) && v.payloadType === IN_TOTO_PAYLOAD_TYPE && typeof v.payload === 'string';
}

/** Strict base64, standard or URL-safe alphabet, padding optional (as protobuf JSON writes it). */
export function decodeBase64(value: string, at: string): Buffer {
  if (B64.test(value)) return Buffer.from(value, 'base64');
  if (B64URL.test(value)) return Buffer.from(value, 'base64url');
  throw new IngestError('INVALID_DOCUMENT', 'the DSSE payload is not valid base64', at);
}

// The detector decodes the payload to see its predicate type; parse() reuses that work.
const cache = new WeakMap<object, UnwrappedStatement>();

/**
 * The statement inside `json`, or an IngestError('INVALID_DOCUMENT') naming where the
 * envelope is broken (bad base64, payload not JSON, payload not an object).
 */
export function unwrapStatement(json: unknown): UnwrappedStatement {
  if (isObject(json)) {
    const cached = cache.get(json);
    if (cached) return cached;
  }
  const result = unwrap(json);
  if (isObject(json)) cache.set(json, result);
  return result;
}

function unwrap(json: unknown): UnwrappedStatement {
  const wrapping = wrappingOf(json);
  if (wrapping === null || !isObject(json)) {
    throw new IngestError('INVALID_DOCUMENT', `not an in-toto Statement (_type ${STATEMENT_V01} or ${STATEMENT_V1}), a DSSE envelope with payloadType ${IN_TOTO_PAYLOAD_TYPE}, or a Sigstore bundle holding one`);
  }
  if (wrapping === 'bare') return { wrapping, statement: json, base: '', signatureCount: 0, bundleMediaType: null };
  const envelope = (wrapping === 'dsse' ? json : json.dsseEnvelope) as JsonObject;
  const envAt = wrapping === 'dsse' ? '' : '/dsseEnvelope';
  const payloadAt = `${envAt}/payload`;
  const bytes = decodeBase64(envelope.payload as string, payloadAt);
  let statement: unknown;
  try {
    statement = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new IngestError('INVALID_DOCUMENT', `the DSSE payload is not JSON: ${(err as Error).message}`, payloadAt);
  }
  if (!isObject(statement)) throw new IngestError('INVALID_DOCUMENT', 'the DSSE payload must be a JSON object (an in-toto Statement)', payloadAt);
  if (envelope.signatures !== undefined && !Array.isArray(envelope.signatures)) {
    throw new IngestError('INVALID_DOCUMENT', 'the DSSE "signatures" must be an array', `${envAt}/signatures`);
  }
  return {
    wrapping,
    statement,
    base: `${payloadAt}#`,
    signatureCount: Array.isArray(envelope.signatures) ? envelope.signatures.length : 0,
    bundleMediaType: wrapping === 'sigstore-bundle' ? (json.mediaType as string) : null,
  };
}

/**
 * The detector: an in-toto Statement in any of the three wrappings whose predicate is not
 * an OMS model signature. A wrapped payload that cannot be decoded is still claimed, so that
 * parse() reports what is wrong with it instead of "unsupported format".
 */
export function detectInToto(json: unknown): boolean {
  if (wrappingOf(json) === null) return false;
  let unwrapped: UnwrappedStatement;
  try {
    unwrapped = unwrapStatement(json);
  } catch {
    return !looksLikeOms(json);
  }
  return !isOmsPredicate(unwrapped.statement.predicateType);
}

/** Lenient look (any base64 Buffer accepts) so a broken OMS bundle is still left to the OMS parser. */
function looksLikeOms(json: unknown): boolean {
  if (!isObject(json)) return false;
  const envelope = isObject(json.dsseEnvelope) ? json.dsseEnvelope : json;
  if (typeof envelope.payload !== 'string') return false;
  try {
    const statement: unknown = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    return isObject(statement) && isOmsPredicate(statement.predicateType);
  } catch {
    return false;
  }
}
