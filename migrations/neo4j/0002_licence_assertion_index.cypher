// 0002: an index on the asserting document of DECLARES_LICENSE edges.
// Every document asserts its own licence edge per component, so a popular
// component carries hundreds of them; the licence summary of an SBOM
// (`Sbom.licenses`, services/graph/queries/lookups.ts) filters them by `doc`.
// Measured on the bench:query graph (docs/performance.md): 174 ms without the
// index (every edge of the SBOM's 1,145 components expanded), 8 ms with it
// (DirectedRelationshipIndexSeek joined to the SBOM's listing).
// Kuzu has no relationship indexes; there the same query expands from the SBOM.
CREATE INDEX declares_license_doc IF NOT EXISTS FOR ()-[r:DECLARES_LICENSE]-() ON (r.doc);
