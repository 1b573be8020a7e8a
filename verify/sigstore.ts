/**
 * `sigstore` method (keyless): Fulcio certificate + Rekor entry (+ optional RFC 3161
 * timestamps), verified offline with @sigstore/verify against the configured trusted
 * roots (public-good from @sigstore/tuf seeds and/or private TrustedRoot JSON), then
 * matched against the identity policy (OIDC issuer + SAN, exact or full-match regex).
 *
 * The DSSE signature itself is checked here with the curve's hash (@sigstore/verify
 * hashes every ECDSA key with SHA-256 on Node 20), and that check replaces the one
 * inside @sigstore/verify.
 */
import { createHash } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import { PolicyError, toSignedEntity, VerificationError, Verifier, type SignedEntity, type TrustMaterial } from '@sigstore/verify';
import type { ParsedBundle } from './bundle.js';
import { OmsSignatureError } from './error.js';
import { keyFingerprint, verifyDsseSignature } from './keys.js';
import { invalid, trusted, untrusted, type MethodOutcome } from './outcome.js';
import { checkTrustedRootJson, mergedTrustMaterial, publicGoodTrustedRoot } from './trusted-root.js';
import type { SignerIdentity, TrustPolicy } from './types.js';
import { parseCertificate, type Certificate } from './x509.js';

/** True when the signing certificate carries a Fulcio OIDC-issuer extension. */
export function isFulcioCertificate(der: Buffer): boolean {
  try {
    return parseCertificate(der).oidcIssuer !== undefined;
  } catch {
    return false;
  }
}

function leafOf(bundle: ParsedBundle): Buffer {
  const m = bundle.material;
  if (m.kind === 'certificate') return m.certificate;
  if (m.kind === 'x509CertificateChain') return m.certificates[0];
  throw new Error('sigstore verification needs a certificate');
}

/** @sigstore/bundle refuses v0.3 bundles with a chain; keyless only needs the leaf. */
function normalizedBundleJson(bundle: ParsedBundle): Record<string, unknown> {
  const json = structuredClone(bundle.json);
  const vm = { ...(json.verificationMaterial as Record<string, unknown>) };
  if (bundle.material.kind === 'x509CertificateChain' && bundle.bundleVersion === '0.3') {
    delete vm.x509CertificateChain;
    vm.certificate = { rawBytes: leafOf(bundle).toString('base64') };
  }
  if (!Array.isArray(vm.tlogEntries)) vm.tlogEntries = [];
  json.verificationMaterial = vm;
  return json;
}

function oidcSigner(leaf: Certificate, san: string | undefined, issuer: string | undefined): SignerIdentity {
  return {
    kind: 'oidc',
    ...(leaf.subject ? { subject: leaf.subject } : {}),
    ...(san ?? leaf.san ? { san: san ?? leaf.san } : {}),
    ...(issuer ?? leaf.oidcIssuer ? { issuer: issuer ?? leaf.oidcIssuer } : {}),
    certificateFingerprint: leaf.fingerprint,
    keyFingerprint: keyFingerprint(leaf.node.publicKey),
  };
}

/** Full-string match of a policy pattern (anchored, unlike sigstore-js's substring regex). */
export function sanMatches(identity: { san?: string; sanPattern?: string }, san: string): boolean {
  if (identity.san !== undefined) return identity.san === san;
  if (identity.sanPattern !== undefined) return new RegExp(`^(?:${identity.sanPattern})$`, 'u').test(san);
  return false;
}

function trustMaterialFor(policy: TrustPolicy): TrustMaterial | string | null {
  const roots: unknown[] = [];
  for (const [i, r] of policy.sigstore.trustedRoots.entries()) {
    const problem = checkTrustedRootJson(r);
    if (problem) return `sigstore trusted root #${i + 1} is unusable: ${problem}`;
    roots.push(r);
  }
  if (policy.sigstore.usePublicGood) roots.push(publicGoodTrustedRoot());
  if (roots.length === 0) return null;
  return mergedTrustMaterial(roots);
}

