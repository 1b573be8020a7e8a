/**
 * Replacing an SBOM by a newer version. Two SBOMs are versions of the same thing
 * when both have the same document name and DESCRIBE the same subject (the same
 * component node: purl, model or artifact key); an SBOM without a name or a
 * subject is never replaced. The newest version is the one with the latest
 * `createdAt` (the document's own timestamp), then the latest ingest, then the
 * larger key, so the outcome does not depend on upload order.
 *
 * Policy (SUPPLYGRAPH_SUPERSEDED_SBOMS): `keep` marks every older version
 * `supersededBy` the newest; `delete` deletes them through the same path as
 * DELETE /api/v1/documents/:id.
 */
import type { GraphStore } from '../graph/store.js';
import { deleteDocument, type DeleteDocumentDependencies } from './delete-document.js';
import { DocumentLifecycleError } from './errors.js';

export type SupersedePolicy = 'keep' | 'delete';

interface Version {
  key: string;
  createdAt: string | null;
  ingestedAt: string | null;
  supersededBy: string | null;
}

/** The versions of the SBOM `key` belongs to (itself included), newest first; [] when it has no name or subject. */
export async function sbomVersions(store: GraphStore, key: string): Promise<Version[]> {
  const rows = await store.read<Version>(
    `MATCH (d:Document {key: $k})-[s:DESCRIBES]->(subject) WHERE d.kind = 'sbom' AND d.name IS NOT NULL AND s.doc = $k
     MATCH (o:Document)-[os:DESCRIBES]->(subject) WHERE o.kind = 'sbom' AND o.name = d.name AND os.doc = o.key
     RETURN DISTINCT o.key AS key, o.createdAt AS createdAt, o.ingestedAt AS ingestedAt, o.supersededBy AS supersededBy`, { k: key });
  return rows.sort((a, b) => cmp(b.createdAt ?? '', a.createdAt ?? '') || cmp(b.ingestedAt ?? '', a.ingestedAt ?? '') || cmp(b.key, a.key));
}

/** Applies the policy to the versions of the SBOM that was just ingested; returns the keys superseded or deleted. */
export async function supersedeOlderVersions(deps: DeleteDocumentDependencies, key: string, policy: SupersedePolicy): Promise<string[]> {
  const versions = await sbomVersions(deps.store, key);
  if (versions.length < 2) return [];
  const [newest, ...older] = versions as [Version, ...Version[]];
  const changed: string[] = [];
  if (policy === 'keep') {
    const stale = older.filter((v) => v.supersededBy !== newest.key).map((v) => v.key);
    const statements: Array<{ cypher: string; params: Record<string, unknown> }> = [{ cypher: 'UNWIND $keys AS k MATCH (d:Document {key: k}) SET d.supersededBy = $newest', params: { keys: stale, newest: newest.key } }];
    // A version that was newest until now, or an older one arriving late, may have been marked before.
    statements.push({ cypher: 'MATCH (d:Document {key: $newest}) SET d.supersededBy = NULL', params: { newest: newest.key } });
    await deps.store.write(statements);
    changed.push(...stale);
  } else {
    for (const v of older) {
      try {
        await deleteDocument(deps, v.key);
        changed.push(v.key);
      } catch (err) {
        // Another worker replacing the same SBOM got there first.
        if (!(err instanceof DocumentLifecycleError && err.code === 'DOCUMENT_NOT_FOUND')) throw err;
      }
    }
  }
  deps.log?.info({ document: key, newest: newest.key, policy, versions: changed }, 'older SBOM versions superseded');
  return changed;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
