// 0004: document lifecycle (issue #15): Document.labels (JSON object of strings)
// and Document.supersededBy (key of the newer version of the same SBOM). Neo4j
// stores properties without a schema; only the lookup by supersededBy gets an index.
CREATE INDEX document_superseded_by IF NOT EXISTS FOR (d:Document) ON (d.supersededBy);
