/**
 * "Which signed models depend on X?": models whose composition reaches X —
 * through SBOM components (DEPENDS_ON/CONTAINS), training/test datasets
 * (USES_DATASET), base models (DERIVED_FROM), files and digests
 * (HAS_FILE/HAS_DIGEST) — or whose describing SBOM lists X; each with one
 * shortest explaining path and its signatures.
 */
import { boundedDepth } from '../dialect.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { MAX_TRAVERSAL_DEPTH, type NodeHandle } from './components.js';
import { signaturesOfModels, type SignatureFact } from './models.js';
import { reach, refId } from './reach.js';
import type { ModelNode } from '../../../schema/ontology/nodes.js';
import { project, withNulls } from './projection.js';

export const MODEL_COMPOSITION_RELS = 'DEPENDS_ON|CONTAINS|USES_DATASET|DERIVED_FROM|HAS_FILE|HAS_DIGEST';

export interface ModelReach {
  model: ModelNode;
  depth: number;
  path: string[];
  via: string[];
  signatures: SignatureFact[];
}

export type TrustFilter = 'TRUSTED' | 'ANY_VALID';

export async function signedModelsDependingOn(store: GraphStore, targets: NodeHandle[], args: { trust: TrustFilter; maxDepth: number }, options?: ReadOptions): Promise<ModelReach[]> {
  const maxDepth = boundedDepth(args.maxDepth, MAX_TRAVERSAL_DEPTH);
  const best = new Map<string, { depth: number; path: string[]; via: string[] }>();
  const consider = (modelKey: string, hops: number, path: string[], via: string[]): void => {
    const prev = best.get(modelKey);
    if (!prev || hops < prev.depth) best.set(modelKey, { depth: hops, path, via });
  };
  // The target may itself be a model (a base model, say): it counts at depth 0.
  for (const t of targets) if (t.label === 'Model') consider(t.key, 0, [t.key], []);
  const r = await reach(store, targets, { rels: MODEL_COMPOSITION_RELS, direction: 'in', maxDepth, targetLabels: ['Model'] }, options);
  const paths = await r.explain(r.nodes);
  for (const n of r.nodes) {
    const e = paths.get(refId(n));
    // Reported from the model towards X.
    consider(n.key, n.depth, (e?.path ?? []).slice().reverse(), (e?.via ?? []).slice().reverse());
  }
  // Models described by an SBOM that lists the target (ML-BOM metadata component = the model).
  for (const [label, keys] of groupByLabel(targets)) {
    const described = await store.read<{ model: string; doc: string; target: string }>(
      `UNWIND $keys AS k MATCH (s:${label} {key: k})<-[:LISTS]-(doc:Document)-[:DESCRIBES]->(m:Model) RETURN DISTINCT m.key AS model, doc.key AS doc, s.key AS target`,
      { keys }, options);
    for (const x of described) consider(x.model, 2, [x.model, x.doc, x.target], ['DESCRIBED_BY', 'LISTS']);
  }
  if (best.size === 0) return [];
  const keys = [...best.keys()];
  const models = await store.read<Record<string, unknown>>(`UNWIND $keys AS k MATCH (m:Model {key: k}) RETURN ${project('m', 'Model')}`, { keys }, options);
  const signatures = await signaturesOfModels(store, keys, options);
  const out: ModelReach[] = [];
  for (const row of models) {
    const model = withNulls<ModelNode>('Model', row);
    const sigs = signatures.get(model.key) ?? [];
    const ok = sigs.some((s) => s.signature.trust === 'TRUSTED' || (args.trust === 'ANY_VALID' && s.signature.trust === 'UNTRUSTED'));
    if (ok) out.push({ model, ...best.get(model.key)!, signatures: sigs });
  }
  return out.sort((a, b) => a.depth - b.depth || (a.model.key < b.model.key ? -1 : 1));
}

function groupByLabel(handles: NodeHandle[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const h of handles) m.set(h.label, [...new Set([...(m.get(h.label) ?? []), h.key])]);
  return m;
}
