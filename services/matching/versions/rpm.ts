/**
 * RPM ordering (Red Hat, Rocky, Alma, SUSE, ...): `[epoch:]version[-release]`
 * with each part compared by rpmvercmp (rpm's lib/rpmvercmp.c):
 *
 *  - runs of ASCII letters or digits are compared; every other character is
 *    a separator (non-ASCII characters included);
 *  - `~` sorts before anything (even the end of the string): `1.0~rc1` < `1.0`;
 *  - `^` sorts after the end of the string but before anything else:
 *    `1.0` < `1.0^git1` < `1.0.1`;
 *  - digits beat letters; numbers compare by value (leading zeros dropped),
 *    letters with strcmp; when all runs tie, the string with characters left wins.
 *
 * The epoch is the leading digits before the first `:` (default 0); the
 * release is what follows the last `-`. As in OSV's Red Hat matcher, a
 * version without a release sorts before the same version with one
 * (`1` < `1-` < `1-0`).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { hasSpaceOrControl, isAsciiDigit, isAsciiLetter } from './util.js';

interface RpmVersion {
  epoch: string;
  version: string;
  release: string | null;
}

function isAlnum(c: string): boolean {
  return isAsciiDigit(c) || isAsciiLetter(c);
}

/** rpmvercmp(a, b): -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]!) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]!) && b[j] !== '~' && b[j] !== '^') j++;

    // tilde: sorts before everything else
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // caret: like tilde, but a string that has ended sorts lower
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;

    const si = i;
    const sj = j;
    const isnum = isAsciiDigit(a[i]!);
    const same = isnum ? isAsciiDigit : isAsciiLetter;
    while (i < a.length && same(a[i]!)) i++;
    while (j < b.length && same(b[j]!)) j++;

    // the segments are of different types: numeric beats alpha
    if (sj === j) return isnum ? 1 : -1;

    let one = a.slice(si, i);
    let two = b.slice(sj, j);
    if (isnum) {
      one = one.replace(/^0+/, '');
      two = two.replace(/^0+/, '');
      if (one.length !== two.length) return one.length > two.length ? 1 : -1;
    }
    if (one !== two) return one < two ? -1 : 1;
  }
  const aLeft = i < a.length;
  const bLeft = j < b.length;
  if (!aLeft && !bLeft) return 0;
  return aLeft ? 1 : -1;
}

function parseRpm(v: string): RpmVersion {
  if (v.length === 0 || hasSpaceOrControl(v)) throw new VersionParseError('rpm', v);
  let rest = v;
  let epoch = '0';
  const m = /^([0-9]*):/.exec(rest);
  if (m) {
    epoch = m[1] === '' ? '0' : m[1]!;
    rest = rest.slice(m[0].length);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, version: rest, release: null };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

function compareRpm(a: string, b: string): number {
  const x = parseRpm(a);
  const y = parseRpm(b);
  const e = rpmvercmp(x.epoch, y.epoch);
  if (e !== 0) return e;
  const v = rpmvercmp(x.version, y.version);
  if (v !== 0) return v;
  if (x.release === null || y.release === null) {
    return (x.release === null ? 0 : 1) - (y.release === null ? 0 : 1);
  }
  return rpmvercmp(x.release, y.release);
}

export const rpmComparator: SchemeComparator = {
  isValid: (v) => v.length > 0 && !hasSpaceOrControl(v),
  compare: compareRpm,
};
