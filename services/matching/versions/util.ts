/**
 * Small helpers shared by the per-scheme comparators. Numbers in version
 * strings are compared as arbitrary-precision digit strings (never through
 * JS numbers), so "999999999999999999999999999991" < "999999999999999999999999999999"
 * holds exactly.
 */

/** -1, 0 or +1. */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function isAsciiLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

export function isDigits(s: string): boolean {
  return /^[0-9]+$/.test(s);
}

/** Compare two non-empty strings of ASCII digits numerically (leading zeros ignored). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compare two bigints. */
export function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Byte-wise (UTF-8) / code-point order, which is what C's strcmp, Go's
 * strings.Compare and Python's str comparison give. JS `<` compares UTF-16
 * code units, which differs for astral characters.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Plain UTF-16 code unit comparison (Java's String.compareTo). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compare lists of numeric components, padding the shorter one with zeros. */
export function compareNumericComponents(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/** True when the string has ASCII whitespace or control characters (never valid in any scheme here). */
export function hasSpaceOrControl(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\s\u0000-\u001f\u007f]/.test(s);
}

/**
 * Semver-style identifier list comparison (semver §11.4): numeric identifiers
 * compare numerically and sort below alphanumeric ones, alphanumeric ones
 * compare in ASCII order, and a longer list wins when all shared identifiers
 * are equal.
 */
export function compareIdentifierLists(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = isDigits(x);
    const yn = isDigits(y);
    let c: number;
    if (xn && yn) c = compareDigits(x, y);
    else if (xn) c = -1;
    else if (yn) c = 1;
    else c = compareCodePoints(x, y);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}
