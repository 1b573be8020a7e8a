/**
 * AFFECTS edges (Vulnerability → PackageVersion), the graph fact vulnerability
 * matching derives after a document is written (services/worker/match-vulnerabilities.ts).
 */
import type { AdvisoryNode } from '../../../schema/ontology/nodes.js';
import type { GraphStore, QueryParams } from '../store.js';

export interface AffectsRow {
  from: string;
  to: string;
  advisory: string;
  reason: string;
  /** The advisory document the matched rule came from. */
  doc: string;
}

// MERGE, not CREATE: two jobs may match the same document at once (a duplicate upload finishing a
// document another job is still matching); inside the write transaction the edge is made once.
const AFFECTS_MERGE = 'UNWIND $rows AS r MATCH (v:Vulnerability {key: r.from}) MATCH (p:PackageVersion {key: r.to}) MERGE (v)-[:AFFECTS {advisory: r.advisory, reason: r.reason, doc: r.doc}]->(p)';

/**
 * In one transaction: the advisory's current version speaks for it (its facts
 * replace the previous version's), and its AFFECTS edges become exactly `rows`.
 */
export async function replaceAdvisoryAffects(store: GraphStore, advisory: AdvisoryNode, rows: AffectsRow[]): Promise<void> {
  const statements: Array<{ cypher: string; params?: QueryParams }> = [
    { cypher: 'MATCH (a:Advisory {key: $k}) SET a.title = $title, a.modified = $modified, a.withdrawn = $withdrawn, a.severity = $severity, a.published = $published', params: { k: advisory.key, title: advisory.title, modified: advisory.modified, withdrawn: advisory.withdrawn, severity: advisory.severity, published: advisory.published } },
    { cypher: 'MATCH ()-[r:AFFECTS]->() WHERE r.advisory = $a DELETE r', params: { a: advisory.key } },
  ];
  if (rows.length > 0) statements.push({ cypher: AFFECTS_MERGE, params: { rows } });
  await store.write(statements);
}

/** The advisory's AFFECTS edges become exactly `rows` (its properties untouched): matches derived again after a deletion. */
export async function setAffectsOfAdvisory(store: GraphStore, advisoryKey: string, rows: AffectsRow[]): Promise<void> {
  const statements: Array<{ cypher: string; params?: QueryParams }> = [{ cypher: 'MATCH ()-[r:AFFECTS]->() WHERE r.advisory = $a DELETE r', params: { a: advisoryKey } }];
  if (rows.length > 0) statements.push({ cypher: AFFECTS_MERGE, params: { rows } });
  await store.write(statements);
}

export async function addAffects(store: GraphStore, rows: AffectsRow[]): Promise<void> {
  if (rows.length > 0) await store.write([{ cypher: AFFECTS_MERGE, params: { rows } }]);
}
