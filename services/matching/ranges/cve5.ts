/**
 * CVE JSON 5 `affected[]` product evaluation (cve-schema "Version Status
 * Decisions"):
 *
 *   for entry in product.versions: if entry matches V, return entry's status for V
 *   return product.defaultStatus (default "unknown")
 *
 *  - a single-version entry (`version` + `status`) matches V when equal;
 *  - a range entry (`version` + `lessThan`/`lessThanOrEqual`, with
 *    `versionType`) matches `version` <= V < lessThan (or <= lessThanOrEqual);
 *    `version: "0"` means no lower bound, `lessThan: "*"` no upper bound, and
 *    `lessThan: "2.*"` includes the whole 2.x series; `changes` (sorted by
 *    `at`) switch the status at their version;
 *  - the order is the package's own ecosystem order when the caller knows it
 *    (`options.scheme`/`options.ecosystem`, from the purl type): `versionType`
 *    is written by the advisory's author and is often wrong for the ecosystem
 *    (CVE-2024-26308 declares "semver" for Maven's commons-compress, which
 *    would put `1.26.0.Final` before `1.26.0`). Otherwise `versionType` picks
 *    the order (semver, maven, python, rpm, deb, ...), and a version that is
 *    only accepted by the lenient reading of that declared scheme is not
 *    compared (unknown) rather than guessed; without a usable type the order
 *    inferred from `collectionURL` is used. `git` and friends and `custom`
 *    without any other order cannot be evaluated;
 *  - GitHub-style range strings in `version` (`">= 0.10.0, < 0.10.63"`) are
 *    understood as well.
 *
 * Status mapping: affected -> 'affected', unaffected -> 'not_affected',
 * unknown -> 'unknown'. An entry that cannot be evaluated never produces
 * 'affected'; when no evaluable entry matches and some could not be evaluated
 * the verdict is 'unknown' instead of the default status.
 */
import {
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  type VersionScheme,
} from '../versions/index.js';
import { unorderableVersionReason, type RangeVerdict } from './verdict.js';

export type Cve5Status = 'affected' | 'unaffected' | 'unknown';

export interface Cve5Change {
  at: string;
  status: Cve5Status;
}

export interface Cve5Version {
  version: string;
  status: Cve5Status;
  versionType?: string;
  lessThan?: string;
  lessThanOrEqual?: string;
  changes?: Cve5Change[];
}

export interface Cve5Product {
  vendor?: string;
  product?: string;
  collectionURL?: string;
  packageName?: string;
  versions?: Cve5Version[];
  defaultStatus?: Cve5Status;
}

export interface Cve5Options {
  /** The package's own version order; it takes precedence over every entry's versionType. */
  scheme?: VersionScheme;
  /** Alternatively the package's OSV ecosystem or purl type giving that order. */
  ecosystem?: string;
}

const VERSION_TYPES: Record<string, VersionScheme> = {
  semver: 'semver',
  npm: 'semver',
  go: 'semver',
  golang: 'semver',
  cargo: 'semver',
  maven: 'maven',
  python: 'pypi',
  pypi: 'pypi',
  pep440: 'pypi',
  rpm: 'rpm',
  deb: 'debian',
  debian: 'debian',
  dpkg: 'debian',
  apk: 'alpine',
  alpine: 'alpine',
  gem: 'rubygems',
  rubygems: 'rubygems',
  nuget: 'nuget',
  composer: 'packagist',
  packagist: 'packagist',
  pub: 'pub',
};

const SOURCE_CONTROL_TYPES = new Set(['git', 'hg', 'svn', 'cvs', 'bzr', 'fossil']);

const COLLECTIONS: ReadonlyArray<readonly [RegExp, VersionScheme]> = [
  [/^https?:\/\/(registry\.)?npmjs\.(org|com)/i, 'semver'],
  [/^https?:\/\/(pypi\.org|pypi\.python\.org|files\.pythonhosted\.org)/i, 'pypi'],
  [/^https?:\/\/(repo1?\.maven\.(org|apache\.org)|repo\.maven\.apache\.org|central\.sonatype)/i, 'maven'],
  [/^https?:\/\/rubygems\.org/i, 'rubygems'],
  [/^https?:\/\/(crates\.io|static\.crates\.io)/i, 'semver'],
  [/^https?:\/\/(proxy\.golang\.org|pkg\.go\.dev)/i, 'semver'],
  [/^https?:\/\/(www\.|api\.)?nuget\.org/i, 'nuget'],
  [/^https?:\/\/(repo\.)?packagist\.org/i, 'packagist'],
  [/^https?:\/\/pub\.dev/i, 'pub'],
  [/^https?:\/\/(repo\.)?hex\.pm/i, 'semver'],
];

