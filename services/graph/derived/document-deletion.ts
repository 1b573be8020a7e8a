/**
 * Retracting a document from the graph (issue #15): exactly the facts only that
 * document asserted go. Every asserted edge carries its document (`doc`), so its
 * edges are found by that property; a node it mentioned stays while any edge
 * another document asserts still touches it, because that document asserts the
 * node too. `HAS_VERSION` (identity) and `AFFECTS` (matching) are derived, so
 * they keep nothing alive: a package version only the deleted SBOM listed goes
 * with its matches, and a versionless Package goes with its last version unless
 * an advisory still names it.
 *
 * Both engines run the same statements (one per edge type / label, batched with
 * UNWIND) in one write transaction, so a reader sees the document entirely or
 * not at all. The candidate nodes are read before the transaction; that is safe
 * against concurrent ingests because the "still asserted?" test runs inside it.
 */
import { EDGE_SPECS, EDGE_TYPES, type EdgeType } from '../../../schema/ontology/edges.js';
import { NODE_LABELS, type NodeLabel } from '../../../schema/ontology/nodes.js';
import type { GraphStore, QueryParams } from '../store.js';

export interface DocumentDeletion {
  status: 'deleted' | 'not-found';
  documentKey: string;
  kind: string | null;
  /** The stored upload the document came from (its blob), for the caller to release. */
  blobDigest: string | null;
  edgesDeleted: number;
  nodesDeleted: number;
  /** Advisories whose matches may change now (their versions, or the components they matched). */
  advisoriesToRematch: string[];
  /** Advisories the document listed (it was one of their versions): their current version may have changed. */
  advisoriesListed: string[];
}

/** Edges that keep a node alive: asserted by some document (derived edges do not). */
const DERIVED: ReadonlySet<EdgeType> = new Set(['HAS_VERSION', 'AFFECTS']);

function keepingEdgeTypes(label: NodeLabel): EdgeType[] {
  return EDGE_TYPES.filter((t) => {
    // A versionless package lives as long as one of its versions does.
    if (DERIVED.has(t) && !(t === 'HAS_VERSION' && label === 'Package')) return false;
    return EDGE_SPECS[t].endpoints.some(([f, to]) => f === label || to === label);
  });
}

interface Plan {
  kind: string | null;
  blobDigest: string | null;
  edges: number;
  candidates: Map<NodeLabel, Set<string>>;
  advisories: Set<string>;
}

async function plan(store: GraphStore, key: string): Promise<Plan | null> {
  const doc = await store.read<{ kind: string | null; blobDigest: string | null }>('MATCH (d:Document {key: $k}) RETURN d.kind AS kind, d.blobDigest AS blobDigest', { k: key });
  if (!doc[0]) return null;
  const candidates = new Map<NodeLabel, Set<string>>();
  const add = (label: string, k: string): void => {
    if (!(NODE_LABELS as readonly string[]).includes(label) || label === 'Document') return;
    let set = candidates.get(label as NodeLabel);
    if (!set) candidates.set(label as NodeLabel, (set = new Set()));
    set.add(k);
  };
  let edges = 0;
  const { label } = store.dialect;
  for (const type of EDGE_TYPES) {
    if (type === 'HAS_VERSION') continue;
    const rows = await store.read<{ fl: string; fk: string; tl: string; tk: string }>(
      `MATCH (a)-[r:${type}]->(b) WHERE r.doc = $k RETURN ${label('a')} AS fl, a.key AS fk, ${label('b')} AS tl, b.key AS tk`, { k: key });
    edges += rows.length;
    for (const r of rows) {
      add(r.fl, r.fk);
      add(r.tl, r.tk);
    }
  }
  const versions = [...(candidates.get('PackageVersion') ?? [])];
  if (versions.length > 0) {
    for (const r of await store.read<{ k: string }>('UNWIND $keys AS k MATCH (p:Package)-[:HAS_VERSION]->(:PackageVersion {key: k}) RETURN DISTINCT p.key AS k', { keys: versions })) add('Package', r.k);
  }
  // Matches by CPE or by version depend on what this document said about a component that may survive it.
  const advisories = new Set(candidates.get('Advisory') ?? []);
  if (versions.length > 0) {
    for (const r of await store.read<{ a: string }>('UNWIND $keys AS k MATCH (:Vulnerability)-[r:AFFECTS]->(:PackageVersion {key: k}) RETURN DISTINCT r.advisory AS a', { keys: versions })) advisories.add(r.a);
  }
  return { kind: doc[0].kind ?? null, blobDigest: doc[0].blobDigest ?? null, edges, candidates, advisories };
}

