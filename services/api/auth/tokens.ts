/**
 * Looking a presented API token up among the configured ones (parsed by
 * services/config/api-tokens.ts). Only SHA-256 digests of the tokens are kept
 * in memory, and a lookup compares the presented token's digest with every
 * configured digest using crypto.timingSafeEqual, without stopping at a match,
 * so the time taken says nothing about which token (or how much of one) matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiTokenEntry, Scope } from '../../config/api-tokens.js';

export { MIN_TOKEN_LENGTH, SCOPES, TokenSpecError, mergeTokenLists, parseTokenSpec, tokenDigest, type ApiTokenEntry, type Scope } from '../../config/api-tokens.js';

/** Does a holder of `granted` have `needed`? `admin` implies every scope. */
export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

/** The configured tokens, by digest only. */
export class TokenRegistry {
  private readonly entries: Array<{ entry: ApiTokenEntry; digest: Buffer }>;

  constructor(entries: readonly ApiTokenEntry[]) {
    this.entries = entries.map((entry) => ({ entry: { ...entry, scopes: [...entry.scopes] }, digest: Buffer.from(entry.sha256, 'hex') }));
  }

  /** False when no token is configured: the API is then open (see SUPPLYGRAPH_ANONYMOUS_READ). */
  get enabled(): boolean {
    return this.entries.length > 0;
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The entry whose secret is `token`, or null. Every configured digest is
   * compared (constant time each), whether or not an earlier one matched.
   */
  lookup(token: string): ApiTokenEntry | null {
    const presented = createHash('sha256').update(token, 'utf8').digest();
    let found: ApiTokenEntry | null = null;
    for (const { entry, digest } of this.entries) {
      if (timingSafeEqual(presented, digest) && found === null) found = entry;
    }
    return found;
  }
}
