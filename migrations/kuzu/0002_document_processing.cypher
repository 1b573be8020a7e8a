// 0002: per-document processing record (issue: no half-done documents; `supplygraph check`).
// blobDigest: the stored upload the document came from; ingestOptions: what it was parsed with.
ALTER TABLE Document ADD IF NOT EXISTS blobDigest STRING;
ALTER TABLE Document ADD IF NOT EXISTS ingestOptions STRING;