function signingTime(bundle: ParsedBundle): string | undefined {
  for (const ts of bundle.rfc3161Timestamps) {
    try {
      return RFC3161Timestamp.parse(Buffer.from(ts)).signingTime.toISOString();
    } catch {
      /* verified by @sigstore/verify already; ignore unparsable extras */
    }
  }
  const t = bundle.tlogEntries[0]?.integratedTime;
  const secs = typeof t === 'string' || typeof t === 'number' ? Number(t) : NaN;
  return Number.isFinite(secs) && secs > 0 ? new Date(secs * 1000).toISOString() : undefined;
}

function logIsTrusted(bundle: ParsedBundle, tm: TrustMaterial): boolean {
  return bundle.tlogEntries.some((e) => {
    const keyId = (e.logId as { keyId?: unknown } | undefined)?.keyId;
    if (typeof keyId !== 'string') return false;
    const id = Buffer.from(keyId, 'base64');
    return tm.tlogs.some((t) => t.logID.equals(id));
  });
}

/**
 * Cheap consistency check of `dsse` v0.0.1 log entries against this envelope (payload hash
 * and signature), done before @sigstore/verify so that a log entry lifted from another
 * signature is reported as TLOG_INVALID whatever else fails first. Other kinds are left to
 * @sigstore/verify.
 */
export function tlogBodyMismatch(bundle: ParsedBundle): string | null {
  const payloadHash = createHash('sha256').update(bundle.envelope.payload).digest('hex');
  for (const [i, e] of bundle.tlogEntries.entries()) {
    const kv = e.kindVersion as { kind?: unknown; version?: unknown } | undefined;
    if (kv?.kind !== 'dsse' || kv.version !== '0.0.1' || typeof e.canonicalizedBody !== 'string') continue;
    let body: { spec?: { payloadHash?: { value?: unknown }; signatures?: Array<{ signature?: unknown }> } };
    try {
      body = JSON.parse(Buffer.from(e.canonicalizedBody, 'base64').toString('utf8')) as typeof body;
    } catch {
      return `tlog entry #${i + 1} body is not JSON`;
    }
    if (body.spec?.payloadHash?.value !== payloadHash) return `tlog entry #${i + 1} records another payload`;
    const sigs = body.spec.signatures ?? [];
    if (!sigs.some((s) => typeof s.signature === 'string' && Buffer.from(s.signature, 'base64').equals(bundle.envelope.signature))) {
      return `tlog entry #${i + 1} records another signature`;
    }
  }
  return null;
}

function withCurveAwareSignature(entity: SignedEntity, bundle: ParsedBundle): SignedEntity {
  const content = entity.signature;
  const env = bundle.envelope;
  return {
    ...entity,
    signature: {
      get signature() {
        return content.signature;
      },
      compareSignature: (s: Buffer) => content.compareSignature(s),
      compareDigest: (d: Buffer) => content.compareDigest(d),
      verifySignature: (key) => verifyDsseSignature(key, env.payloadType, env.payload, env.signature, { allowLegacy: false }) !== null,
    },
  };
}

