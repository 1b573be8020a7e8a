/**
 * Exact version comparison per ecosystem: one comparator per version scheme
 * and the mapping from OSV ecosystem names, purl types and vers schemes to a
 * scheme. See docs/version-matching.md.
 */
import { alpineComparator } from './alpine.js';
import { alpmComparator } from './alpm.js';
import { conanComparator } from './conan.js';
import { cranComparator } from './cran.js';
import { datetimeComparator } from './datetime.js';
import { debianComparator } from './debian.js';
import { VersionParseError, type SchemeComparator } from './errors.js';
import { gentooComparator } from './gentoo.js';
import { hackageComparator } from './hackage.js';
import { lexicographicComparator } from './lexicographic.js';
import { mavenComparator } from './maven.js';
import { nugetComparator } from './nuget.js';
import { opensslComparator } from './openssl.js';
import { packagistComparator } from './packagist.js';
import { pubComparator } from './pub.js';
import { pypiComparator } from './pypi.js';
import { rpmComparator } from './rpm.js';
import { rubygemsComparator } from './rubygems.js';
import { semverComparator } from './semver.js';

export { VersionParseError } from './errors.js';
export type { SchemeComparator } from './errors.js';
export { isPep440 } from './pypi.js';

export const VERSION_SCHEMES = [
  'semver',
  'pypi',
  'maven',
  'debian',
  'rpm',
  'alpine',
  'rubygems',
  'nuget',
  'packagist',
  'pub',
  'cran',
  'hackage',
  'gentoo',
  'alpm',
  'conan',
  'openssl',
  'datetime',
  'lexicographic',
] as const;

export type VersionScheme = (typeof VERSION_SCHEMES)[number];

const COMPARATORS: Record<VersionScheme, SchemeComparator> = {
  semver: semverComparator,
  pypi: pypiComparator,
  maven: mavenComparator,
  debian: debianComparator,
  rpm: rpmComparator,
  alpine: alpineComparator,
  rubygems: rubygemsComparator,
  nuget: nugetComparator,
  packagist: packagistComparator,
  pub: pubComparator,
  cran: cranComparator,
  hackage: hackageComparator,
  gentoo: gentooComparator,
  alpm: alpmComparator,
  conan: conanComparator,
  openssl: opensslComparator,
  datetime: datetimeComparator,
  lexicographic: lexicographicComparator,
};

/**
 * Lower-cased OSV ecosystem names (the part before the first `:`), purl types
 * and vers scheme names, mapped to a version scheme.
 */
const ECOSYSTEM_SCHEMES: Record<string, VersionScheme> = {
  // SemVer-ordered ecosystems (OSV ecosystem / purl type)
  npm: 'semver',
  'crates.io': 'semver',
  cargo: 'semver',
  go: 'semver',
  golang: 'semver',
  hex: 'semver',
  swifturl: 'semver',
  swift: 'semver',
  bitnami: 'semver',
  'github actions': 'semver',
  githubactions: 'semver',
  github: 'semver',
  julia: 'semver',
  vscode: 'semver',
  'vscode-extension': 'semver',
  cocoapods: 'semver',
  nginx: 'semver',
  mattermost: 'semver',
  semver: 'semver',
  // Python
  pypi: 'pypi',
  // Java
  maven: 'maven',
  // Debian family
  debian: 'debian',
  ubuntu: 'debian',
  deb: 'debian',
  // RPM family
  'red hat': 'rpm',
  redhat: 'rpm',
  'rocky linux': 'rpm',
  almalinux: 'rpm',
  opensuse: 'rpm',
  suse: 'rpm',
  mageia: 'rpm',
  openeuler: 'rpm',
  'photon os': 'rpm',
  'azure linux': 'rpm',
  'cbl-mariner': 'rpm',
  rpm: 'rpm',
  // apk family
  alpine: 'alpine',
  alpaquita: 'alpine',
  'bellsoft hardened containers': 'alpine',
  chainguard: 'alpine',
  wolfi: 'alpine',
  minimos: 'alpine',
  apk: 'alpine',
  // others
  rubygems: 'rubygems',
  gem: 'rubygems',
  nuget: 'nuget',
  packagist: 'packagist',
  composer: 'packagist',
  pub: 'pub',
  cran: 'cran',
  bioconductor: 'cran',
  hackage: 'hackage',
  ghc: 'hackage',
  conancenter: 'conan',
  conan: 'conan',
  gentoo: 'gentoo',
  ebuild: 'gentoo',
  alpm: 'alpm',
  'arch linux': 'alpm',
  openssl: 'openssl',
  datetime: 'datetime',
  lexicographic: 'lexicographic',
};

/**
 * The version scheme for an OSV ecosystem (`PyPI`, `Debian:12`,
 * `Alpine:v3.18`, `Red Hat:rhel_aus:8.6::appstream`, ...), a purl type
 * (`pypi`, `deb`, `apk`, `golang`, ...) or a vers scheme; null when unknown
 * (including `GIT` and ecosystems whose versions have no defined order).
 */
export function schemeForEcosystem(ecosystem: string): VersionScheme | null {
  const key = ecosystem.trim().split(':')[0]!.trim().toLowerCase();
  return Object.hasOwn(ECOSYSTEM_SCHEMES, key) ? ECOSYSTEM_SCHEMES[key]! : null;
}

export function comparatorFor(scheme: VersionScheme): SchemeComparator {
  const c = COMPARATORS[scheme];
  if (!c) throw new Error(`unknown version scheme ${JSON.stringify(scheme)}`);
  return c;
}

/**
 * Negative, zero or positive as `a` sorts before, equal to or after `b` in the
 * scheme's order. Throws VersionParseError (code `UNPARSABLE_VERSION`) when
 * either string is not a valid version of the scheme.
 */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number {
  const c = comparatorFor(scheme);
  if (typeof a !== 'string' || !c.isValid(a)) throw new VersionParseError(scheme, String(a));
  if (typeof b !== 'string' || !c.isValid(b)) throw new VersionParseError(scheme, String(b));
  const r = c.compare(a, b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

/** True when `compareVersions(scheme, v, …)` accepts `v`. */
export function isValidVersion(scheme: VersionScheme, v: string): boolean {
  return typeof v === 'string' && comparatorFor(scheme).isValid(v);
}

/** Sorts a copy of `versions` ascending (stable); throws VersionParseError on an invalid one. */
export function sortVersions(scheme: VersionScheme, versions: readonly string[]): string[] {
  for (const v of versions) if (!isValidVersion(scheme, v)) throw new VersionParseError(scheme, v);
  const c = comparatorFor(scheme);
  return [...versions].sort((x, y) => c.compare(x, y));
}
