/**
 * Provenance of an artifact, package version or model: who signed it (and
 * whether we trust them), who built it from what, its source, and the SBOMs
 * describing or listing it — every fact with the document that asserted it.
 */
import type { SignatureNode, SignerIdentityNode } from '../../../schema/ontology/nodes.js';
import type { GraphStore, ReadOptions } from '../store.js';
import type { NodeHandle } from './components.js';
import { project, withNulls } from './projection.js';

export interface BuildFact { builder: string; buildType: string | null; invocationId: string | null; document: string }
export interface MaterialFact { kind: 'Artifact' | 'SourceRepository'; key: string; uri: string | null; revision: string | null; document: string }
export interface SourceFact { repository: string; revision: string | null; document: string }
export interface SignatureOnTarget { signature: SignatureNode; signer: SignerIdentityNode | null; document: string }
export interface DocumentMention { document: string; relation: 'DESCRIBES' | 'LISTS' }

export interface Provenance {
  target: NodeHandle;
  signatures: SignatureOnTarget[];
  builds: BuildFact[];
  materials: MaterialFact[];
  sources: SourceFact[];
  documents: DocumentMention[];
  /** Artifacts that are this component's content (its digests), each with its own provenance facts folded in above. */
  digests: string[];
}

/** Every list comes back in key order, so the same graph always gives the same answer. */
export async function provenanceOf(store: GraphStore, target: NodeHandle, options?: ReadOptions): Promise<Provenance> {
  const L = target.label;
  const p = { k: target.key };
  // A package version or model is built/signed through its content: include its digests' facts.
  const digests = L === 'Artifact' ? [] : (await store.read<{ key: string }>(`MATCH (n:${L} {key: $k})-[:HAS_DIGEST]->(a:Artifact) RETURN DISTINCT a.key AS key ORDER BY key`, p, options)).map((r) => r.key);
  const subjects: NodeHandle[] = [target, ...digests.map((key) => ({ label: 'Artifact' as const, key }))];
  const out: Provenance = { target, signatures: [], builds: [], materials: [], sources: [], documents: [], digests };
  for (const s of subjects) {
    const q = { k: s.key };
    const sigs = await store.read<Record<string, unknown>>(
      `MATCH (sig:Signature)-[r:SIGNS]->(n:${s.label} {key: $k}) RETURN ${project('sig', 'Signature', 's_')}, r.doc AS doc ORDER BY s_key, doc`, q, options);
    for (const r of sigs) {
      const signature = withNulls<SignatureNode>('Signature', r, 's_');
      if (out.signatures.some((x) => x.signature.key === signature.key)) continue;
      const signer = await store.read<Record<string, unknown>>(`MATCH (sig:Signature {key: $k})-[:SIGNED_BY]->(i:SignerIdentity) RETURN ${project('i', 'SignerIdentity', 'i_')}`, { k: signature.key }, options);
      out.signatures.push({ signature, signer: signer[0] ? withNulls<SignerIdentityNode>('SignerIdentity', signer[0], 'i_') : null, document: String(r.doc) });
    }
    const builds = await store.read<{ builder: string; buildType: string | null; invocationId: string | null; doc: string }>(
      `MATCH (n:${s.label} {key: $k})-[r:BUILT_BY]->(b:Builder) RETURN b.key AS builder, r.buildType AS buildType, r.invocationId AS invocationId, r.doc AS doc ORDER BY builder, doc`, q, options);
    out.builds.push(...builds.map((b) => ({ builder: b.builder, buildType: b.buildType ?? null, invocationId: b.invocationId ?? null, document: b.doc })));
    for (const kind of ['Artifact', 'SourceRepository'] as const) {
      const mats = await store.read<{ key: string; uri: string | null; revision: string | null; doc: string }>(
        `MATCH (n:${s.label} {key: $k})-[r:BUILT_FROM]->(m:${kind}) RETURN m.key AS key, r.uri AS uri, r.revision AS revision, r.doc AS doc ORDER BY key, doc`, q, options);
      out.materials.push(...mats.map((m) => ({ kind, key: m.key, uri: m.uri ?? null, revision: m.revision ?? null, document: m.doc })));
    }
    const sources = await store.read<{ repo: string; revision: string | null; doc: string }>(
      `MATCH (n:${s.label} {key: $k})-[r:HAS_SOURCE]->(s:SourceRepository) RETURN s.key AS repo, r.revision AS revision, r.doc AS doc ORDER BY repo, doc`, q, options);
    out.sources.push(...sources.map((x) => ({ repository: x.repo, revision: x.revision ?? null, document: x.doc })));
    for (const relation of ['DESCRIBES', 'LISTS'] as const) {
      const docs = await store.read<{ doc: string }>(`MATCH (d:Document)-[:${relation}]->(n:${s.label} {key: $k}) RETURN DISTINCT d.key AS doc ORDER BY doc`, q, options);
      for (const d of docs) if (!out.documents.some((x) => x.document === d.doc && x.relation === relation)) out.documents.push({ document: d.doc, relation });
    }
  }
  return out;
}
