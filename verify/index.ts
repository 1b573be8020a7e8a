/**
 * OpenSSF Model Signing (OMS) verification — offline, pure core, I/O at the edges.
 *
 * Public API
 * ----------
 *   parseModelSignature(bundleBytes: Uint8Array): ModelSignature
 *     Parse a `model.sig` Sigstore bundle without any trust decision. Throws
 *     OmsSignatureError (`.code`: ParseErrorCode) when the bundle is malformed, the
 *     predicate is not OMS, or the subject (root) digest disagrees with the resources.
 *
 *   verifyModelSignature(bundleBytes: Uint8Array, policy: TrustPolicy,
 *                        opts?: { now?: Date }): Promise<SignatureVerification>
 *     Parse + verify the signature and decide trust. Never throws for bad input:
 *       TRUSTED   — signature valid, signer matches a configured key / CA / identity;
 *       UNTRUSTED — signature cryptographically valid (or undecidable, KEY_UNKNOWN) but
 *                   the signer is not trusted by the policy;
 *       INVALID   — malformed, bad signature, payload/subject/tlog mismatch.
 *     `reasonCode` is a SignatureReasonCode (see error.ts), `reason` a human sentence.
 *
 *   verifyModelFiles(modelPath: string, signature: ModelSignature,
 *                    opts?: VerifyModelFilesOptions): Promise<ManifestVerification>
 *     Re-hash the model (streamed, in parallel) and compare with the signed manifest:
 *     reports modified / missing / extra (unsigned) files; honours ignore_paths and the
 *     default exclusions (.git, .gitattributes, .github, .gitignore, the signature file);
 *     supports shard manifests and single-file models named '.'.
 *     Only meaningful after verifyModelSignature returned TRUSTED.
 *
 * Signing methods (detected from the bundle's verificationMaterial):
 *   key         — publicKey.hint (v1.1+) or publicKey.rawBytes (≤ v1.0); ECDSA P-256/384/521.
 *   certificate — x509CertificateChain (or a lone non-Fulcio certificate) up to policy CAs.
 *   sigstore    — Fulcio certificate (has the OIDC-issuer extension) + Rekor entry.
 *
 * Formats: v0.2 (predicate Digests/v0.1, pre-standard PAE), v0.3–v1.0 (rawBytes, null
 * keyid, single-file '.'), v1.1 (hint, ignore_paths, RFC 3161 timestamps), shard
 * manifests, hash types sha256 / blake2b / blake3.
 */
import { parseBundle, type ParsedBundle } from './bundle.js';
import { verifyCertificateMethod } from './certificate.js';
import { isOmsSignatureError, OmsSignatureError } from './error.js';
import { verifyKeyMethod } from './key.js';
import type { MethodOutcome } from './outcome.js';
import { isFulcioCertificate, verifySigstoreMethod } from './sigstore.js';
import { parseStatement } from './statement.js';
import type { ModelSignature, SignatureVerification, SigningMethod, TrustPolicy, VerifyModelSignatureOptions } from './types.js';
import { parseCertificate } from './x509.js';

export type {
  ManifestEntry,
  ManifestProblem,
  ManifestVerification,
  ModelSignature,
  ModifiedEntry,
  SerializationInfo,
  SignatureTrust,
  SignatureVerification,
  SignerIdentity,
  SigningMethod,
  TrustPolicy,
  VerifyModelFilesOptions,
  VerifyModelSignatureOptions,
} from './types.js';
export type { InvalidReasonCode, ManifestReasonCode, ParseErrorCode, SignatureReasonCode, TrustedReasonCode, UntrustedReasonCode } from './error.js';
export { IgnorePathError, INVALID_REASON_CODES, OmsSignatureError, UNTRUSTED_REASON_CODES, isOmsSignatureError } from './error.js';
export { DEFAULT_IGNORE_PATHS, resolveIgnorePaths, verifyModelFiles } from './manifest.js';
export { trustPolicyDigest } from './policy-digest.js';
export { publicGoodTrustedRoot, checkTrustedRootJson } from './trusted-root.js';
export { emptyTrustPolicy } from './policy.js';

