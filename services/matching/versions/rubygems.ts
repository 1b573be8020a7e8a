/**
 * RubyGems ordering (Gem::Version#<=>): `-` means `.pre.`; the version is
 * scanned into runs of digits and runs of letters (anything else separates);
 * trailing zeros are dropped from the leading numeric segments and from the
 * segments after the first string ("canonical segments"); segments compare
 * pairwise with missing ones as 0, numbers numerically, strings lexically,
 * and a string segment (pre-release) sorts below a number.
 *
 * Gem::Version rejects a letter directly after a number (`1beta`); OSV data and
 * fixtures contain such versions, so they are accepted and scanned the same way.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareCodePoints, compareDigits, isDigits } from './util.js';

const GEM = /^[0-9]+[0-9A-Za-z.-]*$/;

function canonicalSegments(v: string): string[] {
  if (!GEM.test(v)) throw new VersionParseError('rubygems', v);
  const segments = v.replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstString = segments.findIndex((s) => !isDigits(s));
  const numeric = firstString < 0 ? segments : segments.slice(0, firstString);
  const strings = firstString < 0 ? [] : segments.slice(firstString);
  const dropTrailingZeros = (xs: string[]): string[] => {
    let end = xs.length;
    while (end > 0 && isDigits(xs[end - 1]!) && compareDigits(xs[end - 1]!, '0') === 0) end--;
    return xs.slice(0, end);
  };
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(strings)];
}

function compareGems(a: string, b: string): number {
  const x = canonicalSegments(a);
  const y = canonicalSegments(b);
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const l = x[i] ?? '0';
    const r = y[i] ?? '0';
    const ln = isDigits(l);
    const rn = isDigits(r);
    if (ln && rn) {
      const c = compareDigits(l, r);
      if (c !== 0) return c;
    } else if (!ln && !rn) {
      const c = compareCodePoints(l, r);
      if (c !== 0) return c;
    } else {
      return ln ? 1 : -1;
    }
  }
  return 0;
}

export const rubygemsComparator: SchemeComparator = {
  isValid: (v) => GEM.test(v),
  compare: compareGems,
};
