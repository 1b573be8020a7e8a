// 0003: document lifecycle (issue #15). labels: the document's labels as a JSON
// object of strings, set at upload or later; supersededBy: the key of the newer
// version of the same SBOM (docs/ontology.md#document). Both are metadata about
// the stored copy, not facts a document asserts, so `supplygraph check` ignores them.
ALTER TABLE Document ADD IF NOT EXISTS labels STRING;
ALTER TABLE Document ADD IF NOT EXISTS supersededBy STRING;
