/**
 * Severities of vulnerabilities: the Severity facts (docs/severity.md) that the
 * current document of each advisory asserts (an older version's scores are
 * history, not the advisory's word), withdrawn advisories left out. Also how a
 * finding is rated, filtered and ordered by severity.
 */
import type { SeverityNode } from '../../../schema/ontology/nodes.js';
import { isSeverityLevel, severityRank, type SeverityLevel } from '../../../schema/severity/rating.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { project, withNulls } from './projection.js';
import { aliasClusters } from './vulnerabilities.js';

export interface SeverityFact {
  severity: SeverityNode;
  advisory: string;
  document: string;
}

/** The worst rating and the highest base score among some severities (each may come from a different source). */
export interface SeveritySummary {
  maxSeverity: SeverityLevel | null;
  score: number | null;
}

/** Severity facts about any of `vulnerabilityKeys`, by the vulnerability key they rate. */
export async function severitiesOf(store: GraphStore, vulnerabilityKeys: string[], options?: ReadOptions): Promise<Map<string, SeverityFact[]>> {
  const out = new Map<string, SeverityFact[]>();
  if (vulnerabilityKeys.length === 0) return out;
  const rows = await store.read<Record<string, unknown>>(
    `UNWIND $keys AS k MATCH (a:Advisory)-[h:HAS_SEVERITY]->(s:Severity)-[:RATES]->(v:Vulnerability {key: k}) WHERE a.withdrawn IS NULL ` +
    `RETURN DISTINCT ${project('s', 'Severity', 's_')}, a.key AS advisory, h.doc AS doc`,
    { keys: [...new Set(vulnerabilityKeys)] }, options);
  if (rows.length === 0) return out;
  const current = await currentDocuments(store, [...new Set(rows.map((r) => String(r.advisory)))], options);
  for (const r of rows) {
    if (current.get(String(r.advisory)) !== String(r.doc)) continue;
    const severity = withNulls<SeverityNode>('Severity', r, 's_');
    severity.baseScore = severity.baseScore === null ? null : Number(severity.baseScore);
    const list = out.get(severity.vulnerability) ?? [];
    list.push({ severity, advisory: String(r.advisory), document: String(r.doc) });
    out.set(severity.vulnerability, list);
  }
  for (const list of out.values()) list.sort(compareFacts);
  return out;
}

/** Highest score first, then worst rating, then source and version: the order severities are listed in. */
function compareFacts(a: SeverityFact, b: SeverityFact): number {
  return (b.severity.baseScore ?? -1) - (a.severity.baseScore ?? -1)
    || severityRank(level(b.severity.baseSeverity)) - severityRank(level(a.severity.baseSeverity))
    || cmp(a.severity.source, b.severity.source) || cmp(a.severity.version, b.severity.version) || cmp(a.severity.key, b.severity.key);
}

/** The advisory's current version (latest createdAt, then latest ingest, then key), as matching decides it. */
async function currentDocuments(store: GraphStore, advisories: string[], options?: ReadOptions): Promise<Map<string, string>> {
  const rows = await store.read<{ advisory: string; doc: string; createdAt: string | null; ingestedAt: string | null }>(
    'UNWIND $keys AS k MATCH (d:Document)-[:LISTS]->(a:Advisory {key: k}) RETURN DISTINCT a.key AS advisory, d.key AS doc, d.createdAt AS createdAt, d.ingestedAt AS ingestedAt',
    { keys: advisories }, options);
  rows.sort((a, b) => cmp(b.createdAt ?? '', a.createdAt ?? '') || cmp(b.ingestedAt ?? '', a.ingestedAt ?? '') || cmp(b.doc, a.doc));
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.advisory)) out.set(r.advisory, r.doc);
  return out;
}

export function summarize(facts: readonly SeverityFact[]): SeveritySummary {
  let maxSeverity: SeverityLevel | null = null;
  let score: number | null = null;
  for (const f of facts) {
    const l = level(f.severity.baseSeverity);
    if (l && severityRank(l) > severityRank(maxSeverity)) maxSeverity = l;
    if (f.severity.baseScore !== null && (score === null || f.severity.baseScore > score)) score = f.severity.baseScore;
  }
  return { maxSeverity, score };
}

/**
 * How one finding (a vulnerability matched through one advisory) is rated: by the
 * severities that advisory gives any id of the vulnerability; when it gives none,
 * by every severity any advisory gives them (NVD's score for an OSV match).
 */
export function findingSeverity(cluster: readonly string[], advisory: string, byVulnerability: ReadonlyMap<string, SeverityFact[]>): SeveritySummary {
  const all = cluster.flatMap((k) => byVulnerability.get(k) ?? []);
  const own = all.filter((f) => f.advisory === advisory);
  return summarize(own.length > 0 ? own : all);
}

export interface SeverityFilter {
  minSeverity: SeverityLevel | null;
  minScore: number | null;
}

/** Both bounds must hold; an unrated finding passes no bound. */
export function passesFilter(s: SeveritySummary, f: SeverityFilter): boolean {
  if (f.minSeverity !== null && severityRank(s.maxSeverity) < severityRank(f.minSeverity)) return false;
  if (f.minScore !== null && (s.score === null || s.score < f.minScore)) return false;
  return true;
}

/**
 * A string that sorts the most severe first (score, then rating; unrated last), for
 * prefixing a row's own key: cursors over a severity order stay plain string comparisons.
 */
export function severitySortPrefix(s: SeveritySummary): string {
  const score = s.score === null ? 999 : 100 - Math.round(s.score * 10);
  const rank = 4 - severityRank(s.maxSeverity);
  return `${String(score).padStart(3, '0')}${rank}\u0000`;
}

function level(s: string | null): SeverityLevel | null {
  return s !== null && isSeverityLevel(s) ? s : null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The severity of each finding (vulnerability key + matching advisory), with two batched reads for all of them. */
export async function rateFindings<T extends { vulnerability: string; advisory: string }>(store: GraphStore, findings: readonly T[], options?: ReadOptions): Promise<Array<T & { severity: SeveritySummary }>> {
  if (findings.length === 0) return [];
  const clusters = await aliasClusters(store, [...new Set(findings.map((f) => f.vulnerability))], options);
  const facts = await severitiesOf(store, [...new Set([...clusters.values()].flat())], options);
  return findings.map((f) => ({ ...f, severity: findingSeverity(clusters.get(f.vulnerability) ?? [f.vulnerability], f.advisory, facts) }));
}
