/**
 * The few places where Kuzu's and Neo4j's Cypher differ. Queries are written
 * once in services/graph/queries/ and call these for the differing fragments.
 */
export interface CypherDialect {
  readonly engine: 'kuzu' | 'neo4j';
  /** Expression for the single label of node variable `v`. */
  label(v: string): string;
  /** Expression for the type of relationship variable `r`. */
  relType(r: string): string;
  /**
   * A MATCH clause binding path `p` to paths from the bound node `from` to every
   * node `to` reachable through `rels` (e.g. `DEPENDS_ON|CONTAINS`) in `direction`,
   * 1..maxDepth hops. Only for statements that aggregate per `to` (DISTINCT `to`,
   * min(length(p))): Kuzu binds one shortest path per node; Neo4j binds every path
   * but plans the aggregation as a pruning breadth-first expand, which is fast only
   * as long as nothing else of `p` is used.
   */
  reachablePaths(p: string, from: string, rels: string, direction: 'out' | 'in', maxDepth: number, to: string): string;
  /** Expression for the list of node keys along path `p`. */
  pathNodeKeys(p: string): string;
  /** Expression for the list of node labels along path `p`. */
  pathNodeLabels(p: string): string;
  /** Expression for the list of relationship types along path `p`. */
  pathRelTypes(p: string): string;
  /** Expression for the number of hops of path `p`. */
  pathLength(p: string): string;
  /** A MATCH binding `p` to one shortest path between bound `a` and `b`, in either direction. */
  shortestPathBetween(p: string, a: string, b: string, rels: string, maxLength: number): string;
}

/** Depth bounds are inlined into var-length patterns (neither engine takes them as parameters). */
export function boundedDepth(depth: number, max: number): number {
  if (!Number.isInteger(depth) || depth < 1) return 1;
  return Math.min(depth, max);
}

/** Relationship types a `path` query may follow by default: composition, lineage, provenance, signing, vulnerability. */
export const PATH_RELS = ['DEPENDS_ON', 'CONTAINS', 'USES_DATASET', 'DERIVED_FROM', 'HAS_FILE', 'HAS_DIGEST', 'HAS_VERSION', 'BUILT_BY', 'BUILT_FROM', 'HAS_SOURCE', 'SIGNS', 'SIGNED_BY', 'AFFECTS', 'ALIAS_OF', 'DESCRIBES', 'LISTS'] as const;
