/**
 * Public-key handling shared by the key, certificate and Sigstore paths:
 * PEM/DER parsing (tolerating text before the PEM block), fingerprints, the
 * Sigstore `publicKey.hint`, and DSSE signature checks with the hash the
 * curve calls for (P-256 → SHA-256, P-384 → SHA-384, P-521 → SHA-512).
 */
import crypto from 'node:crypto';
import { legacyPae, standardPae } from './dsse.js';
import { SupplygraphError } from '../schema/errors/supplygraph-error.js';

export type EcCurve = 'P-256' | 'P-384' | 'P-521';

const CURVES: Record<string, { curve: EcCurve; hash: string }> = {
  prime256v1: { curve: 'P-256', hash: 'sha256' },
  secp384r1: { curve: 'P-384', hash: 'sha384' },
  secp521r1: { curve: 'P-521', hash: 'sha512' },
};

export class KeyParseError extends SupplygraphError<'KEY_INVALID'> {
  constructor(message: string) {
    super('KEY_INVALID', message);
  }
}

/** All PEM blocks with the given label (e.g. 'PUBLIC KEY', 'CERTIFICATE') in a text, in order. */
export function pemBlocks(text: string, label: string): string[] {
  const re = new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, 'g');
  return text.match(re) ?? [];
}

/**
 * Parse a public key from PEM text (any text before/after the block is ignored, as in
 * certtool output), a PEM/DER buffer, or a certificate PEM (its key is used).
 */
export function parsePublicKey(input: string | Uint8Array): crypto.KeyObject {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const text = buf.toString('utf8');
  const keyPem = pemBlocks(text, 'PUBLIC KEY')[0];
  try {
    if (keyPem) return crypto.createPublicKey(keyPem);
    const certPem = pemBlocks(text, 'CERTIFICATE')[0];
    if (certPem) return new crypto.X509Certificate(certPem).publicKey;
    const ecPem = pemBlocks(text, 'EC PUBLIC KEY')[0];
    if (ecPem) return crypto.createPublicKey(ecPem.replace(/EC PUBLIC KEY/g, 'PUBLIC KEY'));
    return crypto.createPublicKey({ key: buf, format: 'der', type: 'spki' });
  } catch (e) {
    throw new KeyParseError(`not a PEM or DER public key: ${(e as Error).message}`);
  }
}

/** Curve info for an EC key, or undefined for other key types / curves. */
export function ecCurveOf(key: crypto.KeyObject): { curve: EcCurve; hash: string } | undefined {
  if (key.asymmetricKeyType !== 'ec') return undefined;
  const named = key.asymmetricKeyDetails?.namedCurve;
  return named ? CURVES[named] : undefined;
}

/** Throws KeyParseError unless the key is ECDSA on P-256/P-384/P-521. */
export function assertSupportedSigningKey(key: crypto.KeyObject): void {
  if (!ecCurveOf(key)) {
    const what = key.asymmetricKeyType === 'ec' ? `EC curve ${key.asymmetricKeyDetails?.namedCurve ?? '?'}` : `${key.asymmetricKeyType ?? 'unknown'} key`;
    throw new KeyParseError(`unsupported signing key (${what}); OMS keys must be ECDSA P-256, P-384 or P-521`);
  }
}

export function spkiDer(key: crypto.KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

/** sha256 hex of the SubjectPublicKeyInfo DER. */
export function keyFingerprint(key: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(spkiDer(key)).digest('hex');
}

/**
 * The `publicKey.hint` that model_signing ≥ v1.1 writes: sha256 hex of the key's
 * canonical SPKI PEM text (64-column base64, trailing newline).
 */
export function sigstoreKeyHint(key: crypto.KeyObject): string {
  const b64 = spkiDer(key).toString('base64');
  const pem = `-----BEGIN PUBLIC KEY-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PUBLIC KEY-----\n`;
  return crypto.createHash('sha256').update(pem, 'utf8').digest('hex');
}

export function sameKey(a: crypto.KeyObject, b: crypto.KeyObject): boolean {
  return spkiDer(a).equals(spkiDer(b));
}

/** Hash to use for a DSSE signature by this key (curve-based for EC). */
export function signatureHashFor(key: crypto.KeyObject): string | null {
  const ec = ecCurveOf(key);
  if (ec) return ec.hash;
  if (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448') return null;
  return 'sha256';
}

function verifyRaw(algorithm: string | null, data: Buffer, key: crypto.KeyObject, sig: Buffer): boolean {
  try {
    return crypto.verify(algorithm, data, key, sig);
  } catch {
    return false;
  }
}

export type PaeKind = 'standard' | 'legacy-v0.2';

/**
 * Verify a DSSE signature. With `allowLegacy`, also accept the model_signing v0.2.0
 * encoding, which was signed with SHA-256 whatever the curve.
 */
export function verifyDsseSignature(
  key: crypto.KeyObject,
  payloadType: string,
  payload: Buffer,
  signature: Buffer,
  opts: { allowLegacy: boolean },
): PaeKind | null {
  const hash = signatureHashFor(key);
  if (verifyRaw(hash, standardPae(payloadType, payload), key, signature)) return 'standard';
  if (opts.allowLegacy) {
    const legacy = legacyPae(payloadType, payload);
    if (verifyRaw(hash, legacy, key, signature)) return 'legacy-v0.2';
    if (hash !== 'sha256' && hash !== null && verifyRaw('sha256', legacy, key, signature)) return 'legacy-v0.2';
  }
  return null;
}
