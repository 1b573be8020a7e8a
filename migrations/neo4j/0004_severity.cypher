// 0004: severities (docs/ontology.md#severity, docs/severity.md). Severity nodes need their
// identity constraint; HAS_SEVERITY and RATES need no schema in Neo4j.
CREATE CONSTRAINT severity_key IF NOT EXISTS FOR (n:Severity) REQUIRE n.key IS UNIQUE;
