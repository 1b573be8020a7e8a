/**
 * Alpine apk version ordering (also Wolfi, Chainguard, MinimOS):
 *
 *   number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}
 *
 *  - numeric components: the first compares numerically; later ones compare
 *    as strings when either has a leading zero (`1.02` < `1.1`), else numerically;
 *  - an optional single lower-case letter (absent < present);
 *  - suffixes, ordered `_alpha` < `_beta` < `_pre` < `_rc` < (none) < `_cvs`
 *    < `_svn` < `_git` < `_hg` < `_p`, each with an optional number;
 *  - `~hash` is ignored; `-rN` is the package release (absent = r0).
 *
 * Like `apk version -t` (and OSV), strings outside the grammar are still
 * ordered: the parsed prefix is compared first and a well-formed version
 * sorts after one with unparsed trailing text; two malformed versions compare
 * as plain strings. Only empty strings and strings with whitespace are rejected.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareCodePoints, compareDigits, hasSpaceOrControl } from './util.js';

const SUFFIX_ORDER = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'] as const;
const NO_SUFFIX = SUFFIX_ORDER.indexOf('');

interface AlpineVersion {
  original: string;
  /** True when text remained that is neither a suffix, hash nor `-r` release. */
  malformed: boolean;
  components: string[];
  letter: string;
  suffixes: { weight: number; number: string }[];
  release: string;
  /** Text left after the release (`1-r0-1`): sorts below the same version without it. */
  trailing: string;
}

function parseAlpine(v: string): AlpineVersion {
  if (v.length === 0 || hasSpaceOrControl(v)) throw new VersionParseError('alpine', v);
  const out: AlpineVersion = {
    original: v,
    malformed: false,
    components: [],
    letter: '',
    suffixes: [],
    release: '0',
    trailing: '',
  };
  let rest = v;
  const num = /^\d+(?:\.\d+)*/.exec(rest);
  if (num) {
    out.components = num[0].split('.');
    rest = rest.slice(num[0].length);
  }
  if (/^[a-z]/.test(rest)) {
    out.letter = rest[0]!;
    rest = rest.slice(1);
  }
  for (;;) {
    const s = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/.exec(rest);
    if (!s) break;
    out.suffixes.push({ weight: SUFFIX_ORDER.indexOf(s[1] as (typeof SUFFIX_ORDER)[number]), number: s[2] || '0' });
    rest = rest.slice(s[0].length);
  }
  const hash = /^~[0-9a-f]+/.exec(rest);
  if (hash) rest = rest.slice(hash[0].length);
  if (rest.length > 0) {
    const r = /^-r(\d*)/.exec(rest);
    if (r) {
      out.release = r[1] || '0';
      out.trailing = rest.slice(r[0].length);
    } else {
      out.malformed = true;
      out.trailing = rest;
    }
  }
  return out;
}

function compareComponent(a: string | undefined, ai: number, b: string | undefined, bi: number): number {
  const x = a ?? '0';
  const y = b ?? '0';
  // past the first component a leading zero means "compare as a decimal fraction": string order
  if (a !== undefined && b !== undefined && ai !== 0 && bi !== 0 && (x[0] === '0' || y[0] === '0')) {
    return compareCodePoints(x, y);
  }
  return compareDigits(x, y);
}

function compareAlpine(a: string, b: string): number {
  const x = parseAlpine(a);
  const y = parseAlpine(b);
  if (x.malformed && y.malformed) return compareCodePoints(x.original, y.original);

  const n = Math.max(x.components.length, y.components.length);
  for (let i = 0; i < n; i++) {
    const c = compareComponent(x.components[i], i, y.components[i], i);
    if (c !== 0) return c;
  }
  if (x.letter !== y.letter) {
    if (x.letter === '') return -1;
    if (y.letter === '') return 1;
    return x.letter < y.letter ? -1 : 1;
  }
  const m = Math.max(x.suffixes.length, y.suffixes.length);
  for (let i = 0; i < m; i++) {
    const s = x.suffixes[i] ?? { weight: NO_SUFFIX, number: '0' };
    const t = y.suffixes[i] ?? { weight: NO_SUFFIX, number: '0' };
    if (s.weight !== t.weight) return s.weight < t.weight ? -1 : 1;
    const c = compareDigits(s.number, t.number);
    if (c !== 0) return c;
  }
  const r = compareDigits(x.release, y.release);
  if (r !== 0) return r;
  const xt = x.trailing !== '';
  const yt = y.trailing !== '';
  if (xt !== yt) return xt ? -1 : 1;
  return 0;
}

export const alpineComparator: SchemeComparator = {
  isValid: (v) => v.length > 0 && !hasSpaceOrControl(v),
  compare: compareAlpine,
};
