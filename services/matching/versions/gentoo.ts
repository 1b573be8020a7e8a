/**
 * Gentoo ebuild version ordering (PMS §3.3, as in portage/pkgcore):
 *
 *   number{.number}{letter}{_suffix{number}}...{-rN}
 *
 *  - the first component compares numerically; later ones compare as strings
 *    with trailing zeros removed when either starts with `0` (`1.01` < `1.1`),
 *    else numerically; more components win (`1.0` < `1.0.0`);
 *  - then the optional letter, then suffixes `_alpha` < `_beta` < `_pre` < `_rc`
 *    < (none) < `_p`, then the revision `-rN` (absent = r0).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareCodePoints, compareDigits, sign } from './util.js';

const GENTOO = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)\d*)*)(?:-r(\d+))?$/;
const SUFFIX_RANK: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, p: 1 };

interface GentooVersion {
  components: string[];
  letter: string;
  suffixes: { rank: number; number: string }[];
  revision: string;
}

function parseGentoo(v: string): GentooVersion {
  const m = GENTOO.exec(v);
  if (!m) throw new VersionParseError('gentoo', v);
  const suffixes = (m[3]!.match(/_(alpha|beta|pre|rc|p)(\d*)/g) ?? []).map((s) => {
    const sm = /^_(alpha|beta|pre|rc|p)(\d*)$/.exec(s)!;
    return { rank: SUFFIX_RANK[sm[1]!]!, number: sm[2] || '0' };
  });
  return { components: m[1]!.split('.'), letter: m[2]!, suffixes, revision: m[4] ?? '0' };
}

function compareGentoo(a: string, b: string): number {
  const x = parseGentoo(a);
  const y = parseGentoo(b);
  const c0 = compareDigits(x.components[0]!, y.components[0]!);
  if (c0 !== 0) return c0;
  for (let i = 1; i < Math.min(x.components.length, y.components.length); i++) {
    const p = x.components[i]!;
    const q = y.components[i]!;
    const c =
      p[0] === '0' || q[0] === '0'
        ? compareCodePoints(p.replace(/0+$/, ''), q.replace(/0+$/, ''))
        : compareDigits(p, q);
    if (c !== 0) return c;
  }
  const len = sign(x.components.length - y.components.length);
  if (len !== 0) return len;
  if (x.letter !== y.letter) return x.letter < y.letter ? -1 : 1;
  for (let i = 0; i < Math.max(x.suffixes.length, y.suffixes.length); i++) {
    const s = x.suffixes[i];
    const t = y.suffixes[i];
    if (s === undefined) return t!.rank > 0 ? -1 : 1;
    if (t === undefined) return s.rank > 0 ? 1 : -1;
    if (s.rank !== t.rank) return s.rank < t.rank ? -1 : 1;
    const c = compareDigits(s.number, t.number);
    if (c !== 0) return c;
  }
  return compareDigits(x.revision, y.revision);
}

export const gentooComparator: SchemeComparator = {
  isValid: (v) => GENTOO.test(v),
  compare: compareGentoo,
};
