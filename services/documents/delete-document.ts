/**
 * Deleting a document (DELETE /api/v1/documents/:id, the `deleteDocument`
 * mutation, `supplygraph documents delete`, and the `delete` replace policy):
 * the graph retracts exactly what the document asserted (GraphStore.deleteDocument),
 * the matches that depended on it are derived again from what is left, and the
 * stored upload is released unless another document record still names it.
 */
import type { BlobStore } from '../blobstore/blob-store.js';
import type { GraphStore } from '../graph/store.js';
import type { Logger } from '../log/logger.js';
import { rematchAdvisories } from '../worker/match-vulnerabilities.js';
import { DocumentLifecycleError } from './errors.js';
import { restoreCurrentAdvisoryProperties } from './current-advisory.js';
import type { DocumentLog } from '../recovery/document-log.js';
import { documentsNamingBlob } from '../graph/queries/document-records.js';

export interface DeleteDocumentDependencies {
  store: GraphStore;
  blobs: BlobStore;
  log?: Logger;
  /** For re-reading an advisory's older version (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES). */
  limits?: { maxDecompressedBytes: number };
  /** The embedded store's document log: a deleted document must not come back when the store is rebuilt. */
  documentLog?: DocumentLog | null;
}

export interface DeletedDocument {
  id: string;
  kind: string | null;
  nodesDeleted: number;
  edgesDeleted: number;
  /** Vulnerability matches removed / added because the advisories they came from changed. */
  matchesRemoved: number;
  matchesAdded: number;
  /** The blob that was released, or null when it was kept (still referenced, or already gone). */
  blobDeleted: string | null;
}

export async function deleteDocument(deps: DeleteDocumentDependencies, key: string, options: { keepBlob?: boolean } = {}): Promise<DeletedDocument> {
  const { store, blobs, log } = deps;
  // Logged first: after a crash the embedded store is rebuilt from the log, so the intent must be there before anything is removed.
  await deps.documentLog?.append({ op: 'deleted', documentKey: key, at: new Date().toISOString() });
  const r = await store.deleteDocument(key);
  if (r.status === 'not-found') throw new DocumentLifecycleError('DOCUMENT_NOT_FOUND', `no document ${key} (already deleted, or never ingested)`);
  // Properties first: a withdrawn older version must keep no matches.
  await restoreCurrentAdvisoryProperties(store, blobs, r.advisoriesListed, deps.limits);
  const rematch = await rematchAdvisories(store, r.advisoriesToRematch, log);
  let blobDeleted: string | null = null;
  // The blob holds the upload as sent; the document id is the digest of its expanded bytes, which
  // coincide for an uncompressed upload. Either is released once no document record names it.
  for (const digest of new Set([r.blobDigest, key].filter((d): d is string => !!d))) {
    if (options.keepBlob) break;
    if ((await documentsNamingBlob(store, digest)) > 0) continue;
    if (await blobs.delete(digest)) blobDeleted = digest;
  }
  log?.info({ document: key, kind: r.kind, nodesDeleted: r.nodesDeleted, edgesDeleted: r.edgesDeleted, matchesRemoved: rematch.edgesRemoved, matchesAdded: rematch.edgesAdded, blobDeleted }, 'document deleted');
  return { id: key, kind: r.kind, nodesDeleted: r.nodesDeleted, edgesDeleted: r.edgesDeleted, matchesRemoved: rematch.edgesRemoved, matchesAdded: rematch.edgesAdded, blobDeleted };
}
