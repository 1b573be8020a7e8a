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
import { keysByLabel, reach, refId } from './reach.js';
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
  const candidates = new Map<string, Explained[]>();
  const consider = (modelKey: string, hops: number, path: string[], via: string[]): void => {
    candidates.set(modelKey, [...(candidates.get(modelKey) ?? []), { depth: hops, path, via }]);
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
  for (const [label, keys] of keysByLabel(targets)) {
    const described = await store.read<{ model: string; doc: string; target: string }>(
      `UNWIND $keys AS k MATCH (s:${label} {key: k})<-[:LISTS]-(doc:Document)-[:DESCRIBES]->(m:Model) RETURN DISTINCT m.key AS model, doc.key AS doc, s.key AS target`,
      { keys }, options);
    for (const x of described) consider(x.model, 2, [x.model, x.doc, x.target], ['DESCRIBED_BY', 'LISTS']);
  }
  if (candidates.size === 0) return [];
  const keys = [...candidates.keys()];
  const models = await store.read<Record<string, unknown>>(`UNWIND $keys AS k MATCH (m:Model {key: k}) RETURN ${project('m', 'Model')}`, { keys }, options);
  const signatures = await signaturesOfModels(store, [...new Set([...keys, ...[...candidates.values()].flat().flatMap(fileClaims).map((h) => h.model)])], options);
  const qualifies = (s: SignatureFact): boolean => s.signature.trust === 'TRUSTED' || (args.trust === 'ANY_VALID' && s.signature.trust === 'UNTRUSTED');
  const vouched = await claimsVouchedFor(store, [...candidates.values()].flat().flatMap(fileClaims), signatures, qualifies, options);
  const out: ModelReach[] = [];
  for (const row of models) {
    const model = withNulls<ModelNode>('Model', row);
    const sigs = signatures.get(model.key) ?? [];
    if (!sigs.some(qualifies)) continue;
    // The shortest explanation whose file and digest claims a qualifying signature (or a document
    // that is not a signature) makes: an untrusted manifest proves nothing.
    const best = (candidates.get(model.key) ?? [])
      .filter((c) => fileClaims(c).every((h) => vouched.has(claimId(h))))
      .sort((x, y) => x.depth - y.depth)[0];
    if (best) out.push({ model, ...best, signatures: sigs });
  }
  return out.sort((a, b) => a.depth - b.depth || (a.model.key < b.model.key ? -1 : 1));
}

interface Explained {
  depth: number;
  path: string[];
  via: string[];
}

interface FileClaim {
  model: string;
  artifact: string;
}

const claimId = (h: FileClaim): string => `${h.model}\u0000${h.artifact}`;

/** The HAS_FILE / HAS_DIGEST hops of an explaining path (model → artifact): what a signature manifest claims. */
function fileClaims(e: Explained): FileClaim[] {
  const out: FileClaim[] = [];
  e.via.forEach((rel, i) => {
    if ((rel === 'HAS_FILE' || rel === 'HAS_DIGEST') && e.path[i + 1] !== undefined) out.push({ model: e.path[i]!, artifact: e.path[i + 1]! });
  });
  return out;
}

/**
 * The claims (model → artifact edges) that count: asserted by at least one document that is not
 * a signature over that model (an SBOM's hashes, say), or by a signature that qualifies. A hop
 * whose source is not a model asserts no signature claim and always counts.
 */
async function claimsVouchedFor(store: GraphStore, claims: FileClaim[], signatures: Map<string, SignatureFact[]>, qualifies: (s: SignatureFact) => boolean, options?: ReadOptions): Promise<Set<string>> {
  const unique = [...new Map(claims.map((c) => [claimId(c), c])).values()];
  const out = new Set<string>();
  if (unique.length === 0) return out;
  const asserted = new Map<string, string[]>();
  for (const c of unique) {
    // Few claims per answer (one per explaining path at most), each bound by its two keys.
    const rows = await store.read<{ docs: string[] }>(
      'MATCH (m:Model {key: $m})-[r:HAS_FILE|HAS_DIGEST]->(a:Artifact {key: $a}) RETURN collect(DISTINCT r.doc) AS docs', { m: c.model, a: c.artifact }, options);
    asserted.set(claimId(c), rows[0]?.docs ?? []);
  }
  for (const c of unique) {
    const docs = asserted.get(claimId(c)) ?? [];
    if (docs.length === 0) { out.add(claimId(c)); continue; }
    const bySignatureDoc = new Map((signatures.get(c.model) ?? []).map((s) => [s.document, s]));
    if (docs.some((d) => { const s = bySignatureDoc.get(d); return s === undefined || qualifies(s); })) out.add(claimId(c));
  }
  return out;
}
