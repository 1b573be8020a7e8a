// 0003: further identities of a component and OpenSSF Scorecard runs (docs/ontology.md).
// Cpe nodes (IDENTIFIED_BY from components, AFFECTS_CPE from advisories), SAME_AS between PackageVersions, Scorecard
// nodes (HAS_SCORECARD from SourceRepository) and DESCRIBES.derived need no schema in
// Neo4j beyond the identity constraints and the lookup advisories' CPEs make:
// vendor + product, the part of a CPE name that matching binds first.
CREATE CONSTRAINT cpe_key IF NOT EXISTS FOR (n:Cpe) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT scorecard_key IF NOT EXISTS FOR (n:Scorecard) REQUIRE n.key IS UNIQUE;
CREATE INDEX cpe_vendor_product IF NOT EXISTS FOR (n:Cpe) ON (n.vendor, n.product);
