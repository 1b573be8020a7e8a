import { NODE_PROPERTIES, type NodeLabel } from '../../../schema/ontology/nodes.js';

/** `v.key AS key, v.name AS name, …` for every column of `label`. */
export function project(v: string, label: NodeLabel, prefix = ''): string {
  return NODE_PROPERTIES[label].map((p) => `${v}.${p.name} AS ${prefix}${p.name}`).join(', ');
}

/** Neo4j drops null properties and Kuzu returns null: give both the same shape. */
export function withNulls<T>(label: NodeLabel, row: Record<string, unknown>, prefix = ''): T {
  const out: Record<string, unknown> = {};
  for (const p of NODE_PROPERTIES[label]) out[p.name] = row[`${prefix}${p.name}`] ?? null;
  return out as T;
}