function statements(key: string, p: Plan, lockCandidates: boolean): Array<{ cypher: string; params?: QueryParams }> {
  const out: Array<{ cypher: string; params?: QueryParams }> = [];
  for (const type of EDGE_TYPES) {
    if (type !== 'HAS_VERSION') out.push({ cypher: `MATCH ()-[r:${type}]->() WHERE r.doc = $k DELETE r`, params: { k: key } });
  }
  out.push({ cypher: 'MATCH (d:Document {key: $k}) DETACH DELETE d', params: { k: key } });
  // Packages last: whether one stays depends on which of its versions stayed.
  const order = [...p.candidates.keys()].sort((a, b) => Number(a === 'Package') - Number(b === 'Package'));
  for (const label of order) {
    const keys = [...p.candidates.get(label)!];
    const keeping = keepingEdgeTypes(label);
    const unasserted = keeping.length > 0
      ? `OPTIONAL MATCH (n)-[r:${keeping.join('|')}]-() WITH n, count(r) AS c WHERE c = 0 `
      : '';
    for (let i = 0; i < keys.length; i += 5000) {
      const chunk = keys.slice(i, i + 5000);
      // Neo4j runs writers concurrently: lock the candidates first, so an ingest adding an edge to
      // one either commits before the "still asserted?" count sees it, or fails and is retried.
      if (lockCandidates) out.push({ cypher: `UNWIND $keys AS k MATCH (n:${label} {key: k}) SET n._sgDeleting = true REMOVE n._sgDeleting`, params: { keys: chunk } });
      out.push({ cypher: `UNWIND $keys AS k MATCH (n:${label} {key: k}) ${unasserted}DETACH DELETE n`, params: { keys: chunk } });
    }
  }
  return out;
}

/**
 * Shared by both engines' `GraphStore.deleteDocument`: plan, then one atomic write.
 * `lockCandidates`: for engines whose writers run concurrently (Neo4j); the embedded
 * engine has one writer at a time, so nothing can change between count and delete.
 */
export async function deleteDocumentFacts(store: GraphStore, key: string, options: { lockCandidates: boolean }): Promise<DocumentDeletion> {
  const p = await plan(store, key);
  if (!p) return { status: 'not-found', documentKey: key, kind: null, blobDigest: null, edgesDeleted: 0, nodesDeleted: 0, advisoriesToRematch: [], advisoriesListed: [] };
  await store.write(statements(key, p, options.lockCandidates));
  let remaining = 0;
  for (const [label, keys] of p.candidates) {
    const rows = await store.read<{ c: number }>(`UNWIND $keys AS k MATCH (n:${label} {key: k}) RETURN count(n) AS c`, { keys: [...keys] });
    remaining += Number(rows[0]?.c ?? 0);
  }
  const candidateCount = [...p.candidates.values()].reduce((a, s) => a + s.size, 0);
  return {
    status: 'deleted', documentKey: key, kind: p.kind, blobDigest: p.blobDigest, edgesDeleted: p.edges,
    nodesDeleted: candidateCount - remaining + 1, advisoriesToRematch: [...p.advisories], advisoriesListed: [...(p.candidates.get('Advisory') ?? [])],
  };
}
