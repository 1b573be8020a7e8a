/**
 * Identity resolution that needs the graph, kept out of parsers (which are
 * pure) and out of the writer (which knows no formats): a model that a
 * signature names only by its content is the model already in the graph with
 * the same root digest, or with exactly the same files. The batch is rewritten
 * to that model's key before it is written.
 */
import type { EdgeRecord, NodeRecord, OntologyBatch } from '../../schema/ontology/batch.js';
import type { GraphStore } from '../graph/store.js';

export async function resolveContentIdentifiedModels(store: GraphStore, batch: OntologyBatch): Promise<OntologyBatch> {
  const renames = new Map<string, string>();
  for (const n of batch.nodes) {
    if (n.label !== 'Model' || !n.props.synthetic) continue;
    const digests = batch.edges.filter((e) => e.from.label === 'Model' && e.from.key === n.props.key && e.type === 'HAS_DIGEST').map((e) => e.to.key);
    const files = batch.edges.filter((e) => e.from.label === 'Model' && e.from.key === n.props.key && e.type === 'HAS_FILE').map((e) => e.to.key);
    const match = await findModel(store, n.props.key, digests, files);
    if (match) renames.set(n.props.key, match);
  }
  if (renames.size === 0) return batch;
  const rename = (key: string): string => renames.get(key) ?? key;
  const nodes: NodeRecord[] = [];
  const seen = new Set<string>();
  for (const n of batch.nodes) {
    const key = n.label === 'Model' ? rename(n.props.key) : n.props.key;
    if (seen.has(`${n.label}\u0000${key}`)) continue;
    seen.add(`${n.label}\u0000${key}`);
    // The existing node keeps its own properties (first writer wins); only the key matters here.
    nodes.push(n.label === 'Model' && key !== n.props.key ? { label: 'Model', props: { ...n.props, key } } : n);
  }
  const edges: EdgeRecord[] = batch.edges.map((e) => ({
    ...e,
    from: e.from.label === 'Model' ? { label: 'Model', key: rename(e.from.key) } : e.from,
    to: e.to.label === 'Model' ? { label: 'Model', key: rename(e.to.key) } : e.to,
  }));
  return { ...batch, nodes, edges };
}

async function findModel(store: GraphStore, ownKey: string, digests: string[], files: string[]): Promise<string | null> {
  // Prefer a model with a real identity (purl) over another content-identified one.
  if (digests.length > 0) {
    const rows = await store.read<{ key: string; synthetic: boolean | null }>(
      'UNWIND $digests AS d MATCH (m:Model)-[:HAS_DIGEST]->(a:Artifact {key: d}) RETURN DISTINCT m.key AS key, m.synthetic AS synthetic',
      { digests });
    const best = pick(rows, ownKey);
    if (best) return best;
  }
  if (files.length > 0) {
    const rows = await store.read<{ key: string; synthetic: boolean | null; c: number }>(
      'UNWIND $files AS f MATCH (m:Model)-[:HAS_FILE]->(a:Artifact {key: f}) WITH m, count(DISTINCT a) AS c RETURN m.key AS key, m.synthetic AS synthetic, c',
      { files });
    return pick(rows.filter((r) => Number(r.c) === new Set(files).size), ownKey);
  }
  return null;
}

function pick(rows: Array<{ key: string; synthetic: boolean | null }>, ownKey: string): string | null {
  const others = rows.filter((r) => r.key !== ownKey);
  const named = others.filter((r) => r.synthetic === false).sort((a, b) => (a.key < b.key ? -1 : 1));
  if (named[0]) return named[0].key;
  return others.sort((a, b) => (a.key < b.key ? -1 : 1))[0]?.key ?? null;
}
