/** Helpers for building TrustPolicy values in code. */
import type { TrustPolicy } from './types.js';

/** A policy that trusts nothing (public-good Sigstore root off). */
export function emptyTrustPolicy(): TrustPolicy {
  return { keys: [], certificateAuthorities: [], sigstore: { trustedRoots: [], usePublicGood: false, identities: [] } };
}
