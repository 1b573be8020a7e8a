/**
 * Turns an OntologyBatch into column-ordered row groups, one per node label and
 * one per (edge type, from label, to label): the unit both engines write with a
 * single parameterised UNWIND/COPY statement.
 */
import { NODE_PROPERTIES, type NodeLabel } from '../../schema/ontology/nodes.js';
import { EDGE_SPECS, type EdgeType } from '../../schema/ontology/edges.js';
import type { OntologyBatch, PropertyValue } from '../../schema/ontology/batch.js';

export type Row = Record<string, PropertyValue>;

export interface NodeRowGroup {
  label: NodeLabel;
  rows: Row[];
}

export interface EdgeRowGroup {
  type: EdgeType;
  fromLabel: NodeLabel;
  toLabel: NodeLabel;
  /** Each row: `from`, `to` (endpoint keys) and the edge's properties incl. `doc`. */
  rows: Row[];
}

export function nodeRowGroups(batch: OntologyBatch): NodeRowGroup[] {
  const groups = new Map<NodeLabel, Row[]>();
  for (const n of batch.nodes) {
    const row: Row = {};
    const source = n.props as unknown as Record<string, PropertyValue | undefined>;
    for (const p of NODE_PROPERTIES[n.label]) row[p.name] = source[p.name] ?? null;
    let rows = groups.get(n.label);
    if (!rows) groups.set(n.label, (rows = []));
    rows.push(row);
  }
  // Sorted keys make concurrent Neo4j writers lock nodes in the same order (fewer deadlocks).
  return [...groups].map(([label, rows]) => ({ label, rows: rows.sort((a, b) => compareKeys(a.key, b.key)) }));
}

export function edgeRowGroups(batch: OntologyBatch): EdgeRowGroup[] {
  const groups = new Map<string, EdgeRowGroup>();
  for (const e of batch.edges) {
    const id = `${e.type}\u0000${e.from.label}\u0000${e.to.label}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { type: e.type, fromLabel: e.from.label, toLabel: e.to.label, rows: [] }));
    const row: Row = { from: e.from.key, to: e.to.key };
    for (const p of edgePropertyNames(e.type)) row[p] = e.props[p] ?? null;
    g.rows.push(row);
  }
  return [...groups.values()];
}

/** Edge columns in table order: the spec's properties, then `doc`, then those added by later migrations. */
export function edgePropertyNames(type: EdgeType): string[] {
  const s = EDGE_SPECS[type];
  return [...s.properties.map((p) => p.name), 'doc', ...s.laterProperties.map((p) => p.name)];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function compareKeys(a: PropertyValue, b: PropertyValue): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
