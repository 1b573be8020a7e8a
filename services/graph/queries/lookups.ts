/** Lookups by id or text, and the reverse vulnerability question for any node. */
import type { GraphStore, ReadOptions } from '../store.js';
import { aliasClusters, latest, vexStatements, type VexFact } from './vulnerabilities.js';
import { reach } from './reach.js';
import { COMPONENT_LABELS, COMPOSITION_RELS, componentFields, toComponent, type ComponentRow, type NodeHandle } from './components.js';

export interface FoundNode {
  label: string;
  key: string;
  name: string | null;
  purl: string | null;
}

const NAMED: Record<string, string> = {
  Package: 'n.name AS name, n.purl AS purl',
  PackageVersion: 'n.name AS name, n.purl AS purl',
  Model: 'n.name AS name, n.purl AS purl',
  Dataset: 'n.name AS name, n.purl AS purl',
  Artifact: 'NULL AS name, NULL AS purl',
  Document: 'n.name AS name, NULL AS purl',
  Vulnerability: 'n.id AS name, NULL AS purl',
  Advisory: 'n.title AS name, NULL AS purl',
  SourceRepository: 'n.url AS name, NULL AS purl',
  Builder: 'n.builderId AS name, NULL AS purl',
  Signature: 'n.method AS name, NULL AS purl',
  SignerIdentity: 'n.subject AS name, NULL AS purl',
  License: 'n.name AS name, NULL AS purl',
  VexStatement: 'n.status AS name, NULL AS purl',
};

/** Every node whose identity key is `key` (a key is unique per label, so at most one per label). */
export async function findNodes(store: GraphStore, key: string, options?: ReadOptions): Promise<FoundNode[]> {
  const out: FoundNode[] = [];
  for (const [label, fields] of Object.entries(NAMED)) {
    const rows = await store.read<{ key: string; name: string | null; purl: string | null }>(`MATCH (n:${label} {key: $k}) RETURN n.key AS key, ${fields}`, { k: key }, options);
    out.push(...rows.map((r) => ({ label, key: r.key, name: r.name ?? null, purl: r.purl ?? null })));
  }
  return out;
}

export type SearchKind = 'PACKAGE' | 'PACKAGE_VERSION' | 'MODEL' | 'DATASET';

/** Prefix search on purl or name. Kuzu has no secondary indexes, so there this scans the label. */
export async function searchNodes(store: GraphStore, text: string, kinds: SearchKind[], first: number, options?: ReadOptions): Promise<FoundNode[]> {
  const labels: Record<SearchKind, string> = { PACKAGE: 'Package', PACKAGE_VERSION: 'PackageVersion', MODEL: 'Model', DATASET: 'Dataset' };
  const out: FoundNode[] = [];
  for (const kind of kinds) {
    const label = labels[kind];
    const rows = await store.read<{ key: string; name: string | null; purl: string | null }>(
      `MATCH (n:${label}) WHERE n.key STARTS WITH $t OR n.name STARTS WITH $t RETURN n.key AS key, ${NAMED[label]} ORDER BY key LIMIT ${first}`, { t: text }, options);
    out.push(...rows.map((r) => ({ label, key: r.key, name: r.name ?? null, purl: r.purl ?? null })));
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, first);
}

export interface VulnerabilityFinding {
  vulnerability: string;
  packageVersion: ComponentRow;
  advisory: string;
  reason: string;
  /** affected unless a VEX statement about the asked-about product or the package version says otherwise. */
  status: 'affected' | 'not_affected' | 'fixed' | 'under_investigation';
  statement: VexFact | null;
}

/**
 * Vulnerabilities of a package version, an SBOM (what it lists), or a model /
 * artifact / dataset (what its composition reaches).
 */