function schemeFromCollection(url: string | undefined): VersionScheme | null {
  if (!url) return null;
  for (const [re, scheme] of COLLECTIONS) if (re.test(url)) return scheme;
  return null;
}

function statusVerdict(status: Cve5Status | string | undefined, reason: string): RangeVerdict {
  if (status === 'affected') return { status: 'affected', reason };
  if (status === 'unaffected') return { status: 'not_affected', reason };
  return { status: 'unknown', reason };
}

type Match = { matched: true; status: Cve5Status } | { matched: false } | { unevaluable: string };

interface Bound {
  op: '<' | '<=' | '>' | '>=' | '=' | '!=';
  version: string;
}

/** `">= 0.10.0, < 0.10.63"` style: comma-separated comparator + version. */
function parseRangeString(s: string): Bound[] | null {
  if (!/^\s*(<=|>=|<|>|=|!=)/.test(s)) return null;
  const bounds: Bound[] = [];
  for (const part of s.split(',')) {
    const m = /^\s*(<=|>=|<|>|==|=|!=)\s*(\S+)\s*$/.exec(part);
    if (!m) return null;
    bounds.push({ op: (m[1] === '==' ? '=' : m[1]) as Bound['op'], version: m[2]! });
  }
  return bounds;
}

/**
 * Strict SemVer 2.0 shape, with any number of numeric components (CVE records
 * write `1.2` as often as `1.2.0`): the lenient reading used for OSV data would
 * take `1.26.0.Final` as the pre-release `Final` of 1.26.0, a guess about a
 * version that is not SemVer at all.
 */