export function verifySigstoreMethod(bundle: ParsedBundle, policy: TrustPolicy): MethodOutcome {
  let leaf: Certificate;
  try {
    leaf = parseCertificate(leafOf(bundle), 'Fulcio signing certificate');
  } catch (e) {
    const code = e instanceof OmsSignatureError ? e.code : 'CERTIFICATE_MALFORMED';
    return invalid(code, `${(e as Error).message}.`);
  }
  if (bundle.tlogEntries.length === 0) {
    return invalid('TLOG_MISSING', 'This is a Sigstore keyless signature but the bundle has no transparency-log entry, so it cannot be verified. Re-sign with a Sigstore client that records the signature in Rekor.');
  }
  const env = bundle.envelope;
  if (!verifyDsseSignature(leaf.node.publicKey, env.payloadType, env.payload, env.signature, { allowLegacy: false })) {
    return invalid('SIGNATURE_INVALID', 'The DSSE signature does not verify with the Fulcio certificate\'s key; the payload or signature was altered.');
  }
  const claimed = oidcSigner(leaf, undefined, undefined);
  const mismatch = tlogBodyMismatch(bundle);
  if (mismatch) {
    return invalid('TLOG_INVALID', `The transparency-log entry does not record this signature (${mismatch}); the bundle was assembled from mismatched parts.`);
  }

  const tm = trustMaterialFor(policy);
  if (typeof tm === 'string') return untrusted('POLICY_INVALID', `${tm}. Fix the trust configuration.`, claimed);
  if (tm === null) {
    return untrusted('SIGSTORE_CERT_UNTRUSTED', 'No Sigstore trusted root is configured (public-good disabled and no private trusted root), so a keyless signature cannot be trusted.', claimed);
  }

  let entity: SignedEntity;
  try {
    entity = withCurveAwareSignature(toSignedEntity(bundleFromJSON(normalizedBundleJson(bundle))), bundle);
  } catch (e) {
    return invalid('BUNDLE_MALFORMED', `The Sigstore bundle is not well formed: ${(e as Error).message}.`);
  }

  let san: string | undefined;
  let issuer: string | undefined;
  try {
    const signer = new Verifier(tm, { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 }).verify(entity);
    san = signer.identity?.subjectAlternativeName;
    issuer = signer.identity?.extensions?.issuer;
  } catch (e) {
    const msg = (e as Error).message;
    if (e instanceof VerificationError) {
      switch (e.code) {
        case 'SIGNATURE_ERROR':
          return invalid('SIGNATURE_INVALID', `The DSSE signature does not verify: ${msg}.`);
        case 'TLOG_BODY_ERROR':
          return invalid('TLOG_INVALID', `The transparency-log entry does not record this signature (${msg}); the bundle was assembled from mismatched parts.`);
        case 'TLOG_ERROR':
        case 'TLOG_INCLUSION_PROOF_ERROR':
        case 'TLOG_INCLUSION_PROMISE_ERROR':
        case 'TLOG_MISSING_INCLUSION_ERROR':
          if (logIsTrusted(bundle, tm)) return invalid('TLOG_INVALID', `The transparency-log entry failed verification: ${msg}.`);
          return untrusted('SIGSTORE_LOG_UNTRUSTED', `The transparency log that recorded this signature is not in the trusted root (${msg}). Configure that instance's trusted root if you trust it.`, claimed);
        case 'TIMESTAMP_ERROR':
          return untrusted('SIGSTORE_TIMESTAMP_UNTRUSTED', `The signing time could not be established from a trusted source: ${msg}.`, claimed);
        case 'CERTIFICATE_ERROR':
        case 'PUBLIC_KEY_ERROR':
        default:
          return untrusted('SIGSTORE_CERT_UNTRUSTED', `The signing certificate does not chain to a trusted Sigstore CA at signing time: ${msg}. Configure the trusted root of the Sigstore instance that issued it.`, claimed);
      }
    }
    if (e instanceof PolicyError) return untrusted('IDENTITY_MISMATCH', msg, claimed);
    return invalid('BUNDLE_MALFORMED', `The Sigstore bundle could not be verified: ${msg}.`);
  }

  const signer = oidcSigner(leaf, san, issuer);
  const signedAt = signingTime(bundle);
  if (policy.sigstore.identities.length === 0) {
    return untrusted('IDENTITY_NOT_CONFIGURED', `The keyless signature is valid (signer ${san ?? '?'} via ${issuer ?? '?'}) but no Sigstore identity is trusted. Add the expected identity and OIDC issuer to the policy.`, signer, signedAt);
  }
  try {
    const match = policy.sigstore.identities.find((id) => id.issuer === issuer && san !== undefined && sanMatches(id, san));
    if (!match) {
      const expected = policy.sigstore.identities.map((id) => `${id.san ?? `/${id.sanPattern ?? ''}/`} via ${id.issuer}`).join('; ');
      return untrusted('IDENTITY_MISMATCH', `The keyless signature is valid but was made by ${san ?? '?'} via ${issuer ?? '?'}, which matches no trusted identity (expected ${expected}).`, signer, signedAt);
    }
  } catch (e) {
    return untrusted('POLICY_INVALID', `A Sigstore identity pattern is not a valid regular expression: ${(e as Error).message}. Fix the trust configuration.`, signer);
  }
  return trusted(`Signed by ${san ?? '?'} (OIDC issuer ${issuer ?? '?'}), recorded in a trusted transparency log.`, signer, signedAt);
}
