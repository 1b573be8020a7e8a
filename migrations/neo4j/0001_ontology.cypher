// 0001: the whole ontology (schema/ontology/*.ts, docs/ontology.md).
// One uniqueness constraint per label on its identity key (this also gives the
// index every MATCH/MERGE by key uses), plus indexes for the lookups the API makes.
CREATE CONSTRAINT package_key IF NOT EXISTS FOR (n:Package) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT package_version_key IF NOT EXISTS FOR (n:PackageVersion) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT artifact_key IF NOT EXISTS FOR (n:Artifact) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT model_key IF NOT EXISTS FOR (n:Model) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT dataset_key IF NOT EXISTS FOR (n:Dataset) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT source_repository_key IF NOT EXISTS FOR (n:SourceRepository) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT builder_key IF NOT EXISTS FOR (n:Builder) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT document_key IF NOT EXISTS FOR (n:Document) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT vulnerability_key IF NOT EXISTS FOR (n:Vulnerability) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT advisory_key IF NOT EXISTS FOR (n:Advisory) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT vex_statement_key IF NOT EXISTS FOR (n:VexStatement) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT signature_key IF NOT EXISTS FOR (n:Signature) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT signer_identity_key IF NOT EXISTS FOR (n:SignerIdentity) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT license_key IF NOT EXISTS FOR (n:License) REQUIRE n.key IS UNIQUE;
CREATE INDEX package_version_plain_purl IF NOT EXISTS FOR (n:PackageVersion) ON (n.plainPurl);
CREATE INDEX package_version_name IF NOT EXISTS FOR (n:PackageVersion) ON (n.name);
CREATE INDEX model_name IF NOT EXISTS FOR (n:Model) ON (n.name);
CREATE INDEX dataset_name IF NOT EXISTS FOR (n:Dataset) ON (n.name);
CREATE INDEX document_kind IF NOT EXISTS FOR (n:Document) ON (n.kind);
// Retracting or repairing one document's facts finds its edges by `doc`.
CREATE INDEX lists_doc IF NOT EXISTS FOR ()-[r:LISTS]-() ON (r.doc);
CREATE INDEX depends_on_doc IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() ON (r.doc);
CREATE INDEX contains_doc IF NOT EXISTS FOR ()-[r:CONTAINS]-() ON (r.doc);
CREATE INDEX affects_doc IF NOT EXISTS FOR ()-[r:AFFECTS]-() ON (r.doc);
CREATE INDEX affects_package_doc IF NOT EXISTS FOR ()-[r:AFFECTS_PACKAGE]-() ON (r.doc);
