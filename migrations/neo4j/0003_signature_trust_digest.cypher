// 0003: Signature.trustDigest, the digest of the trust policy a stored verdict
// was made with (docs/ontology.md). Neo4j stores properties without a schema,
// so there is nothing to create: nodes written before this migration simply
// lack the property, which counts as stale, and start-up re-verifies them
// (services/worker/reverify-signatures.ts). Kept as a numbered file so both
// engines record the same ontology change.
