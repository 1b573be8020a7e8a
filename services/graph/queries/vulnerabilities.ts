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
import { COMPONENT_LABELS, toComponent, type ComponentLabel, type ComponentRow } from './components.js';
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
  const cluster = (await aliasClusters(store, [start], options)).get(start) ?? [start];
  return [start, ...cluster.filter((k) => k !== start).sort()];
}

/**
 * The alias cluster of each of `keys` (ALIAS_OF in both directions, sorted), found with one
 * batched read per hop for all of them: an SBOM's 1,000 vulnerabilities are a few reads.
 */
export async function aliasClusters(store: GraphStore, keys: string[], options?: ReadOptions): Promise<Map<string, string[]>> {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string): void => { parent.set(find(a), find(b)); };
  for (const k of keys) parent.set(k, k);
  let frontier = [...new Set(keys)];
  // Alias graphs are tiny; six hops is far beyond any real chain.
  for (let hop = 0; hop < 6 && frontier.length > 0; hop++) {
    const rows = await store.read<{ k: string; key: string }>(
      'UNWIND $keys AS k MATCH (v:Vulnerability {key: k})-[:ALIAS_OF]-(x:Vulnerability) RETURN DISTINCT k AS k, x.key AS key', { keys: frontier }, options);
    const next: string[] = [];
    for (const r of rows) {
      if (!parent.has(r.key)) {
        parent.set(r.key, r.key);
        next.push(r.key);
      }
      union(r.k, r.key);
    }
    frontier = next;
  }
  const members = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const root = find(k);
    members.set(root, [...(members.get(root) ?? []), k]);
  }
  const out = new Map<string, string[]>();
  for (const k of keys) out.set(k, (members.get(find(k)) ?? [k]).slice().sort());
  return out;
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
  /** The product's label (PackageVersion, Artifact, Model, …). */
  targetLabel: string;
  document: string;
  /** The vulnerability id the statement names (one key of its alias cluster). */
  vulnerability: string;
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
  type Match = { key: string; name: string | null; version: string | null; purl: string | null; advisory: string; reason: string };
  const matches: Match[] = [];
  const listings = new Map<string, Set<string>>();
  const subjectsOf = new Map<string, ComponentRow[]>();
  // Each read is anchored on one vulnerability node (bound by key) and expands from there; a
  // read per affected version (or an UNWIND of them) is what made the widest CVE take seconds.
  for (const k of cluster) {
    matches.push(...await store.read<Match>(
      'MATCH (v:Vulnerability {key: $k})-[r:AFFECTS]->(p:PackageVersion) RETURN DISTINCT p.key AS key, p.name AS name, p.version AS version, p.purl AS purl, r.advisory AS advisory, r.reason AS reason',
      { k }, options));
    // Collected per version: one row per version, not per (version, SBOM) pair (Kuzu: 20 ms against 300 ms for 10,894 pairs).
    const listed = await store.read<{ pv: string; docs: string[] }>(
      "MATCH (v:Vulnerability {key: $k})-[:AFFECTS]->(p:PackageVersion)<-[:LISTS]-(d:Document) WHERE d.kind = 'sbom' RETURN p.key AS pv, collect(DISTINCT d.key) AS docs",
      { k }, options);
    for (const r of listed) {
      const set = listings.get(r.pv) ?? new Set<string>();
      r.docs.forEach((doc) => set.add(doc));
      listings.set(r.pv, set);
    }
    const described = await store.read<Record<string, unknown>>(
      `MATCH (v:Vulnerability {key: $k})-[:AFFECTS]->(:PackageVersion)<-[:LISTS]-(d:Document)-[:DESCRIBES]->(x) WHERE d.kind = 'sbom' ` +
      `RETURN DISTINCT d.key AS doc, ${store.dialect.label('x')} AS label, x.key AS key, x.name AS name, x.version AS version, x.purl AS purl`,
      { k }, options);
    for (const r of described) {
      const label = String(r.label);
      if (!(COMPONENT_LABELS as readonly string[]).includes(label)) continue;
      const list = subjectsOf.get(String(r.doc)) ?? [];
      const subject = toComponent(label as ComponentLabel, r);
      if (!list.some((x) => x.label === subject.label && x.key === subject.key)) list.push(subject);
      subjectsOf.set(String(r.doc), list);
    }
  }
  const vex = await vexStatements(store, cluster, options);
  const vexByTarget = new Map<string, VexFact[]>();
  for (const v of vex) vexByTarget.set(v.targetKey, [...(vexByTarget.get(v.targetKey) ?? []), v]);
  const rows: ImpactRow[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    const pv: ComponentRow = { label: 'PackageVersion', key: m.key, name: m.name ?? null, version: m.version || null, purl: m.purl ?? null };
    const docs = [...(listings.get(m.key) ?? [])].sort();
    type Context = { sbom: string | null; subject: ComponentRow | null };
    const contexts: Context[] = docs.length === 0
      ? [{ sbom: null, subject: null }]
      : docs.flatMap((d): Context[] => {
        const s = subjectsOf.get(d) ?? [];
        return s.length === 0 ? [{ sbom: d, subject: null }] : s.map((x) => ({ sbom: d, subject: x }));
      });
    for (const c of contexts) {
      const id = `${m.key}\u0000${c.sbom}\u0000${c.subject?.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const statement = latest((c.subject && vexByTarget.get(c.subject.key)) || []) ?? latest(vexByTarget.get(m.key) ?? []);
      rows.push({ packageVersion: pv, advisory: m.advisory, reason: m.reason, sbom: c.sbom, subject: c.subject, status: statement?.statement.status ?? 'affected', statement: statement ?? null });
    }
  }
  return rows.sort((a, b) => (impactRowKey(a) < impactRowKey(b) ? -1 : impactRowKey(a) > impactRowKey(b) ? 1 : 0));
}

/** The order and the cursor of impact rows: package version, SBOM, subject (unique per row). */
export function impactRowKey(r: ImpactRow): string {
  return `${r.packageVersion.key}\u0000${r.sbom ?? ''}\u0000${r.subject ? `${r.subject.label}:${r.subject.key}` : ''}`;
}

export async function vexStatements(store: GraphStore, cluster: string[], options?: ReadOptions): Promise<VexFact[]> {
  const rows = await store.read<Record<string, unknown>>(
    `UNWIND $keys AS k MATCH (s:VexStatement)-[:VEX_ABOUT]->(v:Vulnerability {key: k}) MATCH (s)-[r:VEX_APPLIES_TO]->(t) ` +
    `RETURN DISTINCT ${project('s', 'VexStatement', 's_')}, t.key AS target, ${store.dialect.label('t')} AS targetLabel, r.doc AS doc, v.key AS vulnerability`,
    { keys: cluster }, options);
  return rows.map((r) => ({
    statement: withNulls<VexStatementNode>('VexStatement', r, 's_'), targetKey: String(r.target), targetLabel: String(r.targetLabel),
    document: String(r.doc), vulnerability: String(r.vulnerability),
  }));
}

export function latest(facts: VexFact[]): VexFact | null {
  return [...facts].sort((a, b) => ((a.statement.timestamp ?? '') < (b.statement.timestamp ?? '') ? 1 : -1))[0] ?? null;
}
