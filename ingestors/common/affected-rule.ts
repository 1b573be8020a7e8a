/**
 * The affected-range rule an advisory states for one package, stored as JSON on
 * the `AFFECTS_PACKAGE` edge (Advisory → versionless Package, property `rule`)
 * so that version matching (services/matching) can run at any later time
 * without re-reading the advisory document.
 *
 * A rule is a faithful, normalized copy of what the source says; it is never
 * an evaluation. Four kinds, one per way formats express "which versions":
 *
 *   osv    OSV `affected[]` entry: ecosystem, `ranges` (SEMVER / ECOSYSTEM /
 *          GIT, events kept exactly as given — unsorted events stay unsorted,
 *          the matcher sorts) and explicit `versions`. `database_specific` is
 *          dropped.
 *   vers   one vers string (`vers:npm/>=1.0.0|<1.2.3`), e.g. CycloneDX
 *          `affects[].versions[].range`.
 *   cve5   CVE JSON 5 product: `versions[]` entries (version, lessThan,
 *          lessThanOrEqual, status, versionType, changes) + `defaultStatus`.
 *   exact  a list of exact versions (and the full purls they came from), e.g.
 *          CSAF products identified by a versioned purl.
 *
 * Every rule has `status` (what the advisory claims about the versions the rule
 * selects), `purl` (the package as the source named it: canonical, no version,
 * qualifiers such as `distro`/`arch` kept) and, when parts of the source entry
 * could not be stored, `incomplete` (reasons). A matcher may answer `affected`
 * from an incomplete rule but must never conclude `not_affected` from one.
 *
 * `encodeRule` validates and serializes with a fixed key order (so identical
 * rules are identical strings and edges de-duplicate); `decodeRule` parses and
 * validates, throwing AffectedRuleError on anything that is not a v1 rule.
 * docs/advisories.md documents the format.
 */

export const AFFECTED_RULE_VERSION = 1 as const;

