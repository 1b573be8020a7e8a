// 0001: the whole ontology (schema/ontology/*.ts, docs/ontology.md).
// Generated once from the ontology types; later changes go in new numbered files.

CREATE NODE TABLE IF NOT EXISTS Package(key STRING PRIMARY KEY, purl STRING, type STRING, namespace STRING, name STRING);
CREATE NODE TABLE IF NOT EXISTS PackageVersion(key STRING PRIMARY KEY, purl STRING, plainPurl STRING, packageKey STRING, type STRING, namespace STRING, name STRING, version STRING, qualifiers STRING, synthetic BOOLEAN);
CREATE NODE TABLE IF NOT EXISTS Artifact(key STRING PRIMARY KEY, algorithm STRING, digest STRING);
CREATE NODE TABLE IF NOT EXISTS Model(key STRING PRIMARY KEY, name STRING, purl STRING, version STRING, synthetic BOOLEAN);
CREATE NODE TABLE IF NOT EXISTS Dataset(key STRING PRIMARY KEY, name STRING, purl STRING, version STRING, synthetic BOOLEAN);
CREATE NODE TABLE IF NOT EXISTS SourceRepository(key STRING PRIMARY KEY, url STRING);
CREATE NODE TABLE IF NOT EXISTS Builder(key STRING PRIMARY KEY, builderId STRING);
CREATE NODE TABLE IF NOT EXISTS Document(key STRING PRIMARY KEY, sha256 STRING, kind STRING, format STRING, specVersion STRING, name STRING, serialNumber STRING, bomVersion INT64, createdAt STRING, ingestedAt STRING, byteSize INT64, componentCount INT64, warningCount INT64, state STRING);
CREATE NODE TABLE IF NOT EXISTS Vulnerability(key STRING PRIMARY KEY, id STRING);
CREATE NODE TABLE IF NOT EXISTS Advisory(key STRING PRIMARY KEY, source STRING, advisoryId STRING, title STRING, published STRING, modified STRING, withdrawn STRING, severity STRING);
CREATE NODE TABLE IF NOT EXISTS VexStatement(key STRING PRIMARY KEY, status STRING, justification STRING, impactStatement STRING, actionStatement STRING, timestamp STRING);
CREATE NODE TABLE IF NOT EXISTS Signature(key STRING PRIMARY KEY, method STRING, predicateType STRING, formatVersion STRING, trust STRING, reasonCode STRING, reason STRING, signedAt STRING, verifiedAt STRING, rootDigest STRING);
CREATE NODE TABLE IF NOT EXISTS SignerIdentity(key STRING PRIMARY KEY, kind STRING, keyFingerprint STRING, subject STRING, san STRING, issuer STRING);
CREATE NODE TABLE IF NOT EXISTS License(key STRING PRIMARY KEY, spdxId STRING, name STRING, expression BOOLEAN);

CREATE REL TABLE IF NOT EXISTS HAS_VERSION(FROM Package TO PackageVersion, doc STRING);
CREATE REL TABLE IF NOT EXISTS DESCRIBES(FROM Document TO PackageVersion, FROM Document TO Model, FROM Document TO Dataset, FROM Document TO Artifact, doc STRING);
CREATE REL TABLE IF NOT EXISTS LISTS(FROM Document TO PackageVersion, FROM Document TO Model, FROM Document TO Dataset, FROM Document TO Artifact, FROM Document TO Advisory, FROM Document TO VexStatement, FROM Document TO Signature, FROM Document TO SourceRepository, FROM Document TO Builder, FROM Document TO Vulnerability, FROM Document TO License, ref STRING, componentType STRING, scope STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS DEPENDS_ON(FROM PackageVersion TO PackageVersion, FROM PackageVersion TO Model, FROM PackageVersion TO Dataset, FROM Model TO PackageVersion, FROM Model TO Model, FROM Model TO Dataset, FROM Dataset TO PackageVersion, FROM Dataset TO Model, FROM Dataset TO Dataset, scope STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS CONTAINS(FROM PackageVersion TO PackageVersion, FROM PackageVersion TO Model, FROM PackageVersion TO Dataset, FROM PackageVersion TO Artifact, FROM Model TO PackageVersion, FROM Model TO Model, FROM Model TO Dataset, FROM Model TO Artifact, FROM Dataset TO PackageVersion, FROM Dataset TO Model, FROM Dataset TO Dataset, FROM Dataset TO Artifact, FROM Artifact TO PackageVersion, FROM Artifact TO Model, FROM Artifact TO Dataset, FROM Artifact TO Artifact, doc STRING);
CREATE REL TABLE IF NOT EXISTS HAS_DIGEST(FROM PackageVersion TO Artifact, FROM Model TO Artifact, FROM Dataset TO Artifact, doc STRING);
CREATE REL TABLE IF NOT EXISTS HAS_FILE(FROM PackageVersion TO Artifact, FROM Model TO Artifact, FROM Dataset TO Artifact, path STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS DECLARES_LICENSE(FROM PackageVersion TO License, FROM Model TO License, FROM Dataset TO License, kind STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS USES_DATASET(FROM Model TO Dataset, purpose STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS DERIVED_FROM(FROM Model TO Model, FROM Dataset TO Dataset, FROM PackageVersion TO PackageVersion, relation STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS HAS_SOURCE(FROM PackageVersion TO SourceRepository, FROM Model TO SourceRepository, FROM Dataset TO SourceRepository, FROM Artifact TO SourceRepository, revision STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS BUILT_BY(FROM PackageVersion TO Builder, FROM Model TO Builder, FROM Dataset TO Builder, FROM Artifact TO Builder, buildType STRING, invocationId STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS BUILT_FROM(FROM PackageVersion TO Artifact, FROM PackageVersion TO SourceRepository, FROM Model TO Artifact, FROM Model TO SourceRepository, FROM Dataset TO Artifact, FROM Dataset TO SourceRepository, FROM Artifact TO Artifact, FROM Artifact TO SourceRepository, uri STRING, revision STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS SIGNS(FROM Signature TO Model, FROM Signature TO Artifact, FROM Signature TO Dataset, FROM Signature TO PackageVersion, doc STRING);
CREATE REL TABLE IF NOT EXISTS SIGNED_BY(FROM Signature TO SignerIdentity, doc STRING);
CREATE REL TABLE IF NOT EXISTS ALIAS_OF(FROM Vulnerability TO Vulnerability, doc STRING);
CREATE REL TABLE IF NOT EXISTS ADVISES(FROM Advisory TO Vulnerability, doc STRING);
CREATE REL TABLE IF NOT EXISTS AFFECTS_PACKAGE(FROM Advisory TO Package, vulnerability STRING, ecosystem STRING, rule STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS AFFECTS(FROM Vulnerability TO PackageVersion, advisory STRING, reason STRING, doc STRING);
CREATE REL TABLE IF NOT EXISTS VEX_ABOUT(FROM VexStatement TO Vulnerability, doc STRING);
CREATE REL TABLE IF NOT EXISTS VEX_APPLIES_TO(FROM VexStatement TO PackageVersion, FROM VexStatement TO Model, FROM VexStatement TO Dataset, FROM VexStatement TO Artifact, doc STRING);
