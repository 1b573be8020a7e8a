/**
 * Reachability: every node reachable from a set of start nodes over given edge
 * types in one direction, each with its minimum depth, and — on demand, for the
 * nodes whose explanation is actually asked for — one shortest explaining path.
 * The primitive behind dependencies, dependents, signed models and the
 * vulnerabilities of a product.
 *
 * Both engines answer "every node within n hops, with its minimum depth" with
 * one statement when it aggregates (DISTINCT node, min(length)): Kuzu with its
 * recursive SHORTEST join, Neo4j with a pruning breadth-first var-length expand
 * (dialect.reachablePaths). Measured on the query benchmark's 2.4M-edge graph
 * (docs/performance.md), for the 5,433 transitive dependents of the most popular
 * npm version: Kuzu 40 ms, Neo4j 80 ms — against 35 s for Neo4j's `SHORTEST 1`
 * with an unbound end node, and 250 ms for a breadth-first walk in batched
 * one-hop queries. What made the rest fast:
 * - start nodes are bound by parameter, never fed by UNWIND (Kuzu then loses the
 *   source filter of the recursion: 20 s+ instead of 60 ms on a 2k-deep chain);
 * - results are collected into lists, one row per (depth, label): Kuzu's node API
 *   spends far more per returned row than the engine spends on the traversal;
 * - paths are not returned by the recursive join (90–300 ms in Kuzu whatever their
 *   number) but rebuilt from the known depths, only for the nodes a response
 *   shows, by a walk towards the start: one filtered one-hop read per level.
 */
import type { GraphStore, ReadOptions } from '../store.js';

export interface GraphRef {
  label: string;
  key: string;
}

export interface ReachSpec {
  /** Relationship types, `A|B|C` (from the ontology, never from user input). */
  rels: string;
  /** `out`: follow edges from the start; `in`: against them (who points at the start). */
  direction: 'out' | 'in';
  /** Already bounded by the caller (boundedDepth). */
  maxDepth: number;
  /** Labels to report; null for every label. Intermediate nodes may have any label. */
  targetLabels: readonly string[] | null;
  /** Node properties to return with each reached node (names from the ontology). */
  properties?: readonly string[];
}

export interface ReachedNode extends GraphRef {
  depth: number;
  /** The requested `properties` (null where the node's label lacks one). */
  properties: Record<string, unknown>;
}

export interface Explanation {
  /** Keys from a start node to this node. */
  path: string[];
  /** Relationship types along that path. */
  via: string[];
}

export interface Reach {
  start: GraphRef[];
  /** Reachable nodes of the target labels, start nodes excluded, ordered by key then label. */
  nodes: ReachedNode[];
  /** One shortest path from a start node to each of `nodes` (keyed by refId). */
  explain(nodes: GraphRef[]): Promise<Map<string, Explanation>>;
  /** Documents (of `kind`, or any with null) that list a start node or a reached node of any label. */
  listingDocuments(kind: string | null): Promise<string[]>;
}

export function refId(n: GraphRef): string {
  return `${n.label}\u0000${n.key}`;
}