function methodOf(bundle: ParsedBundle): SigningMethod {
  const m = bundle.material;
  if (m.kind === 'publicKey') return 'key';
  const leaf = m.kind === 'certificate' ? m.certificate : m.certificates[0];
  parseCertificate(leaf, 'signing certificate'); // throws CERTIFICATE_MALFORMED
  return isFulcioCertificate(leaf) ? 'sigstore' : 'certificate';
}

function formatVersionOf(bundle: ParsedBundle, legacy: boolean, hasIgnorePaths: boolean): string {
  if (legacy) return 'v0.2';
  const hint = bundle.material.kind === 'publicKey' && bundle.material.hint !== undefined;
  if (hint || hasIgnorePaths || bundle.envelope.keyid === '') return 'v1.1';
  return 'v1.0';
}

function claimedSigningTime(bundle: ParsedBundle): string | undefined {
  const t = bundle.tlogEntries[0]?.integratedTime;
  const secs = typeof t === 'string' || typeof t === 'number' ? Number(t) : NaN;
  return Number.isFinite(secs) && secs > 0 ? new Date(secs * 1000).toISOString() : undefined;
}

function toModelSignature(bundle: ParsedBundle): ModelSignature {
  const method = methodOf(bundle);
  const st = parseStatement(bundle.envelope.payloadType, bundle.envelope.payload);
  const signedAt = claimedSigningTime(bundle);
  return {
    formatVersion: formatVersionOf(bundle, st.legacy, st.serialization.ignorePaths !== undefined),
    bundleMediaType: bundle.mediaType,
    predicateType: st.predicateType,
    method,
    ...(st.modelName !== undefined ? { modelName: st.modelName } : {}),
    rootDigest: st.rootDigest,
    serialization: st.serialization,
    resources: st.resources,
    ...(signedAt ? { signedAt } : {}),
  };
}

export function parseModelSignature(bundleBytes: Uint8Array): ModelSignature {
  return toModelSignature(parseBundle(bundleBytes));
}

function verifyMethod(method: SigningMethod, bundle: ParsedBundle, policy: TrustPolicy, now: Date): MethodOutcome {
  switch (method) {
    case 'key':
      return verifyKeyMethod(bundle, policy);
    case 'certificate':
      return verifyCertificateMethod(bundle, policy, now);
    case 'sigstore':
      return verifySigstoreMethod(bundle, policy);
  }
}

export async function verifyModelSignature(bundleBytes: Uint8Array, policy: TrustPolicy, opts: VerifyModelSignatureOptions = {}): Promise<SignatureVerification> {
  const now = opts.now ?? new Date();
  const verifiedAt = now.toISOString();
  let bundle: ParsedBundle;
  let signature: ModelSignature;
  try {
    bundle = parseBundle(bundleBytes);
    signature = toModelSignature(bundle);
  } catch (e) {
    const err = isOmsSignatureError(e) ? e : new OmsSignatureError('BUNDLE_MALFORMED', (e as Error).message);
    return { signature: null, trust: 'INVALID', reasonCode: err.code, reason: `${err.message}.`, signer: null, verifiedAt };
  }
  let outcome: MethodOutcome;
  try {
    outcome = verifyMethod(signature.method, bundle, policy, now);
  } catch (e) {
    // Defensive: an unexpected failure must never turn into TRUSTED.
    outcome = { trust: 'INVALID', reasonCode: 'BUNDLE_MALFORMED', reason: `Verification failed unexpectedly: ${(e as Error).message}.`, signer: null };
  }
  const { signedAt: _claimed, ...rest } = signature;
  const verifiedSignature: ModelSignature = outcome.trust !== 'INVALID' && outcome.signedAt ? { ...rest, signedAt: outcome.signedAt } : rest;
  return { signature: verifiedSignature, trust: outcome.trust, reasonCode: outcome.reasonCode, reason: outcome.reason, signer: outcome.signer, verifiedAt };
}
