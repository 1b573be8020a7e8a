/**
 * An imported entry enters the pipeline exactly like an HTTP upload: the same
 * sniff, the bytes into the blob store, a job on the queue. The worker then
 * treats it as any other document (and the same bytes twice as a no-op).
 * A full queue is waited out, not failed: an importer is a patient producer.
 */
import type { BlobStore } from '../blobstore/blob-store.js';
import { QueueFullError, type JobQueue } from '../queue/job-queue.js';
import { sniffUpload } from '../api/routes/documents.js';
import { EntryError } from './errors.js';

export interface SubmitDependencies {
  blobs: BlobStore;
  queue: JobQueue;
  maxUploadBytes: number;
}

export async function submitDocument(deps: SubmitDependencies, entry: string, bytes: Buffer, fileName: string, signal: AbortSignal): Promise<string> {
  if (bytes.byteLength > deps.maxUploadBytes) throw new EntryError('ENTRY_TOO_LARGE', entry, `is ${bytes.byteLength} bytes, over SUPPLYGRAPH_MAX_UPLOAD_BYTES (${deps.maxUploadBytes})`);
  const sniff = sniffUpload(bytes);
  if (!sniff.ok) throw new EntryError('ENTRY_REJECTED', entry, sniff.reason);
  for (;;) {
    signal.throwIfAborted();
    try {
      await deps.queue.checkRoom(bytes.byteLength);
      const blob = await deps.blobs.put(bytes);
      const job = await deps.queue.enqueue({ blobDigest: blob.digest, byteSize: blob.byteSize, fileName, submittedAt: new Date().toISOString(), options: {} });
      return job.id;
    } catch (err) {
      if (!(err instanceof QueueFullError)) throw err;
      await waitFor(Math.max(1, err.retryAfterSeconds) * 1000, signal);
    }
  }
}

function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(t); reject(signal.reason as Error); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
