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
 *  - `versionType` picks the order (semver, maven, python, rpm, deb, ...);
 *    `git` and `custom` cannot be evaluated; without a known type the caller's
 *    scheme (or one inferred from `collectionURL`) is used;
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
  /** Version order to use when an entry has no (or a `custom`) versionType. */
  scheme?: VersionScheme;
  /** Alternatively an OSV ecosystem or purl type giving that order. */
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

function evaluateEntry(entry: Cve5Version, version: string, fallback: VersionScheme | null, label: string): Match {
  if (entry === null || typeof entry !== 'object' || typeof entry.version !== 'string') {
    return { unevaluable: `${label}: malformed version entry` };
  }
  const type = typeof entry.versionType === 'string' ? entry.versionType.toLowerCase() : undefined;
  if (type && SOURCE_CONTROL_TYPES.has(type)) {
    return { unevaluable: `${label}: ${type} revisions cannot be compared with package versions` };
  }
  const scheme = (type && Object.hasOwn(VERSION_TYPES, type) ? VERSION_TYPES[type]! : null) ?? fallback;
  const isRange = entry.lessThan !== undefined || entry.lessThanOrEqual !== undefined;
  const rangeString = isRange ? null : parseRangeString(entry.version);

  // exact single-version entry: equal strings match even without a known order
  if (!isRange && rangeString === null) {
    if (entry.version === version) return { matched: true, status: entry.status };
    if (scheme === null) return { unevaluable: `${label}: no version order known to compare ${JSON.stringify(entry.version)}` };
    if (!isValidVersion(scheme, entry.version) || !isValidVersion(scheme, version)) {
      return { unevaluable: `${label}: cannot compare ${JSON.stringify(version)} with ${JSON.stringify(entry.version)} as ${scheme}` };
    }
    return compareVersions(scheme, version, entry.version) === 0 ? { matched: true, status: entry.status } : { matched: false };
  }

  if (scheme === null) {
    return { unevaluable: `${label}: versionType ${JSON.stringify(entry.versionType ?? '')} gives no usable version order` };
  }
  const unorderable = unorderableVersionReason(version);
  if (unorderable !== null) return { unevaluable: `${label}: ${unorderable}` };
  if (!isValidVersion(scheme, version)) return { unevaluable: `${label}: ${JSON.stringify(version)} is not a valid ${scheme} version` };
  const cmp = (b: string): number | null => (isValidVersion(scheme, b) ? compareVersions(scheme, version, b) : null);
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
      if (ch === null || typeof ch !== 'object' || typeof ch.at !== 'string' || !isValidVersion(scheme, ch.at)) {
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
  const fallback =
    options.scheme ??
    (options.ecosystem ? schemeForEcosystem(options.ecosystem) : null) ??
    schemeFromCollection(product.collectionURL);
  const entries = Array.isArray(product.versions) ? product.versions : [];
  const problems: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const label = `versions[${i}]`;
    const m = evaluateEntry(entries[i]!, version, fallback, label);
    if ('unevaluable' in m) problems.push(m.unevaluable);
    else if (m.matched) return statusVerdict(m.status, `${label} matches with status ${JSON.stringify(m.status)}`);
  }
  if (problems.length > 0) return { status: 'unknown', reason: problems.join('; ') };
  const def = product.defaultStatus ?? 'unknown';
  return statusVerdict(def, entries.length > 0 ? `no version entry matches; defaultStatus ${JSON.stringify(def)}` : `no versions listed; defaultStatus ${JSON.stringify(def)}`);
}