export const RULE_STATUSES = ['affected', 'fixed', 'not_affected', 'under_investigation'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export const RULE_KINDS = ['osv', 'vers', 'cve5', 'exact'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

interface RuleCommon {
  v: typeof AFFECTED_RULE_VERSION;
  status: RuleStatus;
  /** The package as the source named it: canonical purl without version; qualifiers kept. */
  purl: string;
  /** Why parts of the source entry were left out; absent when the rule is complete. */
  incomplete?: string[];
}

/** One OSV event: exactly one of the four fields is set. */
export interface OsvRuleEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export const OSV_RANGE_TYPES = ['SEMVER', 'ECOSYSTEM', 'GIT'] as const;
export type OsvRangeType = (typeof OSV_RANGE_TYPES)[number];

export interface OsvRuleRange {
  type: OsvRangeType;
  /** The repository of a GIT range. */
  repo?: string;
  events: OsvRuleEvent[];
}

export interface OsvAffectedRule extends RuleCommon {
  kind: 'osv';
  /** The OSV ecosystem string as given, suffix included (`Debian:12`, `Red Hat:rhel_aus:8.6::appstream`). */
  ecosystem: string;
  ranges: OsvRuleRange[];
  versions: string[];
}

export interface VersAffectedRule extends RuleCommon {
  kind: 'vers';
  vers: string;
}

export const CVE5_STATUSES = ['affected', 'unaffected', 'unknown'] as const;
export type Cve5RuleStatus = (typeof CVE5_STATUSES)[number];

export interface Cve5RuleChange {
  at: string;
  status: Cve5RuleStatus;
}

export interface Cve5RuleVersion {
  version: string;
  status: Cve5RuleStatus;
  versionType?: string;
  lessThan?: string;
  lessThanOrEqual?: string;
  changes?: Cve5RuleChange[];
}

export interface Cve5AffectedRule extends RuleCommon {
  kind: 'cve5';
  vendor?: string;
  product?: string;
  collectionURL?: string;
  packageName?: string;
  /** As given; absent means the CVE default, `unknown`. */
  defaultStatus?: Cve5RuleStatus;
  versions: Cve5RuleVersion[];
}

export interface ExactAffectedRule extends RuleCommon {
  kind: 'exact';
  /** Distinct versions (as written in the purls), sorted. */
  versions: string[];
  /** Distinct full purls (version and qualifiers, e.g. rpm `arch`/`epoch`), sorted. */
  purls: string[];
  /** The source's own status word when it says more than `status` (CSAF `first_fixed`, `last_affected`, `recommended`…). */
  sourceStatus?: string;
  /** Products these versions are part of (CSAF relationship targets: CPE or product name), sorted. */
  platforms?: string[];
}

export type AffectedRule = OsvAffectedRule | VersAffectedRule | Cve5AffectedRule | ExactAffectedRule;

export class AffectedRuleError extends Error {
  constructor(message: string, readonly path: string) {
    super(`invalid affected rule: ${message}${path ? ` (at ${path})` : ''}`);
    this.name = 'AffectedRuleError';
  }
}

/** Validates `rule` and returns its canonical JSON string. */
export function encodeRule(rule: AffectedRule): string {
  return JSON.stringify(canonicalRule(rule));
}

/** Parses and validates a stored rule; throws AffectedRuleError. */
export function decodeRule(json: string): AffectedRule {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new AffectedRuleError(`not JSON: ${(err as Error).message}`, '');
  }
  return canonicalRule(value);
}

/** Validates an unknown value as a rule and returns a copy with canonical key order. */
export function canonicalRule(value: unknown): AffectedRule {
  const o = obj(value, '');
  if (o.v !== AFFECTED_RULE_VERSION) throw new AffectedRuleError(`unsupported version ${JSON.stringify(o.v)}; expected ${AFFECTED_RULE_VERSION}`, '/v');
  const kind = o.kind;
  if (typeof kind !== 'string' || !(RULE_KINDS as readonly string[]).includes(kind)) {
    throw new AffectedRuleError(`kind must be one of ${RULE_KINDS.join(', ')}`, '/kind');
  }
  const status = oneOf(o.status, RULE_STATUSES, '/status');
  const purl = nonEmpty(o.purl, '/purl');
  if (!purl.startsWith('pkg:')) throw new AffectedRuleError('purl must be a package URL', '/purl');
  const incomplete = o.incomplete === undefined ? undefined : strings(o.incomplete, '/incomplete');
  const common = { v: AFFECTED_RULE_VERSION, kind, status, purl } as const;
  const tail = incomplete && incomplete.length > 0 ? { incomplete } : {};
  switch (kind as RuleKind) {
    case 'osv': {
      const ranges = arrayOf(o.ranges, '/ranges').map((r, i) => osvRange(r, `/ranges/${i}`));
      const versions = strings(o.versions, '/versions');
      return { ...common, kind: 'osv', ecosystem: nonEmpty(o.ecosystem, '/ecosystem'), ranges, versions, ...tail };
    }
    case 'vers': {
      const vers = nonEmpty(o.vers, '/vers');
      if (!/^vers:[^/]+\/./.test(vers)) throw new AffectedRuleError('vers must look like vers:<scheme>/<constraints>', '/vers');
      return { ...common, kind: 'vers', vers, ...tail };
    }
    case 'cve5': {
      const versions = arrayOf(o.versions, '/versions').map((e, i) => cve5Version(e, `/versions/${i}`));
      const rule: Cve5AffectedRule = { ...common, kind: 'cve5', versions };
      for (const f of ['vendor', 'product', 'collectionURL', 'packageName'] as const) {
        if (o[f] !== undefined) rule[f] = nonEmpty(o[f], `/${f}`);
      }
      if (o.defaultStatus !== undefined) rule.defaultStatus = oneOf(o.defaultStatus, CVE5_STATUSES, '/defaultStatus');
      // Key order: common, identity fields, defaultStatus, versions, incomplete.
      const { versions: vs, ...head } = rule;
      return { ...head, versions: vs, ...tail };
    }
    case 'exact': {
      const versions = sortedUnique(strings(o.versions, '/versions'));
      const purls = sortedUnique(strings(o.purls, '/purls'));
      if (versions.length === 0 && purls.length === 0) throw new AffectedRuleError('an exact rule needs versions or purls', '/versions');
      const rule: ExactAffectedRule = { ...common, kind: 'exact', versions, purls };
      if (o.sourceStatus !== undefined) rule.sourceStatus = nonEmpty(o.sourceStatus, '/sourceStatus');
      if (o.platforms !== undefined) rule.platforms = sortedUnique(strings(o.platforms, '/platforms'));
      return { ...rule, ...tail };
    }
  }
}

function osvRange(value: unknown, at: string): OsvRuleRange {
  const o = obj(value, at);
  const type = oneOf(o.type, OSV_RANGE_TYPES, `${at}/type`);
  const events = arrayOf(o.events, `${at}/events`).map((e, i) => osvEvent(e, `${at}/events/${i}`));
  if (events.length === 0) throw new AffectedRuleError('a range needs at least one event', `${at}/events`);
  if (type === 'GIT') {
    const repo = nonEmpty(o.repo, `${at}/repo`);
    return { type, repo, events };
  }
  if (o.repo !== undefined) return { type, repo: nonEmpty(o.repo, `${at}/repo`), events };
  return { type, events };
}

const EVENT_FIELDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

function osvEvent(value: unknown, at: string): OsvRuleEvent {
  const o = obj(value, at);
  const keys = Object.keys(o);
  if (keys.length !== 1 || !(EVENT_FIELDS as readonly string[]).includes(keys[0]!)) {
    throw new AffectedRuleError(`an event has exactly one of ${EVENT_FIELDS.join(', ')}`, at);
  }
  const k = keys[0] as (typeof EVENT_FIELDS)[number];
  return { [k]: nonEmpty(o[k], `${at}/${k}`) };
}

function cve5Version(value: unknown, at: string): Cve5RuleVersion {
  const o = obj(value, at);
  const out: Cve5RuleVersion = { version: nonEmpty(o.version, `${at}/version`), status: oneOf(o.status, CVE5_STATUSES, `${at}/status`) };
  for (const f of ['versionType', 'lessThan', 'lessThanOrEqual'] as const) {
    if (o[f] !== undefined) out[f] = nonEmpty(o[f], `${at}/${f}`);
  }
  if (out.lessThan !== undefined && out.lessThanOrEqual !== undefined) {
    throw new AffectedRuleError('lessThan and lessThanOrEqual are exclusive', at);
  }
  if (o.changes !== undefined) {
    out.changes = arrayOf(o.changes, `${at}/changes`).map((c, i) => {
      const co = obj(c, `${at}/changes/${i}`);
      return { at: nonEmpty(co.at, `${at}/changes/${i}/at`), status: oneOf(co.status, CVE5_STATUSES, `${at}/changes/${i}/status`) };
    });
  }
  return out;
}

function obj(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new AffectedRuleError('expected an object', at);
  return v as Record<string, unknown>;
}

function arrayOf(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new AffectedRuleError('expected an array', at);
  return v;
}

function nonEmpty(v: unknown, at: string): string {
  if (typeof v !== 'string' || v === '') throw new AffectedRuleError('expected a non-empty string', at);
  return v;
}

function strings(v: unknown, at: string): string[] {
  return arrayOf(v, at).map((s, i) => nonEmpty(s, `${at}/${i}`));
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], at: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new AffectedRuleError(`expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`, at);
  }
  return v as T;
}

function sortedUnique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}