export async function reach(store: GraphStore, startRefs: GraphRef[], spec: ReachSpec, options?: ReadOptions): Promise<Reach> {
  const d = store.dialect;
  const start = dedupe(startRefs);
  const names = spec.properties ?? [];
  // Start nodes are bound by parameter: one key by equality (the key index), several of one
  // label by a list filter; UNWIND never feeds the recursion (see the top of this file).
  const groups = [...keysByLabel(start)].map(([label, keys]) => ({
    params: keys.length === 1 ? { k: keys[0] } : { sources: keys },
    match: keys.length === 1 ? `MATCH (s:${label} {key: $k}) ` : `MATCH (s:${label}) WHERE s.key IN $sources `,
  }));
  const traverse = (to: string): string => d.reachablePaths('p', 's', spec.rels, spec.direction, spec.maxDepth, to);
  // Every node reached (any label, whatever targetLabels says) with its depth: the parent walk
  // in `explain` needs the intermediate nodes too.
  const depths = new Map<string, ReachedNode>();
  for (const s of start) depths.set(refId(s), { ...s, depth: 0, properties: {} });
  for (const g of groups) {
    // One row per (depth, label) with the nodes collected into a list (Kuzu: 40 ms against
    // 140 ms as 5,433 rows). The properties must be strings (one list type).
    const rows = await store.read<{ depth: number; label: string; nodes: Array<Array<string | null>> }>(
      `${g.match}${traverse('x')} WITH x, min(${d.pathLength('p')}) AS depth ` +
      `RETURN depth, ${d.label('x')} AS label, collect([x.key${names.map((n) => `, x.${n}`).join('')}]) AS nodes`, g.params, options);
    for (const r of rows) {
      for (const values of r.nodes) {
        const node: ReachedNode = { label: r.label, key: String(values[0]), depth: Number(r.depth), properties: Object.fromEntries(names.map((n, i) => [n, values[i + 1] ?? null])) };
        const prev = depths.get(refId(node));
        if (!prev || node.depth < prev.depth) depths.set(refId(node), node);
      }
    }
  }
  const startIds = new Set(start.map(refId));
  const nodes = [...depths.values()]
    .filter((n) => !startIds.has(refId(n)) && (spec.targetLabels === null || spec.targetLabels.includes(n.label)))
    .sort(byKeyThenLabel);
  return {
    start,
    nodes,
    explain: parentWalk,
    listingDocuments: async (kind) => {
      const keys = new Set<string>();
      for (const g of groups) {
        const own = await store.read<{ keys: string[] | null }>(
          `${g.match}MATCH (d:Document)-[:LISTS]->(s) WHERE $kind IS NULL OR d.kind = $kind RETURN collect(DISTINCT d.key) AS keys`, { ...g.params, kind }, options);
        // Kuzu answers an aggregate over no rows with a null list when the start is a key list.
        own.forEach((r) => (r.keys ?? []).forEach((k) => keys.add(k)));
        // Traversal and listing in one statement: a second, UNWIND-fed lookup of thousands of
        // reached keys would scan LISTS (about 0.8 s for 2k keys against 60 ms here).
        const rows = await store.read<{ keys: string[] | null }>(
          `${g.match}${traverse('x')} WITH DISTINCT x MATCH (x)<-[:LISTS]-(d:Document) WHERE $kind IS NULL OR d.kind = $kind RETURN collect(DISTINCT d.key) AS keys`,
          { ...g.params, kind }, options);
        rows.forEach((r) => (r.keys ?? []).forEach((k) => keys.add(k)));
      }
      return [...keys].sort();
    },
  };

  /**
   * Paths from the depths already known: a node at depth n has a neighbour (towards the start)
   * at depth n − 1; one batched one-hop read per level and label finds it. Returning paths from
   * the recursive join instead costs 90–300 ms in Kuzu whatever their number.
   */
  async function parentWalk(wanted: GraphRef[]): Promise<Map<string, Explanation>> {
    const parent = new Map<string, { id: string; rel: string }>();
    const towardsStart = spec.direction === 'in' ? `-[r:${spec.rels}]->` : `<-[r:${spec.rels}]-`;
    let level = wanted.filter((w) => (depths.get(refId(w))?.depth ?? 0) > 0);
    // Keys by depth and label: the candidates of a level, bound with their label (an unlabelled
    // `y.key IN $list` in Kuzu 0.11 misses nodes of some tables).
    const atDepth = new Map<number, Map<string, string[]>>();
    for (const n of depths.values()) {
      const byL = atDepth.get(n.depth) ?? new Map<string, string[]>();
      byL.set(n.label, [...(byL.get(n.label) ?? []), n.key]);
      atDepth.set(n.depth, byL);
    }
    const rank = (rel: string): number => spec.rels.split('|').indexOf(rel);
    while (level.length > 0) {
      const next: GraphRef[] = [];
      const groups = new Map<string, { label: string; depth: number; keys: string[] }>();
      for (const n of level) {
        const depth = depths.get(refId(n))!.depth;
        const g = groups.get(`${depth}\u0000${n.label}`) ?? { label: n.label, depth, keys: [] };
        g.keys.push(n.key);
        groups.set(`${depth}\u0000${n.label}`, g);
      }
      for (const { label, depth, keys } of groups.values()) {
        const bind = keys.length === 1 ? `MATCH (x:${label} {key: $k})` : `MATCH (x:${label}) WHERE x.key IN $keys`;
        const neighbours = new Map<string, Array<[string, string, string]>>();
        // Only neighbours one level closer to the start qualify; filtering them in the query keeps a
        // popular package's thousands of other in-edges out of the result.
        for (const [closerLabel, closer] of atDepth.get(depth - 1) ?? []) {
          const rows = await store.read<{ key: string; next: Array<[string, string, string]> }>(
            `${bind} MATCH (x)${towardsStart}(y:${closerLabel}) WHERE y.key IN $closer ` +
            `RETURN x.key AS key, collect([y.key, '${closerLabel}', ${d.relType('r')}]) AS next`,
            { ...(keys.length === 1 ? { k: keys[0] } : { keys }), closer }, options);
          for (const r of rows) neighbours.set(r.key, [...(neighbours.get(r.key) ?? []), ...r.next]);
        }
        for (const r of [...neighbours].map(([key, next]) => ({ key, next }))) {
          const id = refId({ label, key: r.key });
          const candidates = r.next
            .map(([key, l, rel]) => ({ ref: { label: l, key }, rel }))
            .filter((c) => depths.get(refId(c.ref))?.depth === depth - 1)
            .sort((a, b) => rank(a.rel) - rank(b.rel) || byKeyThenLabel(a.ref, b.ref));
          const chosen = candidates[0];
          if (!chosen || parent.has(id)) continue;
          parent.set(id, { id: refId(chosen.ref), rel: chosen.rel });
          if (depth - 1 > 0 && !parent.has(refId(chosen.ref))) next.push(chosen.ref);
        }
      }
      level = dedupe(next);
    }
    const out = new Map<string, Explanation>();
    for (const w of wanted) {
      const path = [w.key];
      const via: string[] = [];
      let id = refId(w);
      let step = parent.get(id);
      while (step) {
        path.unshift(depths.get(step.id)?.key ?? step.id.split('\u0000')[1]!);
        via.unshift(step.rel);
        id = step.id;
        step = parent.get(id);
      }
      if (startIds.has(id)) out.set(refId(w), { path, via });
    }
    return out;
  }
}

// ---------------------------------------------------------------------------

function dedupe(refs: GraphRef[]): GraphRef[] {
  const seen = new Map<string, GraphRef>();
  for (const r of refs) seen.set(refId(r), { label: r.label, key: r.key });
  return [...seen.values()];
}

/** The distinct keys of `refs`, by label. */
export function keysByLabel(refs: GraphRef[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of refs) {
    let keys = m.get(r.label);
    if (!keys) m.set(r.label, (keys = []));
    if (!keys.includes(r.key)) keys.push(r.key);
  }
  return m;
}

function byKeyThenLabel(a: GraphRef, b: GraphRef): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}
