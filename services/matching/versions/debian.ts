/**
 * Debian version ordering (deb-version(7), dpkg's verrevcmp):
 * `[epoch:]upstream[-revision]`. The epoch is numeric; the upstream version
 * runs to the last hyphen; a missing revision compares like an empty one
 * (so `1.0` = `1.0-0`). Strings are compared by alternating non-digit runs
 * (character order: `~` < end of string < letters < everything else) and
 * digit runs (numerically).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareDigits, isAsciiDigit, isAsciiLetter } from './util.js';

interface DebianVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

// Upstream must start with a digit (dpkg errors "version number does not start with digit").
const UPSTREAM = /^[0-9][0-9A-Za-z.+~:-]*$/;
const REVISION = /^[0-9A-Za-z.+~]+$/;

function parseDebian(v: string): DebianVersion {
  let rest = v;
  let epoch = '0';
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    epoch = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
    if (!/^[0-9]+$/.test(epoch)) throw new VersionParseError('debian', v, 'epoch is not a number');
  }
  let upstream = rest;
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen >= 0) {
    upstream = rest.slice(0, hyphen);
    revision = rest.slice(hyphen + 1);
    if (!REVISION.test(revision)) throw new VersionParseError('debian', v, 'invalid revision');
  }
  if (!UPSTREAM.test(upstream)) throw new VersionParseError('debian', v, 'invalid upstream version');
  if (colon < 0 && upstream.includes(':')) throw new VersionParseError('debian', v);
  return { epoch, upstream, revision };
}

/** dpkg's order(): `~` sorts before everything, even the end of the string; letters before non-letters. */
function order(c: string | undefined): number {
  if (c === undefined || isAsciiDigit(c)) return 0;
  if (c === '~') return -1;
  const code = c.charCodeAt(0);
  if (isAsciiLetter(c)) return code;
  return code + 256;
}

/** dpkg verrevcmp. */
export function debianStringCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // non-digit prefix
    while ((i < a.length && !isAsciiDigit(a[i]!)) || (j < b.length && !isAsciiDigit(b[j]!))) {
      const ac = i < a.length && !isAsciiDigit(a[i]!) ? a[i] : undefined;
      const bc = j < b.length && !isAsciiDigit(b[j]!) ? b[j] : undefined;
      const d = order(ac) - order(bc);
      if (d !== 0) return d < 0 ? -1 : 1;
      if (ac !== undefined) i++;
      if (bc !== undefined) j++;
    }
    // digit run
    const si = i;
    while (i < a.length && isAsciiDigit(a[i]!)) i++;
    const sj = j;
    while (j < b.length && isAsciiDigit(b[j]!)) j++;
    const c = compareDigits(a.slice(si, i) || '0', b.slice(sj, j) || '0');
    if (c !== 0) return c;
  }
  return 0;
}

function compareDebian(a: string, b: string): number {
  const x = parseDebian(a);
  const y = parseDebian(b);
  return (
    compareDigits(x.epoch, y.epoch) ||
    debianStringCompare(x.upstream, y.upstream) ||
    debianStringCompare(x.revision, y.revision)
  );
}

export const debianComparator: SchemeComparator = {
  isValid: (v) => {
    try {
      parseDebian(v);
      return true;
    } catch {
      return false;
    }
  },
  compare: compareDebian,
};
