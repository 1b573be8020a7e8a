/**
 * Recognising an OMS model signature without verifying it: a Sigstore bundle
 * (or bare DSSE envelope) whose in-toto payload has a model_signing predicate.
 */
import { isObject } from '../common/json.js';

export const OMS_PREDICATE_PREFIX = 'https://model_signing/';

export function dssePayloadOf(json: unknown): Record<string, unknown> | null {
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

export function isOmsSignature(json: unknown): boolean {
  const statement = dssePayloadOf(json);
  return typeof statement?.predicateType === 'string' && statement.predicateType.startsWith(OMS_PREDICATE_PREFIX);
}
