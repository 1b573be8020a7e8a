/**
 * Arch Linux (pacman, libalpm's alpm_pkg_vercmp): `[epoch:]pkgver[-pkgrel]`.
 * The release is compared only when both versions have one (`1.5` = `1.5-1`).
 * Each part uses pacman's rpmvercmp variant: alphanumeric runs compared as in
 * rpm (numbers beat letters, no `~`/`^` handling), a longer separator run wins,
 * and at the end a trailing letter run loses to the end of the string
 * (`1.5b` < `1.5`) while anything else wins (`1.5` < `1.5.a`).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { hasSpaceOrControl, isAsciiDigit, isAsciiLetter } from './util.js';

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && (isAsciiDigit(c) || isAsciiLetter(c));
}

export function alpmRpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let one = 0;
  let two = 0;
  let ptr1 = 0;
  let ptr2 = 0;
  while (one < a.length && two < b.length) {
    while (one < a.length && !isAlnum(a[one])) one++;
    while (two < b.length && !isAlnum(b[two])) two++;
    if (!(one < a.length && two < b.length)) break;
    // separator lengths differ
    if (one - ptr1 !== two - ptr2) return one - ptr1 < two - ptr2 ? -1 : 1;
    ptr1 = one;
    ptr2 = two;
    const isnum = isAsciiDigit(a[ptr1]!);
    const same = isnum ? isAsciiDigit : isAsciiLetter;
    while (ptr1 < a.length && same(a[ptr1]!)) ptr1++;
    while (ptr2 < b.length && same(b[ptr2]!)) ptr2++;
    if (two === ptr2) return isnum ? 1 : -1;
    let s1 = a.slice(one, ptr1);
    let s2 = b.slice(two, ptr2);
    if (isnum) {
      s1 = s1.replace(/^0+/, '');
      s2 = s2.replace(/^0+/, '');
      if (s1.length !== s2.length) return s1.length > s2.length ? 1 : -1;
    }
    if (s1 !== s2) return s1 < s2 ? -1 : 1;
    one = ptr1;
    two = ptr2;
  }
  const aEnd = one >= a.length;
  const bEnd = two >= b.length;
  if (aEnd && bEnd) return 0;
  if ((aEnd && !isAsciiLetter(b[two]!)) || (!aEnd && isAsciiLetter(a[one]!))) return -1;
  return 1;
}

interface Evr {
  epoch: string;
  version: string;
  release: string | null;
}

function parseEvr(v: string): Evr {
  if (v.length === 0 || hasSpaceOrControl(v)) throw new VersionParseError('alpm', v);
  // pacman's parseEVR: the epoch is the leading digits when a ':' follows them;
  // the release starts after the last '-' found past those digits.
  const digits = /^[0-9]*/.exec(v)![0].length;
  const hasEpoch = v[digits] === ':';
  const epoch = hasEpoch && digits > 0 ? v.slice(0, digits) : '0';
  const versionStart = hasEpoch ? digits + 1 : 0;
  const hyphen = v.lastIndexOf('-');
  if (hyphen >= digits) {
    return { epoch, version: v.slice(versionStart, hyphen), release: v.slice(hyphen + 1) };
  }
  return { epoch, version: v.slice(versionStart), release: null };
}

function compareAlpm(a: string, b: string): number {
  if (a === b) return 0;
  const x = parseEvr(a);
  const y = parseEvr(b);
  let ret = alpmRpmvercmp(x.epoch, y.epoch);
  if (ret === 0) {
    ret = alpmRpmvercmp(x.version, y.version);
    if (ret === 0 && x.release !== null && y.release !== null) ret = alpmRpmvercmp(x.release, y.release);
  }
  return ret;
}

export const alpmComparator: SchemeComparator = {
  isValid: (v) => v.length > 0 && !hasSpaceOrControl(v),
  compare: compareAlpm,
};
