import type { DocumentState } from '../../../schema/ontology/nodes.js';
import type { GraphStore } from '../store.js';

/** What recovery needs of every stored document: how far it got, and how to process it again. */
export interface StoredDocumentRecord {
  key: string;
  state: DocumentState;
  blobDigest: string | null;
  ingestOptions: string | null;
  byteSize: number;
  name: string | null;
  ingestedAt: string;
  /** The document's labels (JSON object), or null. */
  labels: string | null;
}

/** Every Document node, oldest ingest first (one read: start-up only). */
export async function storedDocumentRecords(store: GraphStore): Promise<StoredDocumentRecord[]> {
  const rows = await store.read<Record<string, unknown>>(
    'MATCH (d:Document) RETURN d.key AS key, d.state AS state, d.blobDigest AS blobDigest, d.ingestOptions AS ingestOptions, d.byteSize AS byteSize, d.name AS name, d.ingestedAt AS ingestedAt, d.labels AS labels ORDER BY ingestedAt, key');
  return rows.map((r) => ({
    key: String(r.key),
    state: r.state as DocumentState,
    blobDigest: (r.blobDigest as string | null) ?? null,
    ingestOptions: (r.ingestOptions as string | null) ?? null,
    byteSize: Number(r.byteSize ?? 0),
    name: (r.name as string | null) ?? null,
    ingestedAt: String(r.ingestedAt),
    labels: (r.labels as string | null) ?? null,
  }));
}

/** Document records that name `digest` as their stored upload or their own id (a blob is released only at 0). */
export async function documentsNamingBlob(store: GraphStore, digest: string): Promise<number> {
  const rows = await store.read<{ c: number }>('MATCH (d:Document) WHERE d.blobDigest = $b OR d.key = $b RETURN count(d) AS c', { b: digest });
  return Number(rows[0]?.c ?? 0);
}
