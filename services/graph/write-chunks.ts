/**
 * How a large document's rows are split across write transactions. Nodes come
 * before edges (an edge needs both endpoints present), so a chunk holds nodes
 * of one or more labels, or edges of one or more groups, at most `maxRows` rows
 * each. Both engines write a chunk in one transaction; the document stays in
 * state `writing` until the last chunk is in (see each engine's writer).
 */
import type { EdgeRowGroup, NodeRowGroup } from './rows.js';

export interface WriteChunk {
  nodes: NodeRowGroup[];
  edges: EdgeRowGroup[];
}

/** Whether a document of this many node and edge rows is written in chunks rather than in one transaction. */
export function needsChunks(rows: number, maxRows: number): boolean {
  return rows > maxRows;
}

export function* writeChunks(nodes: readonly NodeRowGroup[], edges: readonly EdgeRowGroup[], maxRows: number): Generator<WriteChunk> {
  let current: WriteChunk = { nodes: [], edges: [] };
  let size = 0;
  const take = function* (rows: number): Generator<WriteChunk> {
    size += rows;
    if (size >= maxRows) {
      yield current;
      current = { nodes: [], edges: [] };
      size = 0;
    }
  };
  for (const g of nodes) {
    for (let i = 0; i < g.rows.length;) {
      const n = Math.min(maxRows - size, g.rows.length - i);
      current.nodes.push({ label: g.label, rows: g.rows.slice(i, i + n) });
      i += n;
      yield* take(n);
    }
  }
  for (const g of edges) {
    for (let i = 0; i < g.rows.length;) {
      const n = Math.min(maxRows - size, g.rows.length - i);
      current.edges.push({ type: g.type, fromLabel: g.fromLabel, toLabel: g.toLabel, rows: g.rows.slice(i, i + n) });
      i += n;
      yield* take(n);
    }
  }
  if (size > 0) yield current;
}
