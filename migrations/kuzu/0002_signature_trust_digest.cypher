// 0002: Signature.trustDigest, the digest of the trust policy a stored verdict
// was made with (docs/ontology.md). Start-up re-verifies every signature whose
// digest differs from the policy in force (services/worker/reverify-signatures.ts).
// Rows written before this migration get NULL, which counts as stale.
ALTER TABLE Signature ADD IF NOT EXISTS trustDigest STRING;
