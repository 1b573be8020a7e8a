/**
 * The `Advisory` node carries the properties of the advisory's current version
 * (matching overwrites them when a newer version arrives). When the current
 * version is deleted and an older one stays, that older version speaks for the
 * advisory again: its stored document is parsed again (as `supplygraph check`
 * re-derives it) and its values are written back.
 */
import type { BlobStore } from '../blobstore/blob-store.js';
import type { GraphStore } from '../graph/store.js';
import type { IngestOptions } from '../queue/job-queue.js';
import type { AdvisoryNode } from '../../schema/ontology/nodes.js';
import { decompressDocument } from '../../ingestors/common/decompress.js';
import { decodeDocument } from '../../ingestors/common/decode.js';
import { parserFor } from '../../ingestors/registry.js';
import { emptyTrustPolicy } from '../../verify/index.js';

const DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 ** 3;

interface CurrentVersion {
  doc: string;
  blobDigest: string | null;
  ingestOptions: string | null;
  ingestedAt: string;
}

async function currentVersion(store: GraphStore, advisoryKey: string): Promise<CurrentVersion | null> {
  const rows = await store.read<CurrentVersion & { createdAt: string | null }>(
    'MATCH (d:Document)-[:LISTS]->(a:Advisory {key: $k}) RETURN DISTINCT d.key AS doc, d.createdAt AS createdAt, d.ingestedAt AS ingestedAt, d.blobDigest AS blobDigest, d.ingestOptions AS ingestOptions',
    { k: advisoryKey });
  // The order matching uses: latest createdAt, then latest ingest, then key.
  rows.sort((a, b) => cmp(b.createdAt ?? '', a.createdAt ?? '') || cmp(b.ingestedAt ?? '', a.ingestedAt ?? '') || cmp(b.doc, a.doc));
  return rows[0] ?? null;
}

export async function restoreCurrentAdvisoryProperties(store: GraphStore, blobs: BlobStore, advisoryKeys: string[], limits: { maxDecompressedBytes?: number } = {}): Promise<number> {
  let restored = 0;
  for (const key of advisoryKeys) {
    const current = await currentVersion(store, key);
    if (!current) continue;
    const raw = await blobs.get(current.blobDigest ?? current.doc);
    const { bytes } = await decompressDocument(raw, { maxDecompressedBytes: limits.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES });
    const decoded = decodeDocument(bytes);
    const options = current.ingestOptions ? (JSON.parse(current.ingestOptions) as IngestOptions) : {};
    const input = { bytes, sha256: current.doc.slice(7), json: decoded.json, text: decoded.text, options, ingestedAt: current.ingestedAt, context: { trustPolicy: emptyTrustPolicy() } };
    const batch = await parserFor(input).parse(input);
    const node = batch.nodes.find((n) => n.label === 'Advisory' && n.props.key === key);
    if (!node) continue;
    const a = node.props as AdvisoryNode;
    await store.write([{
      cypher: 'MATCH (a:Advisory {key: $k}) SET a.title = $title, a.modified = $modified, a.withdrawn = $withdrawn, a.severity = $severity, a.published = $published',
      params: { k: key, title: a.title, modified: a.modified, withdrawn: a.withdrawn, severity: a.severity, published: a.published },
    }]);
    restored++;
  }
  return restored;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
