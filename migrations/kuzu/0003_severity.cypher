// 0003: severities (docs/ontology.md#severity, docs/severity.md): one Severity node per
// CVSS vector or vendor rating an advisory gives a vulnerability,
// Advisory -[:HAS_SEVERITY]-> Severity -[:RATES]-> Vulnerability.
CREATE NODE TABLE IF NOT EXISTS Severity(key STRING PRIMARY KEY, vulnerability STRING, source STRING, version STRING, vector STRING, baseScore DOUBLE, baseSeverity STRING, rating STRING, scoreComputed BOOLEAN, package STRING);
CREATE REL TABLE IF NOT EXISTS HAS_SEVERITY(FROM Advisory TO Severity, doc STRING);
CREATE REL TABLE IF NOT EXISTS RATES(FROM Severity TO Vulnerability, doc STRING);
