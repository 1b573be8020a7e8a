/**
 * OSV `affected[]` evaluation (OSV schema, "Evaluation" section):
 *
 *  - `versions`: an exact listed version (or one equal to it in the scheme's
 *    order) is affected;
 *  - `ranges` of type SEMVER (semver order) or ECOSYSTEM (the ecosystem's
 *    order): events are sorted by version, `introduced: "0"` first, and walked —
 *    `introduced` <= v turns "affected" on, `fixed` <= v or `last_affected` < v
 *    turns it off; several introduced/fixed pairs are allowed. `limit` events
 *    bound the range: v must be below at least one limit (`"*"` = no limit);
 *  - GIT ranges name commits, not package versions: they are never evaluated.
 *
 * Verdicts: any range (or the versions list) that certainly contains the
 * version gives `affected`. Otherwise anything that could not be evaluated
 * (unknown ecosystem, unparsable version or event, malformed range) gives
 * `unknown` with the reasons; only when every piece was evaluated is the
 * answer `not_affected`. GIT ranges are ignored when other data exists (OSV
 * enumerates their versions into `versions`); alone they give `unknown`.
 */
import {
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  type VersionScheme,
} from '../versions/index.js';
import { affected, notAffected, unknown, unorderableVersionReason, type RangeVerdict } from './verdict.js';

export type { RangeVerdict } from './verdict.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT' | (string & {});
  repo?: string;
  events: OsvEvent[];
  database_specific?: unknown;
}

export interface OsvAffectedInput {
  ranges?: OsvRange[];
  versions?: string[];
}

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
const EVENT_KINDS: readonly EventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

interface Event {
  kind: EventKind;
  version: string;
}

type RangeOutcome = { result: 'in' | 'out' } | { result: 'unknown'; reason: string };

function readEvents(range: OsvRange): Event[] | string {
  if (!Array.isArray(range.events) || range.events.length === 0) return 'range has no events';
  const out: Event[] = [];
  for (const raw of range.events) {
    if (raw === null || typeof raw !== 'object') return 'malformed event';
    const keys = EVENT_KINDS.filter((k) => (raw as Record<string, unknown>)[k] !== undefined);
    if (keys.length !== 1) return `event must have exactly one of ${EVENT_KINDS.join('/')}`;
    const kind = keys[0]!;
    const version = (raw as Record<string, unknown>)[kind];
    if (typeof version !== 'string' || version === '') return `event ${kind} has no version`;
    out.push({ kind, version });
  }
  return out;
}

/** Evaluates one SEMVER/ECOSYSTEM range; `version` is already known to be valid in `scheme`. */
function evaluateRange(scheme: VersionScheme, version: string, range: OsvRange, label: string): RangeOutcome {
  const events = readEvents(range);
  if (typeof events === 'string') return { result: 'unknown', reason: `${label}: ${events}` };

  const isZero = (e: Event): boolean => e.kind === 'introduced' && e.version === '0';
  const isStar = (e: Event): boolean => e.kind === 'limit' && e.version === '*';
  for (const e of events) {
    if (isZero(e) || isStar(e)) continue;
    if (!isValidVersion(scheme, e.version)) {
      return { result: 'unknown', reason: `${label}: ${e.kind} version ${JSON.stringify(e.version)} is not a valid ${scheme} version` };
    }
  }

  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((e) => isStar(e) || compareVersions(scheme, version, e.version) < 0)) {
    return { result: 'out' };
  }

  const ordered = events
    .filter((e) => e.kind !== 'limit')
    .map((e, index) => ({ e, index }))
    .sort((x, y) => {
      const zx = isZero(x.e);
      const zy = isZero(y.e);
      if (zx || zy) return zx && zy ? x.index - y.index : zx ? -1 : 1;
      return compareVersions(scheme, x.e.version, y.e.version) || x.index - y.index;
    })
    .map((x) => x.e);

  let inRange = false;
  for (const e of ordered) {
    if (e.kind === 'introduced') {
      if (isZero(e) || compareVersions(scheme, version, e.version) >= 0) inRange = true;
    } else if (e.kind === 'fixed') {
      if (compareVersions(scheme, version, e.version) >= 0) inRange = false;
    } else if (e.kind === 'last_affected') {
      if (compareVersions(scheme, version, e.version) > 0) inRange = false;
    }
  }
  return { result: inRange ? 'in' : 'out' };
}

function listedIn(versions: readonly string[], version: string, scheme: VersionScheme | null): string | null {
  for (const v of versions) {
    if (typeof v !== 'string') continue;
    if (v === version) return v;
    if (scheme && isValidVersion(scheme, v) && isValidVersion(scheme, version) && compareVersions(scheme, v, version) === 0) {
      return v;
    }
  }
  return null;
}

/**
 * Is `version` of a package in `ecosystem` (OSV ecosystem name or purl type)
 * affected according to one OSV `affected[]` entry?
 */
export function evaluateOsvAffected(ecosystem: string, version: string, affectedEntry: OsvAffectedInput): RangeVerdict {
  const scheme = schemeForEcosystem(ecosystem);
  const versions = Array.isArray(affectedEntry.versions) ? affectedEntry.versions : [];
  const ranges = Array.isArray(affectedEntry.ranges) ? affectedEntry.ranges : [];

  const listed = listedIn(versions, version, scheme);
  if (listed !== null) return affected(`version ${JSON.stringify(listed)} is listed in affected versions`);

  const unorderable = unorderableVersionReason(version);
  if (unorderable !== null) return unknown(unorderable);

  const problems: string[] = [];
  const hits: string[] = [];
  // A non-matching versions list settles "not affected" only when equality can be decided in the scheme.
  let evaluated = false;
  if (versions.length > 0) {
    if (scheme === null) problems.push(`versions: no version ordering known for ecosystem ${JSON.stringify(ecosystem)}`);
    else if (!isValidVersion(scheme, version)) problems.push(`versions: ${JSON.stringify(version)} is not a valid ${scheme} version`);
    else evaluated = true;
  }
  let gitRanges = 0;

  ranges.forEach((range, i) => {
    const label = `range ${i} (${String(range?.type)})`;
    if (range === null || typeof range !== 'object') {
      problems.push(`range ${i}: malformed`);
      return;
    }
    if (range.type === 'GIT') {
      gitRanges++;
      return;
    }
    let rangeScheme: VersionScheme | null;
    if (range.type === 'SEMVER') rangeScheme = 'semver';
    else if (range.type === 'ECOSYSTEM') rangeScheme = scheme;
    else {
      problems.push(`${label}: unsupported range type`);
      return;
    }
    if (rangeScheme === null) {
      problems.push(`${label}: no version ordering known for ecosystem ${JSON.stringify(ecosystem)}`);
      return;
    }
    if (!isValidVersion(rangeScheme, version)) {
      problems.push(`${label}: ${JSON.stringify(version)} is not a valid ${rangeScheme} version`);
      return;
    }
    const outcome = evaluateRange(rangeScheme, version, range, label);
    if (outcome.result === 'unknown') problems.push(outcome.reason);
    else {
      evaluated = true;
      if (outcome.result === 'in') hits.push(label);
    }
  });

  if (hits.length > 0) return affected(`version is within ${hits[0]}`);
  if (problems.length > 0) return unknown(problems.join('; '));
  if (evaluated) return notAffected(ranges.length > gitRanges ? 'version is outside every range' : 'version is not listed in affected versions');
  if (gitRanges > 0) return unknown('GIT ranges cannot be evaluated against package versions');
  return unknown('affected entry has neither ranges nor versions');
}
