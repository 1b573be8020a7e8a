/**
 * A stored signature's verdict rewritten after re-verification under the trust
 * policy in force (services/worker/reverify-signatures.ts): the Signature's
 * verdict and signing time, the Document's `createdAt`, the signer node and the
 * SIGNED_BY edge, in one transaction.
 */
import type { SignatureNode, SignerIdentityNode } from '../../../schema/ontology/nodes.js';
import type { GraphStore, QueryParams } from '../store.js';

type Statement = { cypher: string; params?: QueryParams };

/** `name = $param`, or `name = NULL` for a null value (Kuzu cannot type a null parameter). */
function assign(target: string, name: string, value: unknown, params: QueryParams): string {
  if (value === null || value === undefined) return `${target}.${name} = NULL`;
  params[name] = value as QueryParams[string];
  return `${target}.${name} = $${name}`;
}

export interface SignatureVerdict {
  signature: SignatureNode;
  signer: SignerIdentityNode | null;
  /** The document's verified signing time. */
  createdAt: string | null;
}

export async function rewriteSignatureVerdict(store: GraphStore, signatureKey: string, documentKey: string, verdict: SignatureVerdict): Promise<void> {
  const sig = verdict.signature;
  const sigParams: QueryParams = { k: signatureKey };
  const sets = (['trust', 'reasonCode', 'reason', 'signedAt', 'verifiedAt', 'trustDigest'] as const).map((p) => assign('s', p, sig[p], sigParams));
  const statements: Statement[] = [
    { cypher: `MATCH (s:Signature {key: $k}) SET ${sets.join(', ')}`, params: sigParams },
    { cypher: 'MATCH (s:Signature {key: $k})-[r:SIGNED_BY]->(:SignerIdentity) DELETE r', params: { k: signatureKey } },
  ];
  const docParams: QueryParams = { d: documentKey };
  statements.push({ cypher: `MATCH (d:Document {key: $d}) SET ${assign('d', 'createdAt', verdict.createdAt, docParams)}`, params: docParams });

  const signer = verdict.signer;
  if (signer) {
    const idParams: QueryParams = { ik: signer.key };
    const idSets = (['kind', 'keyFingerprint', 'subject', 'san', 'issuer'] as const).map((p) => assign('i', p, signer[p], idParams));
    statements.push(
      { cypher: 'MERGE (i:SignerIdentity {key: $ik})', params: { ik: signer.key } },
      { cypher: `MATCH (i:SignerIdentity {key: $ik}) SET ${idSets.join(', ')}`, params: idParams },
      {
        cypher: 'MATCH (s:Signature {key: $k}), (i:SignerIdentity {key: $ik}) CREATE (s)-[:SIGNED_BY {doc: $doc}]->(i)',
        params: { k: signatureKey, ik: signer.key, doc: documentKey },
      },
    );
  }
  await store.write(statements);
}
