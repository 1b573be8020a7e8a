/**
 * Vulnerability impact: an id (any alias) → the vulnerability's alias cluster,
 * its advisories, the package versions matching computed as affected, the SBOMs
 * and subjects that contain them, and the VEX status that applies to each.
 * A VEX statement about the product (SBOM subject) overrides one about the
 * package version, which overrides the raw match; among equals the latest wins.
 */
import type { AdvisoryNode, VexStatementNode } from '../../../schema/ontology/nodes.js';
import { vulnerabilityKey } from '../../../schema/identity/keys.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { documentsListing, documentSubjects, type ComponentRow } from './components.js';
import { project, withNulls } from './projection.js';

/** The alias cluster of `id`, the id as stored first. */
export async function vulnerabilityCluster(store: GraphStore, id: string, options?: ReadOptions): Promise<string[] | null> {
  // Ids are written in many cases (ghsa-…, pysec-…); try the spellings that occur in the wild.
  const raw = id.trim();
  const spellings = [...new Set([vulnerabilityKey(raw), raw.toUpperCase(), raw.replace(/^ghsa-/i, 'GHSA-').replace(/^(GHSA-)(.*)$/, (_, p: string, rest: string) => p + rest.toLowerCase())])];
  let start: string | null = null;
  for (const k of spellings) {
    const found = await store.read<{ key: string }>('MATCH (v:Vulnerability {key: $k}) RETURN v.key AS key', { k }, options);
    if (found.length > 0) {
      start = k;
      break;
    }
  }
  if (start === null) return null;
  const cluster = new Set<string>([start]);
  let frontier: string[] = [start];
  // Breadth-first over ALIAS_OF in both directions; alias graphs are tiny.
  for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
    const rows = await store.read<{ key: string }>(
      'UNWIND $keys AS k MATCH (v:Vulnerability {key: k})-[:ALIAS_OF]-(x:Vulnerability) RETURN DISTINCT x.key AS key', { keys: frontier }, options);
    frontier = rows.map((r) => r.key).filter((k) => !cluster.has(k));
    frontier.forEach((k) => cluster.add(k));
  }
  return [start, ...[...cluster].filter((k) => k !== start).sort()];
}

export interface AdvisoryFact {
  advisory: AdvisoryNode;
  document: string;
}

export async function advisoriesOf(store: GraphStore, cluster: string[], options?: ReadOptions): Promise<AdvisoryFact[]> {
  const rows = await store.read<Record<string, unknown>>(
    `UNWIND $keys AS k MATCH (a:Advisory)-[r:ADVISES]->(v:Vulnerability {key: k}) RETURN DISTINCT ${project('a', 'Advisory', 'a_')}, r.doc AS doc`, { keys: cluster }, options);
  const byKey = new Map<string, AdvisoryFact>();
  for (const r of rows) {
    const advisory = withNulls<AdvisoryNode>('Advisory', r, 'a_');
    if (!byKey.has(advisory.key)) byKey.set(advisory.key, { advisory, document: String(r.doc) });
  }
  return [...byKey.values()].sort((a, b) => (a.advisory.key < b.advisory.key ? -1 : 1));
}

export interface VexFact {
  statement: VexStatementNode;
  targetKey: string;
  document: string;
}

export interface ImpactRow {
  packageVersion: ComponentRow;
  advisory: string;
  reason: string;
  sbom: string | null;
  subject: ComponentRow | null;
  status: 'affected' | 'not_affected' | 'fixed' | 'under_investigation';
  statement: VexFact | null;
}

export async function vulnerabilityImpact(store: GraphStore, cluster: string[], options?: ReadOptions): Promise<ImpactRow[]> {
  const matches = await store.read<{ key: string; name: string | null; version: string | null; purl: string | null; advisory: string; reason: string }>(
    'UNWIND $keys AS k MATCH (v:Vulnerability {key: k})-[r:AFFECTS]->(p:PackageVersion) RETURN DISTINCT p.key AS key, p.name AS name, p.version AS version, p.purl AS purl, r.advisory AS advisory, r.reason AS reason',
    { keys: cluster }, options);
  const vex = await vexStatements(store, cluster, options);
  const rows: ImpactRow[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    const pv: ComponentRow = { label: 'PackageVersion', key: m.key, name: m.name ?? null, version: m.version || null, purl: m.purl ?? null };
    const docs = await documentsListing(store, [{ label: 'PackageVersion', key: m.key }], options);
    const subjects = await documentSubjects(store, docs.map((d) => d.key), options);
    type Context = { sbom: string | null; subject: ComponentRow | null };
    const contexts: Context[] = docs.length === 0
      ? [{ sbom: null, subject: null }]
      : docs.flatMap((d): Context[] => {
        const s = subjects.filter((x) => x.document === d.key);
        return s.length === 0 ? [{ sbom: d.key, subject: null }] : s.map((x) => ({ sbom: d.key, subject: x as ComponentRow }));
      });
    for (const c of contexts) {
      const id = `${m.key}\u0000${c.sbom}\u0000${c.subject?.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const statement = latest(vex.filter((v) => c.subject && v.targetKey === c.subject.key)) ?? latest(vex.filter((v) => v.targetKey === m.key));
      rows.push({ packageVersion: pv, advisory: m.advisory, reason: m.reason, sbom: c.sbom, subject: c.subject, status: statement?.statement.status ?? 'affected', statement: statement ?? null });
    }
  }
  return rows.sort((a, b) => (a.packageVersion.key + (a.sbom ?? '') < b.packageVersion.key + (b.sbom ?? '') ? -1 : 1));
}

export async function vexStatements(store: GraphStore, cluster: string[], options?: ReadOptions): Promise<VexFact[]> {
  const rows = await store.read<Record<string, unknown>>(
    `UNWIND $keys AS k MATCH (s:VexStatement)-[:VEX_ABOUT]->(v:Vulnerability {key: k}) MATCH (s)-[r:VEX_APPLIES_TO]->(t) RETURN DISTINCT ${project('s', 'VexStatement', 's_')}, t.key AS target, r.doc AS doc`,
    { keys: cluster }, options);
  return rows.map((r) => ({ statement: withNulls<VexStatementNode>('VexStatement', r, 's_'), targetKey: String(r.target), document: String(r.doc) }));
}

export function latest(facts: VexFact[]): VexFact | null {
  return facts.sort((a, b) => ((a.statement.timestamp ?? '') < (b.statement.timestamp ?? '') ? 1 : -1))[0] ?? null;
}
