/**
 * Signatures already in the graph are verified again, from their stored bytes,
 * whenever the trust policy they were judged with is not the one in force: at
 * start-up (a server started with another trust file, or none, than the one
 * the stored verdicts were made with) and when the trust file changes while
 * running. "Signed" in queries therefore always means "trusted by the
 * configuration in force now".
 *
 * Each Signature node records the digest of the policy its verdict was made
 * with (`trustDigest`); a signature whose digest differs (or is missing, for
 * rows stored before it existed) is stale. Re-evaluation runs the same parser
 * a fresh ingest runs and writes what it produced: the verdict (trust,
 * reasonCode, reason, verifiedAt), the verified signing time (Signature
 * `signedAt`, Document `createdAt`), the signer node's properties (a key's
 * configured name is the policy's) and the SIGNED_BY edge. What a signature
 * asserts (model, files) was recorded for any cryptographically valid
 * signature already and does not depend on trust.
 *
 * A signature that would now be INVALID (a v1.1 bundle naming its key only by
 * hint, and a configured key with that hint that does not verify it) keeps its
 * stored verdict and facts, and is logged: retracting the facts of a document
 * is not something re-evaluation does.
 */
import type { BlobStore } from '../blobstore/blob-store.js';
import type { GraphStore } from '../graph/store.js';
import { staleSignatures } from '../graph/queries/stale-signatures.js';
import { rewriteSignatureVerdict } from '../graph/derived/signature-trust.js';
import type { Logger } from '../log/logger.js';
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import type { SignatureNode, SignerIdentityNode } from '../../schema/ontology/nodes.js';
import { trustPolicyDigest, type TrustPolicy } from '../../verify/index.js';
import { parseOmsSignature } from '../../ingestors/oms/parse.js';

export interface ReverifyResult {
  /** Stored signatures whose verdict was made with another policy. */
  stale: number;
  /** Of those, re-evaluated and rewritten. */
  checked: number;
  /** Of those checked, whose trust status changed. */
  changed: number;
  /** Stale signatures whose stored bytes could not be read. */
  unreadable: number;
  /** Stale signatures that would now be INVALID (left as they were). */
  nowInvalid: number;
}

function signatureOf(batch: OntologyBatch): SignatureNode {
  for (const n of batch.nodes) if (n.label === 'Signature') return n.props;
  throw new Error(`the re-parsed signature document ${batch.document.key} has no Signature node`);
}

function signerOf(batch: OntologyBatch): SignerIdentityNode | null {
  for (const n of batch.nodes) if (n.label === 'SignerIdentity') return n.props;
  return null;
}

export async function reverifySignatures(store: GraphStore, blobs: BlobStore, policy: TrustPolicy, log?: Logger): Promise<ReverifyResult> {
  const digest = trustPolicyDigest(policy);
  const rows = await staleSignatures(store, digest);
  const result: ReverifyResult = { stale: rows.length, checked: 0, changed: 0, unreadable: 0, nowInvalid: 0 };
  for (const row of rows) {
    let bytes: Buffer;
    try {
      // Signatures are small JSON and are stored as uploaded, so the document digest is the blob digest.
      bytes = await blobs.get(`sha256:${row.sha256}`);
    } catch {
      result.unreadable += 1;
      continue;
    }
    const batch = await parseOmsSignature({
      bytes, sha256: row.sha256, json: null, text: null, options: {}, ingestedAt: new Date().toISOString(), context: { trustPolicy: policy },
    });
    const trust = signatureOf(batch).trust;
    if (trust === 'INVALID') {
      result.nowInvalid += 1;
      log?.warn({ signature: row.sig, from: row.trust }, 'signature would now be INVALID under the trust policy in force; its stored verdict is kept');
      continue;
    }
    await rewriteSignatureVerdict(store, row.sig, row.doc, { signature: signatureOf(batch), signer: signerOf(batch), createdAt: batch.document.createdAt });
    result.checked += 1;
    if (trust !== row.trust) {
      result.changed += 1;
      log?.info({ signature: row.sig, from: row.trust, to: trust }, 'signature trust re-evaluated');
    }
  }
  return result;
}
