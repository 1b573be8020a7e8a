/**
 * Models: lookup by purl, name or digest, and what the graph knows about one —
 * files, signatures with their verification outcome and signer, datasets, base
 * models — each fact with the document that asserted it.
 */
import type { ModelNode, SignatureNode, SignerIdentityNode } from '../../../schema/ontology/nodes.js';
import { artifactKey, modelKey } from '../../../schema/identity/keys.js';
import { tryParsePurl, formatPurl } from '../../../schema/identity/purl.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { QueryInputError } from './components.js';
import { project, withNulls } from './projection.js';

export async function findModels(store: GraphStore, by: { purl?: string | null; name?: string | null; digest?: string | null }, options?: ReadOptions): Promise<ModelNode[]> {
  const keys = new Set<string>();
  if (by.purl) {
    const r = tryParsePurl(by.purl, { lenient: true });
    if (!r.ok) throw new QueryInputError('BAD_PURL', `"${by.purl}" is not a valid purl: ${r.error.message}`);
    keys.add(formatPurl({ ...r.purl, subpath: null }));
  }
  if (by.name) {
    keys.add(modelKey({ name: by.name }));
    const rows = await store.read<{ key: string }>('MATCH (m:Model) WHERE m.name = $name RETURN m.key AS key', { name: by.name }, options);
    rows.forEach((r) => keys.add(r.key));
  }
  if (by.digest) {
    const [alg, hex] = by.digest.includes(':') ? by.digest.split(':', 2) as [string, string] : ['sha256', by.digest];
    const key = artifactKey(alg, hex);
    if (!key) throw new QueryInputError('BAD_ARGUMENT', `"${by.digest}" is not an algorithm:hex digest`);
    const rows = await store.read<{ key: string }>(
      'MATCH (m:Model)-[:HAS_DIGEST|HAS_FILE]->(a:Artifact {key: $k}) RETURN DISTINCT m.key AS key', { k: key }, options);
    rows.forEach((r) => keys.add(r.key));
  }
  if (keys.size === 0) return [];
  const rows = await store.read<Record<string, unknown>>(`UNWIND $keys AS k MATCH (m:Model {key: k}) RETURN ${project('m', 'Model')}`, { keys: [...keys] }, options);
  return rows.map((r) => withNulls<ModelNode>('Model', r)).sort((a, b) => (a.key < b.key ? -1 : 1));
}

export interface ModelFileFact {
  path: string;
  digest: string;
  document: string;
}

export async function modelFiles(store: GraphStore, modelKeyValue: string, options?: ReadOptions): Promise<ModelFileFact[]> {
  const rows = await store.read<{ path: string; digest: string; doc: string }>(
    'MATCH (m:Model {key: $k})-[r:HAS_FILE]->(a:Artifact) RETURN r.path AS path, a.key AS digest, r.doc AS doc ORDER BY path, doc',
    { k: modelKeyValue }, options);
  return rows.map((r) => ({ path: r.path, digest: r.digest, document: r.doc }));
}

export interface SignatureFact {
  signature: SignatureNode;
  signer: SignerIdentityNode | null;
  document: string;
}

/** Signatures over the model, and over its root digest (where an INVALID signature's claim is kept). */
export async function modelSignatures(store: GraphStore, modelKeyValue: string, options?: ReadOptions): Promise<SignatureFact[]> {
  return (await signaturesOfModels(store, [modelKeyValue], options)).get(modelKeyValue) ?? [];
}

