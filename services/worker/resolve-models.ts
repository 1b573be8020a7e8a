/**
 * Identity resolution that needs the graph, kept out of parsers (which are
 * pure) and out of the writer (which knows no formats): a model that a
 * signature names only by its content is the model already in the graph with
 * the same root digest, or with exactly the same files. The batch is rewritten
 * to that model's key before it is written.
 *
 * Content is not identity: two releases of a model can have identical files. A
 * model that carries a name (`model:<name>`, from the upload's meta.name, the
 * signature's subject or an SBOM) therefore joins only a model of the same name;
 * only a model known by nothing but its digest (`model:digest:…`) joins whatever
 * model has that content (docs/ontology.md, "Model").
 */
import type { EdgeRecord, NodeRecord, OntologyBatch } from '../../schema/ontology/batch.js';
import type { GraphStore } from '../graph/store.js';
import { modelsWithDigest, modelsWithFiles, type ModelCandidate as Candidate } from '../graph/queries/model-identity.js';

export async function resolveContentIdentifiedModels(store: GraphStore, batch: OntologyBatch): Promise<OntologyBatch> {
  const renames = new Map<string, string>();
  for (const n of batch.nodes) {
    if (n.label !== 'Model' || !n.props.synthetic) continue;
    const digests = batch.edges.filter((e) => e.from.label === 'Model' && e.from.key === n.props.key && e.type === 'HAS_DIGEST').map((e) => e.to.key);
    const files = batch.edges.filter((e) => e.from.label === 'Model' && e.from.key === n.props.key && e.type === 'HAS_FILE').map((e) => e.to.key);
    const name = n.props.key.startsWith(CONTENT_ONLY_PREFIX) ? null : n.props.name;
    const match = await findModel(store, n.props.key, name, digests, files);
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

const CONTENT_ONLY_PREFIX = 'model:digest:';

/** `name` null: the model has no name of its own, any model with its content will do. */
async function findModel(store: GraphStore, ownKey: string, name: string | null, digests: string[], files: string[]): Promise<string | null> {
  const named = (rows: Candidate[]): Candidate[] => (name === null ? rows : rows.filter((r) => r.name === name));
  // Prefer a model with a real identity (purl) over another content-identified one.
  if (digests.length > 0) {
    const rows = await modelsWithDigest(store, digests);
    const best = pick(named(rows), ownKey);
    if (best) return best;
  }
  if (files.length > 0) {
    const rows = await modelsWithFiles(store, files);
    return pick(named(rows.filter((r) => Number(r.c) === new Set(files).size)), ownKey);
  }
  return null;
}

function pick(rows: Candidate[], ownKey: string): string | null {
  const others = rows.filter((r) => r.key !== ownKey);
  const named = others.filter((r) => r.synthetic === false).sort((a, b) => (a.key < b.key ? -1 : 1));
  if (named[0]) return named[0].key;
  return others.sort((a, b) => (a.key < b.key ? -1 : 1))[0]?.key ?? null;
}
