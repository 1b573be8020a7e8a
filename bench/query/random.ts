/**
 * Deterministic randomness for the query benchmark's synthetic graph.
 *
 * xorshift32 on unsigned 32-bit integers (every step is brought back with
 * `>>> 0`, so no precision is lost the way a float LCG loses it), seeded per
 * entity from (seed, salt, index) through a murmur3-style mixer: the graph is
 * the same for the same parameters whatever order entities are built in.
 */

export class Xorshift32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x6d2b79f5;
    this.u32();
  }

  u32(): number {
    let x = this.state;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.state = x;
    return x;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Log-uniform integer in [lo, hi]: most values small, a long tail of large ones. */
  logUniform(lo: number, hi: number): number {
    return Math.min(hi, Math.floor(Math.exp(Math.log(lo) + this.float() * (Math.log(hi + 1) - Math.log(lo)))));
  }

  /** Lowercase hex string of `chars` characters. */
  hex(chars: number): string {
    let s = '';
    while (s.length < chars) s += this.u32().toString(16).padStart(8, '0');
    return s.slice(0, chars);
  }
}

/** FNV-1a over UTF-16 code units, 32-bit. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Combines integers into one well-mixed 32-bit seed (murmur3 fmix32 finalizer). */
export function mix(...parts: number[]): number {
  let h = 0x9747b28c;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

export function rngFor(seed: number, salt: string, index: number): Xorshift32 {
  return new Xorshift32(mix(seed, hashString(salt), index));
}

/**
 * Zipf (power-law) sampler over ranks 0..n-1, weight 1/(rank+1)^s, by binary
 * search on the cumulative weights. `limit` samples from the first `limit`
 * ranks only (the same law truncated).
 */
export class Zipf {
  private readonly cdf: Float64Array;

  constructor(readonly n: number, readonly s: number) {
    this.cdf = new Float64Array(Math.max(1, n));
    let acc = 0;
    for (let r = 0; r < n; r++) {
      acc += 1 / Math.pow(r + 1, s);
      this.cdf[r] = acc;
    }
  }

  sample(rng: Xorshift32, limit = this.n): number {
    const top = Math.max(1, Math.min(limit, this.n));
    const u = rng.float() * this.cdf[top - 1]!;
    let lo = 0;
    let hi = top - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
