/**
 * SemVer 2.0 precedence, applied leniently the way OSV matches npm, crates.io,
 * Go, Hex, SwiftURL, Bitnami and other "SEMVER" data:
 *
 *  - an optional leading `v`/`V` is ignored (Go module versions);
 *  - the numeric part may have any number of components (missing ones are 0,
 *    so `1.2` = `1.2.0`, and extra ones compare numerically: `1.2.3.1` > `1.2.3`);
 *  - numbers are unbounded (compared as digit strings);
 *  - the pre-release is whatever follows the numbers up to `+` (a leading `-`
 *    or `.` is dropped), compared per semver §11.4;
 *  - build metadata (`+...`) is ignored, as semver §10 requires.
 *
 * The npm `semver` package is not used here because it rejects versions the
 * OSV fixtures require (29-digit numbers, 1 or 5 components); it serves as a
 * differential oracle in the unit tests for strictly valid semver.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareIdentifierLists, compareNumericComponents } from './util.js';

export interface SemverLike {
  /** Numeric release components as digit strings. */
  release: string[];
  /** Pre-release identifiers; empty when the version is not a pre-release. */
  prerelease: string[];
  /** Build metadata identifiers (after `+`), empty when absent. */
  build: string[];
}

const IDENTIFIERS = /^[0-9A-Za-z][0-9A-Za-z.-]*$/;

function tryParseSemverLike(version: string): SemverLike | null {
  let i = 0;
  if (version[0] === 'v' || version[0] === 'V') i = 1;
  const release: string[] = [];
  for (;;) {
    const m = /^\d+/.exec(version.slice(i));
    if (!m) return null;
    release.push(m[0]);
    i += m[0].length;
    // another numeric component only when the dot is followed by a digit
    if (version[i] === '.' && /\d/.test(version[i + 1] ?? '')) {
      i++;
      continue;
    }
    break;
  }
  let rest = version.slice(i);
  let build: string[] = [];
  const plus = rest.indexOf('+');
  if (plus >= 0) {
    const b = rest.slice(plus + 1);
    if (!/^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(b)) return null;
    build = b.split('.');
    rest = rest.slice(0, plus);
  }
  let prerelease: string[] = [];
  if (rest !== '') {
    if (rest[0] === '-' || rest[0] === '.') rest = rest.slice(1);
    if (!IDENTIFIERS.test(rest)) return null;
    prerelease = rest.split('.');
  }
  return { release, prerelease, build };
}

export function parseSemverLike(version: string, scheme = 'semver'): SemverLike {
  const parsed = typeof version === 'string' ? tryParseSemverLike(version) : null;
  if (!parsed) throw new VersionParseError(scheme, String(version));
  return parsed;
}

/** Release, then pre-release (a version without one sorts higher). Build metadata is not looked at. */
export function compareSemverPrecedence(a: SemverLike, b: SemverLike): number {
  const r = compareNumericComponents(a.release, b.release);
  if (r !== 0) return r;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return (a.prerelease.length === 0 ? 1 : 0) - (b.prerelease.length === 0 ? 1 : 0);
  }
  return compareIdentifierLists(a.prerelease, b.prerelease);
}

export const semverComparator: SchemeComparator = {
  isValid: (v) => tryParseSemverLike(v) !== null,
  compare: (a, b) => compareSemverPrecedence(parseSemverLike(a), parseSemverLike(b)),
};
