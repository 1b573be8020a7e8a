/**
 * Whole-graph reads for `supplygraph check`: every node of a label and every
 * edge of a type, with all their properties, as plain rows both engines return
 * alike (null for an absent property). Only the integrity check reads this much.
 */
import { EDGE_SPECS, type EdgeType } from '../../../schema/ontology/edges.js';
import { NODE_PROPERTIES, type NodeLabel } from '../../../schema/ontology/nodes.js';
import type { PropertyValue } from '../../../schema/ontology/batch.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { project, withNulls } from './projection.js';

export interface StoredNode {
  label: NodeLabel;
  props: Record<string, PropertyValue>;
}

export interface StoredEdge {
  type: EdgeType;
  fromLabel: string;
  fromKey: string;
  toLabel: string;
  toKey: string;
  /** The spec's properties, then `doc`. */
  props: Record<string, PropertyValue>;
}

export async function allNodes(store: GraphStore, label: NodeLabel, options?: ReadOptions): Promise<StoredNode[]> {
  const rows = await store.read<Record<string, unknown>>(`MATCH (n:${label}) RETURN ${project('n', label)}`, {}, options);
  return rows.map((r) => ({ label, props: normalise(withNulls<Record<string, unknown>>(label, r)) }));
}

export async function allEdges(store: GraphStore, type: EdgeType, options?: ReadOptions): Promise<StoredEdge[]> {
  const d = store.dialect;
  const names = edgeColumns(type);
  const rows = await store.read<Record<string, unknown>>(
    `MATCH (a)-[r:${type}]->(b) RETURN ${d.label('a')} AS fromLabel, a.key AS fromKey, ${d.label('b')} AS toLabel, b.key AS toKey` +
    names.map((n) => `, r.${n} AS p_${n}`).join(''), {}, options);
  return rows.map((r) => ({
    type,
    fromLabel: String(r.fromLabel),
    fromKey: String(r.fromKey),
    toLabel: String(r.toLabel),
    toKey: String(r.toKey),
    props: normalise(Object.fromEntries(names.map((n) => [n, r[`p_${n}`]]))),
  }));
}

/** Every stored column of an edge type: the spec's properties, `doc`, then properties added by later migrations. */
export function edgeColumns(type: EdgeType): string[] {
  return [...EDGE_SPECS[type].properties.map((p) => p.name), 'doc', ...EDGE_SPECS[type].laterProperties.map((p) => p.name)];
}

/** One value shape for both drivers: null for absent, numbers for integers. */
export function normalise(row: Record<string, unknown>): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v === undefined || v === null ? null : typeof v === 'bigint' ? Number(v) : (v as PropertyValue);
  }
  return out;
}

export function nodeColumns(label: NodeLabel): string[] {
  return NODE_PROPERTIES[label].map((p) => p.name);
}

/** Keys of the models a document lists. */
export async function modelsListedBy(store: GraphStore, documentKey: string): Promise<string[]> {
  return (await store.read<{ key: string }>('MATCH (d:Document {key: $k})-[:LISTS]->(m:Model) RETURN m.key AS key', { k: documentKey })).map((r) => r.key);
}
