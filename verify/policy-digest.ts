/**
 * A digest of a trust policy: what a stored verdict was decided with. The
 * policy (keys, CAs, trusted roots, identities, public-good switch) is hashed
 * as canonical JSON, so the digest changes when the trust file or any key,
 * certificate or trusted-root file it references changes, and not when a file
 * is only touched or reformatted. Stored on each Signature node
 * (`trustDigest`) so start-up can tell which verdicts are stale.
 */
import { createHash } from 'node:crypto';
import type { TrustPolicy } from './types.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/** `sha256:<hex>` of the policy's canonical JSON. */
export function trustPolicyDigest(policy: TrustPolicy): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical(policy))).digest('hex')}`;
}
