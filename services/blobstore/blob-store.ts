/**
 * Content-addressed document storage. Producers put the raw upload here and
 * enqueue only its digest; any worker, on any host that sees the same store,
 * reads it back. An object store (S3, GCS) implements the same interface.
 */
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';
export interface BlobInfo {
  /** `sha256:<hex>` of the stored bytes. */
  digest: string;
  byteSize: number;
  /** false when the same bytes were already stored. */
  created: boolean;
}

export interface BlobStore {
  put(data: Uint8Array): Promise<BlobInfo>;
  get(digest: string): Promise<Buffer>;
  has(digest: string): Promise<boolean>;
  size(digest: string): Promise<number>;
  /** Remove a blob; false when it was not there (deleting twice is not an error). */
  delete(digest: string): Promise<boolean>;
}

/** Transient: on a shared volume the blob may become visible to this worker later. */
export class BlobNotFoundError extends SupplygraphError<'BLOB_NOT_FOUND'> {
  constructor(readonly digest: string) {
    super('BLOB_NOT_FOUND', `document ${digest} is not in the blob store (was it stored on a volume this worker cannot see?)`, { transient: true });
  }
}

export function parseDigest(digest: string): string {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!m) throw new Error(`"${digest}" is not a sha256:<64 hex> digest`);
  return m[1]!;
}
