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
}

/** Every Document node, oldest ingest first (one read: start-up only). */
export async function storedDocumentRecords(store: GraphStore): Promise<StoredDocumentRecord[]> {
  const rows = await store.read<Record<string, unknown>>(
    'MATCH (d:Document) RETURN d.key AS key, d.state AS state, d.blobDigest AS blobDigest, d.ingestOptions AS ingestOptions, d.byteSize AS byteSize, d.name AS name, d.ingestedAt AS ingestedAt ORDER BY ingestedAt, key');
  return rows.map((r) => ({
    key: String(r.key),
    state: r.state as DocumentState,
    blobDigest: (r.blobDigest as string | null) ?? null,
    ingestOptions: (r.ingestOptions as string | null) ?? null,
    byteSize: Number(r.byteSize ?? 0),
    name: (r.name as string | null) ?? null,
    ingestedAt: String(r.ingestedAt),
  }));
}
