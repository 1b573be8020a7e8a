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
import { modelSignatures, type SignatureFact } from './models.js';
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
  const depth = boundedDepth(args.maxDepth, MAX_TRAVERSAL_DEPTH);
  const d = store.dialect;
  const best = new Map<string, { model: ModelNode; depth: number; path: string[]; via: string[] }>();
  const consider = (model: ModelNode, hops: number, path: string[], via: string[]): void => {
    const prev = best.get(model.key);
    if (!prev || hops < prev.depth) best.set(model.key, { model, depth: hops, path, via });
  };
  const byLabel = new Map<string, string[]>();
  for (const t of targets) byLabel.set(t.label, [...(byLabel.get(t.label) ?? []), t.key]);
  for (const [label, keys] of byLabel) {
    // The target may itself be a model (a base model, say): it counts at depth 0.
    if (label === 'Model') {
      const own = await store.read<Record<string, unknown>>(`UNWIND $keys AS k MATCH (m:Model {key: k}) RETURN ${project('m', 'Model')}`, { keys }, options);
      own.forEach((r) => { const m = withNulls<ModelNode>('Model', r); consider(m, 0, [m.key], []); });
    }
    // Bound by parameter, one start node at a time (see reachableComponents: UNWIND-fed recursion is slow in Kuzu).
    for (const key of keys) {
      const reach = await store.read<Record<string, unknown>>(
        `MATCH (s:${label} {key: $k}) ${d.shortestPathsFrom('p', 's', MODEL_COMPOSITION_RELS, 'in', depth, 'm', 'Model')} ` +
        `RETURN ${project('m', 'Model')}, ${d.pathLength('p')} AS depth, ${d.pathNodeKeys('p')} AS path, ${d.pathRelTypes('p')} AS via`,
        { k: key }, options);
      for (const r of reach) consider(withNulls<ModelNode>('Model', r), Number(r.depth), (r.path as string[]).slice().reverse(), (r.via as string[]).slice().reverse());
    }
    // Models described by an SBOM that lists the target (ML-BOM metadata component = the model).
    const described = await store.read<Record<string, unknown>>(
      `UNWIND $keys AS k MATCH (s:${label} {key: k})<-[:LISTS]-(doc:Document)-[:DESCRIBES]->(m:Model) RETURN ${project('m', 'Model')}, doc.key AS doc, s.key AS target`,
      { keys }, options);
    for (const r of described) {
      const m = withNulls<ModelNode>('Model', r);
      consider(m, 2, [m.key, String(r.doc), String(r.target)], ['DESCRIBED_BY', 'LISTS']);
    }
  }
  const out: ModelReach[] = [];
  for (const reach of best.values()) {
    const signatures = await modelSignatures(store, reach.model.key, options);
    const ok = signatures.some((s) => s.signature.trust === 'TRUSTED' || (args.trust === 'ANY_VALID' && s.signature.trust === 'UNTRUSTED'));
    if (ok) out.push({ ...reach, signatures });
  }
  return out.sort((a, b) => a.depth - b.depth || (a.model.key < b.model.key ? -1 : 1));
}
