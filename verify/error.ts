/**
 * Reason codes for OMS signature verification, in the style of sigstore-js
 * `error.ts`: a closed string-literal union per outcome, plus one error class
 * that carries a code. Every verification result names exactly one code.
 */
import { SupplygraphError } from '../schema/errors/supplygraph-error.js';

/** The bundle, envelope, payload or cryptography is broken or lies. */
export type InvalidReasonCode =
  | 'BUNDLE_EMPTY'
  | 'BUNDLE_MALFORMED'
  | 'BUNDLE_MEDIA_TYPE_UNSUPPORTED'
  | 'VERIFICATION_MATERIAL_MISSING'
  | 'VERIFICATION_MATERIAL_MALFORMED'
  | 'ENVELOPE_MISSING'
  | 'ENVELOPE_MALFORMED'
  | 'PAYLOAD_TYPE_UNSUPPORTED'
  | 'STATEMENT_MALFORMED'
  | 'PREDICATE_TYPE_UNSUPPORTED'
  | 'PREDICATE_MALFORMED'
  | 'SUBJECT_DIGEST_MISMATCH'
  | 'KEY_UNSUPPORTED'
  | 'CERTIFICATE_MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'TLOG_MISSING'
  | 'TLOG_INVALID';

/** The signature is cryptographically valid but the signer is not trusted by the policy. */
export type UntrustedReasonCode =
  | 'KEY_NOT_TRUSTED'
  | 'KEY_UNKNOWN'
  | 'CERT_CHAIN_UNTRUSTED'
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_USAGE_INVALID'
  | 'SIGSTORE_CERT_UNTRUSTED'
  | 'SIGSTORE_LOG_UNTRUSTED'
  | 'SIGSTORE_TIMESTAMP_UNTRUSTED'
  | 'IDENTITY_NOT_CONFIGURED'
  | 'IDENTITY_MISMATCH'
  | 'POLICY_INVALID';

/** Signature valid and signer matches the configured key / CA / identity policy. */
export type TrustedReasonCode = 'VERIFIED';

export type SignatureReasonCode = InvalidReasonCode | UntrustedReasonCode | TrustedReasonCode;

/** Codes `parseModelSignature` can throw (a subset of the INVALID codes). */
export type ParseErrorCode = Exclude<InvalidReasonCode, 'SIGNATURE_INVALID' | 'TLOG_INVALID'>;

export const INVALID_REASON_CODES: readonly InvalidReasonCode[] = [
  'BUNDLE_EMPTY',
  'BUNDLE_MALFORMED',
  'BUNDLE_MEDIA_TYPE_UNSUPPORTED',
  'VERIFICATION_MATERIAL_MISSING',
  'VERIFICATION_MATERIAL_MALFORMED',
  'ENVELOPE_MISSING',
  'ENVELOPE_MALFORMED',
  'PAYLOAD_TYPE_UNSUPPORTED',
  'STATEMENT_MALFORMED',
  'PREDICATE_TYPE_UNSUPPORTED',
  'PREDICATE_MALFORMED',
  'SUBJECT_DIGEST_MISMATCH',
  'KEY_UNSUPPORTED',
  'CERTIFICATE_MALFORMED',
  'SIGNATURE_INVALID',
  'TLOG_MISSING',
  'TLOG_INVALID',
];

export const UNTRUSTED_REASON_CODES: readonly UntrustedReasonCode[] = [
  'KEY_NOT_TRUSTED',
  'KEY_UNKNOWN',
  'CERT_CHAIN_UNTRUSTED',
  'CERT_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_USAGE_INVALID',
  'SIGSTORE_CERT_UNTRUSTED',
  'SIGSTORE_LOG_UNTRUSTED',
  'SIGSTORE_TIMESTAMP_UNTRUSTED',
  'IDENTITY_NOT_CONFIGURED',
  'IDENTITY_MISMATCH',
  'POLICY_INVALID',
];

/** Thrown by the parsing layer (and internally by verifiers) with a reason code. */
export class OmsSignatureError extends SupplygraphError<InvalidReasonCode> {
  constructor(code: InvalidReasonCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export function isOmsSignatureError(e: unknown): e is OmsSignatureError {
  return e instanceof OmsSignatureError;
}

/** Codes for the manifest (model files vs. signed manifest) check. */
export type ManifestReasonCode =
  | 'MANIFEST_MATCH'
  | 'FILE_MODIFIED'
  | 'FILE_MISSING'
  | 'FILE_UNSIGNED'
  | 'MANIFEST_MISMATCH'
  | 'SYMLINK_NOT_ALLOWED'
  | 'UNSUPPORTED_FILE_TYPE'
  | 'HASH_ALGORITHM_UNSUPPORTED'
  | 'MODEL_NOT_FOUND'
  | 'MANIFEST_INVALID'
  | 'IGNORE_PATH_OUTSIDE_MODEL'
  | 'IO_ERROR';

/** A caller's ignore path that names something outside the model directory (or the directory itself). */
export class IgnorePathError extends SupplygraphError<'IGNORE_PATH_OUTSIDE_MODEL'> {
  constructor(readonly path: string, message: string) {
    super('IGNORE_PATH_OUTSIDE_MODEL', message);
  }
}
