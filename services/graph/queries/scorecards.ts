/**
 * OpenSSF Scorecard runs of a source repository, and of the repositories a
 * package version was built from (its HAS_SOURCE edges from SBOMs and provenance).
 */
import { sourceRepositoryKey } from '../../../schema/identity/keys.js';
import type { ScorecardNode } from '../../../schema/ontology/nodes.js';
import type { GraphStore, ReadOptions } from '../store.js';

export interface ScorecardCheckRow {
  name: string;
  score: number | null;
  reason: string | null;
}

export interface ScorecardRow extends Omit<ScorecardNode, 'checks'> {
  checks: ScorecardCheckRow[];
  /** The Scorecard document that asserted it. */
  document: string;
}

const FIELDS = 's.key AS key, s.repository AS repository, s.commit AS commit, s.date AS date, s.score AS score, s.scorecardVersion AS scorecardVersion, s.checks AS checks, h.doc AS document';

/** The repository as the graph keys it (any spelling of its URL), or null when unknown. */
export async function findSourceRepository(store: GraphStore, url: string, options?: ReadOptions): Promise<string | null> {
  const key = sourceRepositoryKey(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) || url.includes('@') ? url : `https://${url.trim()}`);
  const rows = await store.read<{ key: string }>('MATCH (r:SourceRepository {key: $k}) RETURN r.key AS key', { k: key }, options);
  return rows[0]?.key ?? null;
}

/** Every Scorecard run of the repository, newest first. */
export async function scorecardsOf(store: GraphStore, repositoryKey: string, options?: ReadOptions): Promise<ScorecardRow[]> {
  const rows = await store.read<Record<string, unknown>>(
    `MATCH (r:SourceRepository {key: $k})-[h:HAS_SCORECARD]->(s:Scorecard) RETURN ${FIELDS}`, { k: repositoryKey }, options);
  return rows.map(toRow).sort(newestFirst);
}

/**
 * The scorecard of the source a package version was built from: the run at the revision
 * its HAS_SOURCE edge names when there is one, else the newest run of its repository.
 */
export async function scorecardOfPackageVersion(store: GraphStore, versionKey: string, options?: ReadOptions): Promise<ScorecardRow | null> {
  const rows = await store.read<Record<string, unknown>>(
    `MATCH (v:PackageVersion {key: $k})-[src:HAS_SOURCE]->(:SourceRepository)-[h:HAS_SCORECARD]->(s:Scorecard) RETURN ${FIELDS}, src.revision AS revision`,
    { k: versionKey }, options);
  const all = rows.map((r) => ({ row: toRow(r), revision: (r.revision as string | null) ?? null }));
  const atRevision = all.filter((x) => x.revision !== null && x.row.commit !== null && x.row.commit === x.revision).map((x) => x.row).sort(newestFirst);
  return atRevision[0] ?? all.map((x) => x.row).sort(newestFirst)[0] ?? null;
}

function toRow(r: Record<string, unknown>): ScorecardRow {
  let checks: ScorecardCheckRow[] = [];
  try {
    const parsed: unknown = JSON.parse(String(r.checks ?? '[]'));
    if (Array.isArray(parsed)) checks = parsed as ScorecardCheckRow[];
  } catch {
    checks = [];
  }
  return {
    key: String(r.key), repository: String(r.repository), commit: (r.commit as string | null) ?? null, date: String(r.date),
    score: r.score === null || r.score === undefined ? null : Number(r.score), scorecardVersion: (r.scorecardVersion as string | null) ?? null,
    checks, document: String(r.document),
  };
}

function newestFirst(a: ScorecardRow, b: ScorecardRow): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
