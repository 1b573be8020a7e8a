/**
 * Signatures whose trust verdict was made under another trust policy than the
 * one in force (services/worker/reverify-signatures.ts).
 */
import type { GraphStore } from '../store.js';

export interface StaleSignatureRow {
  sig: string;
  doc: string;
  sha256: string;
  trust: string;
}

/** Not INVALID, judged under a policy digest other than `policyDigest` (or none recorded). */
export async function staleSignatures(store: GraphStore, policyDigest: string): Promise<StaleSignatureRow[]> {
  return store.read<StaleSignatureRow>(
    // From the (few) signatures, not from every document: this runs at every worker start.
    `MATCH (s:Signature) WHERE s.trust <> 'INVALID' AND (s.trustDigest IS NULL OR s.trustDigest <> $digest)
     MATCH (d:Document)-[:LISTS]->(s) WHERE d.format = 'oms-signature'
     RETURN s.key AS sig, d.key AS doc, d.sha256 AS sha256, s.trust AS trust`,
    { digest: policyDigest });
}
