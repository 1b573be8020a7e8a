/**
 * Finding the in-toto Statement in a document: given bare, inside a DSSE
 * envelope, or inside a Sigstore bundle's `dsseEnvelope`. Pure; nothing here
 * verifies a signature (see docs/provenance.md): the envelope's signatures are
 * only counted so the parser can say they were not verified.
 */
import { IngestError } from '../parser.js';
import { isObject, type JsonObject } from '../common/json.js';
import { decodeBase64, IN_TOTO_PAYLOAD_TYPE, isOmsPredicate, isOmsSignature, STATEMENT_V01, STATEMENT_V1, wrappingOf, type Wrapping } from '../../verify/envelope.js';

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
  const bytes = decodeBase64(envelope.payload as string);
  if (!bytes) throw new IngestError('INVALID_DOCUMENT', 'the DSSE payload is not valid base64', payloadAt);
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
    // A broken OMS bundle is still the OMS parser's.
    return !isOmsSignature(json);
  }
  return !isOmsPredicate(unwrapped.statement.predicateType);
}