/** modelSignatures for many models with three reads in all, whatever their number. */
export async function signaturesOfModels(store: GraphStore, modelKeys: string[], options?: ReadOptions): Promise<Map<string, SignatureFact[]>> {
  const keys = [...new Set(modelKeys)];
  const out = new Map<string, SignatureFact[]>();
  if (keys.length === 0) return out;
  // One key binds by equality (the key index on both engines); several go through UNWIND.
  const [bind, params] = keys.length === 1 ? ['MATCH (m:Model {key: $k})', { k: keys[0] }] : ['UNWIND $keys AS k MATCH (m:Model {key: k})', { keys }];
  const direct = await store.read<Record<string, unknown>>(
    `${bind}<-[r:SIGNS]-(s:Signature) RETURN m.key AS model, ${project('s', 'Signature', 's_')}, r.doc AS doc`, params, options);
  const viaDigest = await store.read<Record<string, unknown>>(
    `${bind}-[:HAS_DIGEST]->(a:Artifact)<-[r:SIGNS]-(s:Signature) RETURN m.key AS model, ${project('s', 'Signature', 's_')}, r.doc AS doc`, params, options);
  // A signature over the same content that names another model (another release with identical
  // files) is that model's signature, not this one's; one that names no model, or only a model
  // known by nothing but its content, speaks for every model with that root digest.
  const viaKeys = [...new Set(viaDigest.map((r) => String(r.s_key)))];
  const namesOther = new Map<string, string[]>();
  if (viaKeys.length > 0) {
    const signed = await store.read<{ sig: string; model: string }>(
      'UNWIND $keys AS k MATCH (s:Signature {key: k})-[:SIGNS]->(o:Model) RETURN s.key AS sig, o.key AS model', { keys: viaKeys }, options);
    for (const r of signed) if (!r.model.startsWith('model:digest:')) namesOther.set(r.sig, [...(namesOther.get(r.sig) ?? []), r.model]);
  }
  const speaksFor = (row: Record<string, unknown>): boolean => {
    const named = namesOther.get(String(row.s_key));
    return named === undefined || named.includes(String(row.model));
  };
  const perModel = new Map<string, Map<string, SignatureFact>>();
  const facts = new Map<string, SignatureFact[]>();
  for (const row of [...direct, ...viaDigest.filter(speaksFor)]) {
    const signature = withNulls<SignatureNode>('Signature', row, 's_');
    const model = String(row.model);
    const byKey = perModel.get(model) ?? new Map<string, SignatureFact>();
    perModel.set(model, byKey);
    if (byKey.has(signature.key)) continue;
    const fact: SignatureFact = { signature, signer: null, document: String(row.doc) };
    byKey.set(signature.key, fact);
    facts.set(signature.key, [...(facts.get(signature.key) ?? []), fact]);
  }
  if (facts.size > 0) {
    const signers = await store.read<Record<string, unknown>>(
      `UNWIND $keys AS k MATCH (s:Signature {key: k})-[:SIGNED_BY]->(i:SignerIdentity) RETURN s.key AS sig, ${project('i', 'SignerIdentity', 'i_')}`, { keys: [...facts.keys()] }, options);
    for (const r of signers) {
      const signer = withNulls<SignerIdentityNode>('SignerIdentity', r, 'i_');
      for (const fact of facts.get(String(r.sig)) ?? []) fact.signer = signer;
    }
  }
  for (const [model, byKey] of perModel) out.set(model, [...byKey.values()].sort((a, b) => (a.signature.verifiedAt < b.signature.verifiedAt ? -1 : 1)));
  return out;
}

export interface ModelRelationFact {
  key: string;
  label: 'Model' | 'Dataset';
  name: string | null;
  relation: string | null;
  document: string;
}

export async function modelDatasets(store: GraphStore, modelKeyValue: string, options?: ReadOptions): Promise<ModelRelationFact[]> {
  const rows = await store.read<{ key: string; name: string | null; purpose: string | null; doc: string }>(
    'MATCH (m:Model {key: $k})-[r:USES_DATASET]->(d:Dataset) RETURN d.key AS key, d.name AS name, r.purpose AS purpose, r.doc AS doc ORDER BY key',
    { k: modelKeyValue }, options);
  return rows.map((r) => ({ key: r.key, label: 'Dataset', name: r.name ?? null, relation: r.purpose ?? null, document: r.doc }));
}

export async function modelAncestors(store: GraphStore, modelKeyValue: string, options?: ReadOptions): Promise<ModelRelationFact[]> {
  const rows = await store.read<{ key: string; name: string | null; relation: string | null; doc: string }>(
    'MATCH (m:Model {key: $k})-[r:DERIVED_FROM]->(b:Model) RETURN b.key AS key, b.name AS name, r.relation AS relation, r.doc AS doc ORDER BY key',
    { k: modelKeyValue }, options);
  return rows.map((r) => ({ key: r.key, label: 'Model', name: r.name ?? null, relation: r.relation ?? null, document: r.doc }));
}
