/**
 * `certificate` method: a long-lived signing certificate plus its CA chain
 * (`x509CertificateChain`: leaf first; a lone `certificate` is accepted too), verified
 * up to the trust anchors configured in the policy (RSA or EC CAs).
 *
 * Steps: parse → DSSE signature with the leaf key (INVALID if it fails) → build a path
 * leaf → … → anchor by issuer name + signature (never by name alone: the reference test
 * PKI's leaf has the same DN as its issuer) → validity of every certificate in the path
 * at `now` → CA constraints (basicConstraints, keyCertSign, pathLen) → leaf usage
 * (keyUsage digitalSignature and/or extendedKeyUsage codeSigning).
 */
import type { ParsedBundle } from './bundle.js';
import { OmsSignatureError } from './error.js';
import { assertSupportedSigningKey, keyFingerprint, verifyDsseSignature } from './keys.js';
import { invalid, trusted, untrusted, type MethodOutcome } from './outcome.js';
import type { SignerIdentity, TrustPolicy } from './types.js';
import { EKU_CODE_SIGNING, issuedBy, parseCertificate, parseCertificatesPem, type Certificate } from './x509.js';

const MAX_PATH = 10;

export function certificateSigner(leaf: Certificate): SignerIdentity {
  return {
    kind: 'certificate',
    subject: leaf.subject,
    ...(leaf.san ? { san: leaf.san } : {}),
    issuer: leaf.issuer,
    certificateFingerprint: leaf.fingerprint,
    keyFingerprint: keyFingerprint(leaf.node.publicKey),
  };
}

interface Anchor {
  name: string;
  cert: Certificate;
}

export function parseAnchors(policy: TrustPolicy): Anchor[] | string {
  const out: Anchor[] = [];
  for (const [i, ca] of policy.certificateAuthorities.entries()) {
    const name = ca.name ?? `certificateAuthorities[${i}]`;
    try {
      for (const cert of parseCertificatesPem(ca.pem, name)) out.push({ name, cert });
    } catch (e) {
      return `trusted CA '${name}' is unusable: ${(e as Error).message}`;
    }
  }
  return out;
}

/** Depth-first search for leaf → … → anchor; returns the path (anchor last) or null. */
export function buildPath(leaf: Certificate, intermediates: Certificate[], anchors: Anchor[]): { path: Certificate[]; anchor: Anchor } | null {
  const anchorOf = (c: Certificate) => anchors.find((a) => a.cert.der.equals(c.der));
  const pool = [...intermediates, ...anchors.map((a) => a.cert)];
  const walk = (path: Certificate[]): { path: Certificate[]; anchor: Anchor } | null => {
    const current = path[path.length - 1];
    const a = anchorOf(current);
    if (a) return { path, anchor: a };
    if (path.length >= MAX_PATH) return null;
    for (const cand of pool) {
      if (path.some((p) => p.der.equals(cand.der))) continue;
      if (!issuedBy(current, cand)) continue;
      const found = walk([...path, cand]);
      if (found) return found;
    }
    return null;
  };
  return walk([leaf]);
}

function describe(c: Certificate): string {
  return `'${c.subject}'`;
}

