/**
 * Packagist / Composer ordering: PHP's version_compare(), as OSV applies it.
 *
 *  - a single leading `v`/`V` is dropped (Composer strips it);
 *  - `-`, `_` and `+` become `.`, and a `.` is inserted wherever a digit meets
 *    a non-digit (`1.0rc1` -> `1.0.rc.1`);
 *  - parts compare pairwise: numbers numerically (no size limit, unlike PHP's
 *    `long`), words by their special-form rank
 *    `dev` < `alpha`=`a` < `beta`=`b` < `RC`=`rc` < `#` < `pl`=`p` (prefix match,
 *    any other word ranks below `dev`), and a number ranks like `#`;
 *  - when one version has more parts, a following number makes it greater,
 *    a following word is ranked against `#` (`1.0` < `1.0pl1`, `1.0rc1` < `1.0`).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareDigits, hasSpaceOrControl, isAsciiDigit, isDigits, sign } from './util.js';

const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function specialRank(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

function compareSpecial(a: string, b: string): number {
  return sign(specialRank(a) - specialRank(b));
}

function canonicalParts(v: string): string[] {
  if (v.length === 0 || hasSpaceOrControl(v)) throw new VersionParseError('packagist', v);
  const s = /^[vV]/.test(v) && v.length > 1 ? v.slice(1) : v;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '-' || c === '_' || c === '+') {
      out += '.';
      continue;
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && prev !== '.' && c !== '.' && isAsciiDigit(prev) !== isAsciiDigit(c)) out += '.';
    out += c;
  }
  return out.split('.');
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = isDigits(x);
    const yn = isDigits(y);
    let c: number;
    if (xn && yn) c = compareDigits(x, y);
    else if (!xn && !yn) c = compareSpecial(x, y);
    else if (xn) c = compareSpecial('#', y);
    else c = compareSpecial(x, '#');
    if (c !== 0) return c;
  }
  if (a.length > b.length) {
    return isDigits(a[b.length]!) ? 1 : compareParts(a.slice(b.length), ['#']);
  }
  if (a.length < b.length) {
    return isDigits(b[a.length]!) ? -1 : compareParts(['#'], b.slice(a.length));
  }
  return 0;
}

export const packagistComparator: SchemeComparator = {
  isValid: (v) => v.length > 0 && !hasSpaceOrControl(v),
  compare: (a, b) => compareParts(canonicalParts(a), canonicalParts(b)),
};
