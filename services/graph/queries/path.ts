/** One shortest connection between two things in the graph, over chosen edge kinds. */
import { boundedDepth, PATH_RELS } from '../dialect.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { QueryInputError } from './components.js';

/** A node by label and key; labels come from the ontology, never from user input. */
export interface GraphRef {
  label: string;
  key: string;
}

export interface GraphPath {
  nodes: Array<{ key: string; label: string }>;
  edges: string[];
  length: number;
}

export const MAX_PATH_LENGTH = 12;

export async function shortestPath(store: GraphStore, from: GraphRef[], to: GraphRef[], args: { maxLength: number; via: string[] | null }, options?: ReadOptions): Promise<GraphPath | null> {
  const allowed = new Set<string>(PATH_RELS);
  const via = args.via && args.via.length > 0 ? args.via : [...PATH_RELS];
  for (const v of via) if (!allowed.has(v)) throw new QueryInputError('BAD_ARGUMENT', `"${v}" is not an edge kind a path may follow (${[...PATH_RELS].join(', ')})`);
  const len = boundedDepth(args.maxLength, MAX_PATH_LENGTH);
  const d = store.dialect;
  let best: GraphPath | null = null;
  for (const a of from) {
    for (const b of to) {
      if (a.label === b.label && a.key === b.key) return { nodes: [{ key: a.key, label: a.label }], edges: [], length: 0 };
      const rows = await store.read<{ keys: string[]; labels: string[]; rels: string[]; len: number }>(
        `MATCH (a:${a.label} {key: $a}), (b:${b.label} {key: $b}) ${d.shortestPathBetween('p', 'a', 'b', via.join('|'), len)} ` +
        `RETURN ${d.pathNodeKeys('p')} AS keys, ${d.pathNodeLabels('p')} AS labels, ${d.pathRelTypes('p')} AS rels, ${d.pathLength('p')} AS len LIMIT 1`,
        { a: a.key, b: b.key }, options);
      const r = rows[0];
      if (r && (!best || Number(r.len) < best.length)) {
        best = { nodes: r.keys.map((key, i) => ({ key, label: r.labels[i] ?? '' })), edges: r.rels, length: Number(r.len) };
      }
    }
  }
  return best;
}
