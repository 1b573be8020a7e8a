/**
 * NuGet (NuGet.Versioning) ordering: up to four numeric parts
 * (major.minor.patch.revision, missing ones are 0), then the SemVer 2.0
 * pre-release compared case-insensitively (numeric labels numerically, below
 * alphanumeric ones); build metadata after `+` is ignored.
 * Numbers are compared without a size limit.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareIdentifierLists, compareNumericComponents } from './util.js';

const IDENT = '[0-9A-Za-z-]+';
const NUGET = new RegExp(
  `^(\\d+(?:\\.\\d+){0,3})(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?$`,
);

interface NugetVersion {
  release: string[];
  prerelease: string[];
}

function parseNuget(v: string): NugetVersion {
  const m = NUGET.exec(v);
  if (!m) throw new VersionParseError('nuget', v);
  return {
    release: m[1]!.split('.'),
    prerelease: m[2] === undefined ? [] : m[2].toLowerCase().split('.'),
  };
}

function compareNuget(a: string, b: string): number {
  const x = parseNuget(a);
  const y = parseNuget(b);
  const r = compareNumericComponents(x.release, y.release);
  if (r !== 0) return r;
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return (x.prerelease.length === 0 ? 1 : 0) - (y.prerelease.length === 0 ? 1 : 0);
  }
  return compareIdentifierLists(x.prerelease, y.prerelease);
}

export const nugetComparator: SchemeComparator = {
  isValid: (v) => NUGET.test(v),
  compare: compareNuget,
};