const STRICT_SEMVER = /^v?\d+(\.\d+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

interface Order {
  scheme: VersionScheme;
  /** True when the order is the advisory's declared versionType rather than the package's ecosystem. */
  declared: boolean;
}

function entryOrder(type: string | undefined, packageScheme: VersionScheme | null, collectionScheme: VersionScheme | null): Order | null {
  if (packageScheme !== null) return { scheme: packageScheme, declared: false };
  const declared = type && Object.hasOwn(VERSION_TYPES, type) ? VERSION_TYPES[type]! : null;
  if (declared !== null) return { scheme: declared, declared: true };
  return collectionScheme === null ? null : { scheme: collectionScheme, declared: false };
}

function evaluateEntry(
  entry: Cve5Version,
  version: string,
  packageScheme: VersionScheme | null,
  collectionScheme: VersionScheme | null,
  label: string,
): Match {
  if (entry === null || typeof entry !== 'object' || typeof entry.version !== 'string') {
    return { unevaluable: `${label}: malformed version entry` };
  }
  const type = typeof entry.versionType === 'string' ? entry.versionType.toLowerCase() : undefined;
  if (type && SOURCE_CONTROL_TYPES.has(type)) {
    return { unevaluable: `${label}: ${type} revisions cannot be compared with package versions` };
  }
  const order = entryOrder(type, packageScheme, collectionScheme);
  const scheme = order?.scheme ?? null;
  const isValid = (v: string): boolean =>
    order !== null &&
    isValidVersion(order.scheme, v) &&
    !(order.declared && order.scheme === 'semver' && v !== '0' && !STRICT_SEMVER.test(v));
  const isRange = entry.lessThan !== undefined || entry.lessThanOrEqual !== undefined;
  const rangeString = isRange ? null : parseRangeString(entry.version);

  // exact single-version entry: equal strings match even without a known order
  if (!isRange && rangeString === null) {
    if (entry.version === version) return { matched: true, status: entry.status };
    if (scheme === null) return { unevaluable: `${label}: no version order known to compare ${JSON.stringify(entry.version)}` };
    if (!isValid(entry.version) || !isValid(version)) {
      return { unevaluable: `${label}: cannot compare ${JSON.stringify(version)} with ${JSON.stringify(entry.version)} as ${scheme}` };
    }
    return compareVersions(scheme, version, entry.version) === 0 ? { matched: true, status: entry.status } : { matched: false };
  }

  if (scheme === null) {
    return { unevaluable: `${label}: versionType ${JSON.stringify(entry.versionType ?? '')} gives no usable version order` };
  }
  const unorderable = unorderableVersionReason(version);
  if (unorderable !== null) return { unevaluable: `${label}: ${unorderable}` };
  if (!isValid(version)) return { unevaluable: `${label}: ${JSON.stringify(version)} is not a valid ${scheme} version` };
  const cmp = (b: string): number | null => (isValid(b) ? compareVersions(scheme, version, b) : null);
  const bad = (b: string): Match => ({ unevaluable: `${label}: ${JSON.stringify(b)} is not a valid ${scheme} version` });

  if (rangeString !== null) {
    for (const bound of rangeString) {
      const d = cmp(bound.version);
      if (d === null) return bad(bound.version);
      const ok =
        bound.op === '<' ? d < 0 : bound.op === '<=' ? d <= 0 : bound.op === '>' ? d > 0 : bound.op === '>=' ? d >= 0 : bound.op === '=' ? d === 0 : d !== 0;
      if (!ok) return { matched: false };
    }
    return { matched: true, status: entry.status };
  }

  // lower bound
  if (entry.version !== '0' && entry.version !== '*') {
    const d = cmp(entry.version);
    if (d === null) return bad(entry.version);
    if (d < 0) return { matched: false };
  }
  // upper bound
  const inclusive = entry.lessThan === undefined;
  const upper = (entry.lessThan ?? entry.lessThanOrEqual)!;
  if (typeof upper !== 'string') return { unevaluable: `${label}: malformed upper bound` };
  if (upper !== '*') {
    if (upper.endsWith('.*')) {
      // "2.*": everything up to and including the 2.x series
      const prefix = upper.slice(0, -2);
      const d = cmp(prefix);
      if (d === null) return bad(prefix);
      const inSeries = version === prefix || version.startsWith(`${prefix}.`) || d === 0;
      if (!(d < 0 || inSeries)) return { matched: false };
    } else {
      const d = cmp(upper);
      if (d === null) return bad(upper);
      if (inclusive ? d > 0 : d >= 0) return { matched: false };
    }
  }

  let status: Cve5Status = entry.status;
  if (Array.isArray(entry.changes) && entry.changes.length > 0) {
    const changes: Cve5Change[] = [];
    for (const ch of entry.changes) {
      if (ch === null || typeof ch !== 'object' || typeof ch.at !== 'string' || !isValid(ch.at)) {
        return { unevaluable: `${label}: invalid status change ${JSON.stringify(ch)}` };
      }
      changes.push(ch);
    }
    changes.sort((a, b) => compareVersions(scheme, a.at, b.at));
    for (const ch of changes) if (compareVersions(scheme, ch.at, version) <= 0) status = ch.status;
  }
  return { matched: true, status };
}

/**
 * Status of `version` for one CVE 5 `affected[]` product object.
 */
export function evaluateCve5Affected(version: string, product: Cve5Product, options: Cve5Options = {}): RangeVerdict {
  const packageScheme = options.scheme ?? (options.ecosystem ? schemeForEcosystem(options.ecosystem) : null);
  const collectionScheme = schemeFromCollection(product.collectionURL);
  const entries = Array.isArray(product.versions) ? product.versions : [];
  const problems: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const label = `versions[${i}]`;
    const m = evaluateEntry(entries[i]!, version, packageScheme, collectionScheme, label);
    if ('unevaluable' in m) problems.push(m.unevaluable);
    else if (m.matched) return statusVerdict(m.status, `${label} matches with status ${JSON.stringify(m.status)}`);
  }
  if (problems.length > 0) return { status: 'unknown', reason: problems.join('; ') };
  const def = product.defaultStatus ?? 'unknown';
  return statusVerdict(def, entries.length > 0 ? `no version entry matches; defaultStatus ${JSON.stringify(def)}` : `no versions listed; defaultStatus ${JSON.stringify(def)}`);
}
