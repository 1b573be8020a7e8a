// 0002: further identities of a component and OpenSSF Scorecard runs (docs/ontology.md).
// - Cpe nodes with IDENTIFIED_BY from components: CPE names kept as identities and
//   matched against advisories' AFFECTS_CPE (docs/vulnerabilities.md);
// - SAME_AS between two PackageVersions a document gave for one component;
// - Scorecard nodes, SourceRepository -[:HAS_SCORECARD]-> Scorecard;
// - DESCRIBES.derived: the subject was chosen by supplygraph (SPDX 2 without DESCRIBES).
//   Kuzu appends an added property after `doc` (schema/ontology/edges.ts laterProperties).
CREATE NODE TABLE IF NOT EXISTS Cpe(key STRING PRIMARY KEY, part STRING, vendor STRING, product STRING, version STRING);
CREATE NODE TABLE IF NOT EXISTS Scorecard(key STRING PRIMARY KEY, repository STRING, commit STRING, date STRING, score DOUBLE, scorecardVersion STRING, checks STRING);
CREATE REL TABLE IF NOT EXISTS SAME_AS(FROM PackageVersion TO PackageVersion, doc STRING);
CREATE REL TABLE IF NOT EXISTS IDENTIFIED_BY(FROM PackageVersion TO Cpe, FROM Model TO Cpe, FROM Dataset TO Cpe, doc STRING);
CREATE REL TABLE IF NOT EXISTS HAS_SCORECARD(FROM SourceRepository TO Scorecard, doc STRING);
CREATE REL TABLE IF NOT EXISTS AFFECTS_CPE(FROM Advisory TO Cpe, vulnerability STRING, doc STRING);
ALTER TABLE DESCRIBES ADD IF NOT EXISTS derived BOOLEAN;