export async function vulnerabilitiesOf(store: GraphStore, targets: Array<NodeHandle | { label: 'Document'; key: string }>, options?: ReadOptions): Promise<VulnerabilityFinding[]> {
  const versions = new Set<string>();
  const rows: Array<Record<string, unknown>> = [];
  const products = new Set<string>();
  const matchFields = `v.key AS vulnerability, r.advisory AS advisory, r.reason AS reason, ${componentFields('p', 'PackageVersion')}`;
  for (const t of targets) {
    if (t.label === 'PackageVersion') versions.add(t.key);
    else if (t.label === 'Document') {
      // Anchored on the document: one expansion instead of a lookup per listed version.
      rows.push(...await store.read<Record<string, unknown>>(
        `MATCH (d:Document {key: $k})-[:LISTS]->(p:PackageVersion)<-[r:AFFECTS]-(v:Vulnerability) RETURN DISTINCT ${matchFields}`, { k: t.key }, options));
      const subjects = await store.read<{ key: string }>('MATCH (d:Document {key: $k})-[:DESCRIBES]->(s) RETURN s.key AS key', { k: t.key }, options);
      subjects.forEach((x) => products.add(x.key));
    } else {
      const r = await reach(store, [t], { rels: COMPOSITION_RELS, direction: 'out', maxDepth: 10, targetLabels: ['PackageVersion'] }, options);
      r.nodes.forEach((n) => versions.add(n.key));
      if (t.label === 'Artifact') {
        const owners = await store.read<{ key: string }>('MATCH (p:PackageVersion)-[:HAS_DIGEST]->(a:Artifact {key: $k}) RETURN p.key AS key', { k: t.key }, options);
        owners.forEach((o) => versions.add(o.key));
      }
    }
    if (t.label !== 'Document') products.add(t.key);
  }
  if (versions.size > 0) {
    rows.push(...await store.read<Record<string, unknown>>(
      `UNWIND $keys AS k MATCH (v:Vulnerability)-[r:AFFECTS]->(p:PackageVersion {key: k}) RETURN DISTINCT ${matchFields}`, { keys: [...versions] }, options));
  }
  if (rows.length === 0) return [];
  // The products the question is about: VEX statements about them outrank statements about the package.
  const clusters = await aliasClusters(store, [...new Set(rows.map((r) => String(r.vulnerability)))], options);
  const vex = await vexStatements(store, [...new Set([...clusters.values()].flat())], options);
  const vexByVulnerability = new Map<string, VexFact[]>();
  for (const v of vex) vexByVulnerability.set(v.vulnerability, [...(vexByVulnerability.get(v.vulnerability) ?? []), v]);
  const seen = new Set<string>();
  const out: VulnerabilityFinding[] = [];
  for (const r of rows) {
    const pv = toComponent('PackageVersion', r);
    const id = `${String(r.vulnerability)}\u0000${pv.key}\u0000${String(r.advisory)}\u0000${String(r.reason ?? '')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const statements = (clusters.get(String(r.vulnerability)) ?? [String(r.vulnerability)]).flatMap((k) => vexByVulnerability.get(k) ?? []);
    const statement = latest(statements.filter((s) => products.has(s.targetKey))) ?? latest(statements.filter((s) => s.targetKey === pv.key));
    out.push({ vulnerability: String(r.vulnerability), advisory: String(r.advisory), reason: String(r.reason ?? ''), packageVersion: pv, status: statement?.statement.status ?? 'affected', statement });
  }
  return out.sort((a, b) => (a.vulnerability + a.packageVersion.key < b.vulnerability + b.packageVersion.key ? -1 : 1));
}

export async function licenseSummary(store: GraphStore, documentKey: string, options?: ReadOptions): Promise<Array<{ license: string; components: number }>> {
  const out = new Map<string, number>();
  for (const label of COMPONENT_LABELS) {
    if (label === 'Artifact') continue;
    const rows = await store.read<{ license: string; c: number }>(
      `MATCH (d:Document {key: $k})-[:LISTS]->(n:${label})-[r:DECLARES_LICENSE]->(l:License) WHERE r.doc = $k RETURN l.key AS license, count(DISTINCT n) AS c`, { k: documentKey }, options);
    for (const r of rows) out.set(r.license, (out.get(r.license) ?? 0) + Number(r.c));
  }
  return [...out].map(([license, components]) => ({ license, components })).sort((a, b) => b.components - a.components || (a.license < b.license ? -1 : 1));
}
