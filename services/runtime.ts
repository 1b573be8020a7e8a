/**
 * Wires the configured parts together for `serve` and `worker`: graph store,
 * blob store, queue, an optional in-process worker, and the HTTP API.
 * Shutdown order matters: stop taking work, finish in-flight jobs, then close
 * the graph (Kuzu must flush) and the queue.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import { createLogger, type Logger } from './log/logger.js';
import { FileSystemBlobStore } from './blobstore/fs-blob-store.js';
import type { BlobStore } from './blobstore/blob-store.js';
import { openGraphStore } from './graph/open-store.js';
import type { GraphStore } from './graph/store.js';
import { InProcessJobQueue } from './queue/memory-queue.js';
import type { JobQueue, WorkerHandle } from './queue/job-queue.js';
import { ingestDocument } from './worker/ingest-document.js';
import { buildApi } from './api/app.js';

export interface Runtime {
  config: Config;
  log: Logger;
  store: GraphStore;
  blobs: BlobStore;
  queue: JobQueue;
  api: FastifyInstance | null;
  worker: WorkerHandle | null;
  close(): Promise<void>;
}

export async function openQueue(config: Config): Promise<JobQueue> {
  if (config.queue.kind === 'bullmq') {
    const { BullMqJobQueue } = await import('./queue/bullmq-queue.js');
    return BullMqJobQueue.open({ redisUrl: config.queue.redisUrl!, queueName: config.queue.queueName, attempts: config.queue.attempts, backoffMs: config.queue.backoffMs });
  }
  return InProcessJobQueue.open({ directory: path.join(config.dataDir, 'jobs'), attempts: config.queue.attempts, backoffMs: config.queue.backoffMs });
}

export async function startRuntime(config: Config, parts: { api: boolean; worker: boolean }, log = createLogger(config.logLevel)): Promise<Runtime> {
  const store = await openGraphStore(config);
  const blobs = new FileSystemBlobStore(config.blobDir);
  let queue: JobQueue;
  try {
    queue = await openQueue(config);
  } catch (err) {
    await store.close();
    throw err;
  }
  const worker = parts.worker
    ? queue.startWorker((job) => {
      const jobLog = log.child({ jobId: job.id, attempt: job.attempt });
      return ingestDocument({ blobs, graph: store, log: jobLog, limits: config.limits }, job).then(
        (r) => {
          jobLog.info({ document: r.documentKey, format: r.format, status: r.status, nodesCreated: r.nodesCreated, edgesCreated: r.edgesCreated, warnings: r.warnings.length, ms: r.timings.totalMs }, 'document ingested');
          return r;
        },
        (err: Error & { code?: string }) => {
          jobLog.warn({ code: err.code, error: err.message }, 'ingest failed');
          throw err;
        },
      );
    }, { concurrency: config.worker.concurrency })
    : null;
  let api: FastifyInstance | null = null;
  if (parts.api) {
    api = await buildApi({ config, store, queue, blobs }, log);
    await api.listen({ host: config.host, port: config.port });
  }
  let closing: Promise<void> | null = null;
  return {
    config, log, store, blobs, queue, api, worker,
    close: () => (closing ??= (async () => {
      if (api) await api.close();
      if (worker) await worker.close();
      await queue.close();
      await store.close();
    })()),
  };
}
