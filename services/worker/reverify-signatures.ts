/**
 * When the trust configuration changes, signatures already in the graph are
 * verified again from their stored bytes, so "signed" in queries always means
 * "trusted by the configuration in force now": a newly trusted key promotes its
 * signatures to TRUSTED, a removed one demotes them to UNTRUSTED.
 * Only the trust verdict changes; what a signature asserts (model, files) was
 * recorded for any cryptographically valid signature already.
 */
import type { BlobStore } from '../blobstore/blob-store.js';
import type { GraphStore } from '../graph/store.js';
import type { Logger } from '../log/logger.js';
import { verifyModelSignature, type TrustPolicy } from '../../ingestors/oms/verify/index.js';

export interface ReverifyResult {
  checked: number;
  changed: number;
  unreadable: number;
}

export async function reverifySignatures(store: GraphStore, blobs: BlobStore, policy: TrustPolicy, log?: Logger): Promise<ReverifyResult> {
  const rows = await store.read<{ sig: string; sha256: string; trust: string }>(
    "MATCH (d:Document)-[:LISTS]->(s:Signature) WHERE d.format = 'oms-signature' AND s.trust <> 'INVALID' RETURN s.key AS sig, d.sha256 AS sha256, s.trust AS trust");
  const result: ReverifyResult = { checked: 0, changed: 0, unreadable: 0 };
  for (const row of rows) {
    let bytes: Buffer;
    try {
      // Signatures are small JSON and are stored as uploaded, so the document digest is the blob digest.
      bytes = await blobs.get(`sha256:${row.sha256}`);
    } catch {
      result.unreadable += 1;
      continue;
    }
    result.checked += 1;
    const v = await verifyModelSignature(bytes, policy);
    if (v.trust === row.trust || v.trust === 'INVALID') continue;
    await store.write([{
      cypher: 'MATCH (s:Signature {key: $k}) SET s.trust = $trust, s.reasonCode = $code, s.reason = $reason, s.verifiedAt = $at',
      params: { k: row.sig, trust: v.trust, code: v.reasonCode, reason: v.reason, at: v.verifiedAt },
    }]);
    result.changed += 1;
    log?.info({ signature: row.sig, from: row.trust, to: v.trust }, 'signature trust re-evaluated');
  }
  return result;
}
