/**
 * `key` method: ECDSA public keys. Bundles either embed the key (`publicKey.rawBytes`,
 * model_signing ≤ v1.0) or only name it (`publicKey.hint`, v1.1+: sha256 of its PEM).
 *
 * - Embedded key: the signature is checked with it (INVALID if it fails), then the key
 *   must be one of the policy keys (else UNTRUSTED / KEY_NOT_TRUSTED).
 * - Hint only: the hint is unsigned, so it only orders the search; the signature must
 *   verify with a policy key. If the key the hint names is configured and fails → INVALID;
 *   if no configured key verifies → UNTRUSTED / KEY_UNKNOWN (authenticity undecidable).
 */
import type crypto from 'node:crypto';
import type { ParsedBundle } from './bundle.js';
import { assertSupportedSigningKey, keyFingerprint, parsePublicKey, sameKey, sigstoreKeyHint, verifyDsseSignature } from './keys.js';
import { invalid, trusted, untrusted, type MethodOutcome } from './outcome.js';
import type { SignerIdentity, TrustPolicy } from './types.js';

interface PolicyKey {
  name: string;
  key: crypto.KeyObject;
  hint: string;
}

/** Parse policy keys; returns an error sentence naming the bad entry instead of throwing. */
export function parsePolicyKeys(policy: TrustPolicy): PolicyKey[] | string {
  const out: PolicyKey[] = [];
  for (const [i, k] of policy.keys.entries()) {
    const name = k.name ?? `keys[${i}]`;
    try {
      const key = parsePublicKey(k.pem);
      assertSupportedSigningKey(key);
      out.push({ name, key, hint: sigstoreKeyHint(key) });
    } catch (e) {
      return `trusted key '${name}' is unusable: ${(e as Error).message}`;
    }
  }
  return out;
}

function keySigner(key: crypto.KeyObject, name?: string): SignerIdentity {
  return { kind: 'key', keyFingerprint: keyFingerprint(key), ...(name ? { subject: name } : {}) };
}

export function verifyKeyMethod(bundle: ParsedBundle, policy: TrustPolicy): MethodOutcome {
  if (bundle.material.kind !== 'publicKey') throw new Error('verifyKeyMethod: not a publicKey bundle');
  const { hint, rawBytes } = bundle.material;
  const env = bundle.envelope;
  const check = (key: crypto.KeyObject) => verifyDsseSignature(key, env.payloadType, env.payload, env.signature, { allowLegacy: true });

  let embedded: crypto.KeyObject | undefined;
  if (rawBytes) {
    try {
      embedded = parsePublicKey(rawBytes);
      assertSupportedSigningKey(embedded);
    } catch (e) {
      return invalid('KEY_UNSUPPORTED', `The bundle's embedded public key is unusable: ${(e as Error).message}.`);
    }
    if (!check(embedded)) {
      return invalid('SIGNATURE_INVALID', 'The DSSE signature does not verify with the public key embedded in the bundle; the payload or signature was altered.');
    }
  }

  const keys = parsePolicyKeys(policy);
  if (typeof keys === 'string') {
    return untrusted('POLICY_INVALID', `${keys}. Fix the trust configuration.`, embedded ? keySigner(embedded) : null);
  }

  if (embedded) {
    const match = keys.find((k) => sameKey(k.key, embedded!));
    if (match) return trusted(`Signed by trusted key '${match.name}'.`, keySigner(embedded, match.name));
    return untrusted(
      'KEY_NOT_TRUSTED',
      `The signature is valid but was made by key ${keyFingerprint(embedded)}, which is not a trusted key. Add its public key to the trust configuration if you trust this signer.`,
      keySigner(embedded),
    );
  }

  const named = hint ? keys.filter((k) => k.hint === hint.toLowerCase()) : [];
  const others = keys.filter((k) => !named.includes(k));
  for (const k of [...named, ...others]) {
    if (check(k.key)) return trusted(`Signed by trusted key '${k.name}'.`, keySigner(k.key, k.name));
  }
  if (named.length > 0) {
    return invalid('SIGNATURE_INVALID', `The bundle names trusted key '${named[0].name}' but the DSSE signature does not verify with it; the payload or signature was altered.`);
  }
  return untrusted(
    'KEY_UNKNOWN',
    hint
      ? `No trusted key verifies this signature (the bundle names key hint ${hint}). Provide the signer's public key if you trust it.`
      : 'No trusted key verifies this signature and the bundle does not say which key signed it. Provide the signer\'s public key if you trust it.',
    null,
  );
}