export function checkPath(path: Certificate[], now: Date): MethodOutcome | null {
  const leaf = path[0];
  const signer = certificateSigner(leaf);
  for (const c of path) {
    if (now < c.notBefore) {
      return untrusted('CERT_NOT_YET_VALID', `Certificate ${describe(c)} is not valid before ${c.notBefore.toISOString()}. Check the system clock or wait for the certificate to become valid.`, signer);
    }
    if (now > c.notAfter) {
      return untrusted('CERT_EXPIRED', `Certificate ${describe(c)} expired on ${c.notAfter.toISOString()}. Re-sign the model with a valid certificate.`, signer);
    }
  }
  // CA constraints on every issuer in the path (anchor included when it carries extensions).
  for (let i = 1; i < path.length; i++) {
    const ca = path[i];
    const isAnchor = i === path.length - 1;
    if (!ca.isCA && (!isAnchor || ca.hasBasicConstraints)) {
      return untrusted('CERT_USAGE_INVALID', `Certificate ${describe(ca)} issued another certificate but is not a CA (basicConstraints cA is not set).`, signer);
    }
    if (ca.keyUsage && !ca.keyUsage.keyCertSign) {
      return untrusted('CERT_USAGE_INVALID', `Certificate ${describe(ca)} issued another certificate but its keyUsage lacks keyCertSign.`, signer);
    }
    const below = i - 1; // intermediates between this CA and the leaf
    if (ca.pathLenConstraint !== undefined && below > ca.pathLenConstraint) {
      return untrusted('CERT_USAGE_INVALID', `Certificate ${describe(ca)} allows at most ${ca.pathLenConstraint} intermediate CA(s) below it, found ${below}.`, signer);
    }
  }
  if (!leaf.keyUsage && !leaf.extKeyUsage) {
    return untrusted('CERT_USAGE_INVALID', `Signing certificate ${describe(leaf)} has neither keyUsage nor extendedKeyUsage, so it is not marked for signing.`, signer);
  }
  if (leaf.keyUsage && !leaf.keyUsage.digitalSignature) {
    return untrusted('CERT_USAGE_INVALID', `Signing certificate ${describe(leaf)} keyUsage does not allow digitalSignature.`, signer);
  }
  if (leaf.extKeyUsage && !leaf.extKeyUsage.includes(EKU_CODE_SIGNING)) {
    return untrusted('CERT_USAGE_INVALID', `Signing certificate ${describe(leaf)} extendedKeyUsage does not include codeSigning.`, signer);
  }
  return null;
}

export function leafAndChain(bundle: ParsedBundle): { leaf: Certificate; intermediates: Certificate[] } {
  const m = bundle.material;
  if (m.kind === 'x509CertificateChain') {
    const [first, ...rest] = m.certificates;
    return {
      leaf: parseCertificate(first, 'signing certificate'),
      intermediates: rest.map((der, i) => parseCertificate(der, `chain certificate #${i + 2}`)),
    };
  }
  if (m.kind === 'certificate') return { leaf: parseCertificate(m.certificate, 'signing certificate'), intermediates: [] };
  throw new Error('leafAndChain: bundle carries no certificate');
}

export function verifyCertificateMethod(bundle: ParsedBundle, policy: TrustPolicy, now: Date): MethodOutcome {
  let leaf: Certificate;
  let intermediates: Certificate[];
  try {
    ({ leaf, intermediates } = leafAndChain(bundle));
    assertSupportedSigningKey(leaf.node.publicKey);
  } catch (e) {
    if (e instanceof OmsSignatureError) return invalid(e.code, `${e.message}.`);
    return invalid('KEY_UNSUPPORTED', `The signing certificate's key is unusable: ${(e as Error).message}.`);
  }
  const env = bundle.envelope;
  if (!verifyDsseSignature(leaf.node.publicKey, env.payloadType, env.payload, env.signature, { allowLegacy: true })) {
    return invalid('SIGNATURE_INVALID', 'The DSSE signature does not verify with the signing certificate\'s key; the payload or signature was altered.');
  }
  const signer = certificateSigner(leaf);
  const anchors = parseAnchors(policy);
  if (typeof anchors === 'string') return untrusted('POLICY_INVALID', `${anchors}. Fix the trust configuration.`, signer);
  if (anchors.length === 0) {
    return untrusted('CERT_CHAIN_UNTRUSTED', `The signature is valid but no certificate authorities are trusted, so signer ${describe(leaf)} cannot be trusted. Configure the CA that issued it.`, signer);
  }
  const found = buildPath(leaf, intermediates, anchors);
  if (!found) {
    return untrusted(
      'CERT_CHAIN_UNTRUSTED',
      `The signature is valid but the certificate chain of ${describe(leaf)} (issuer '${leaf.issuer}') does not lead to a trusted CA. Configure the right CA, or obtain a signature from a trusted one.`,
      signer,
    );
  }
  const problem = checkPath(found.path, now);
  if (problem) return problem;
  return trusted(`Signed by ${describe(leaf)}, chaining to trusted CA '${found.anchor.name}'.`, signer);
}
