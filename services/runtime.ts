/**
 * Wires the configured parts together for `serve` and `worker`: graph store,
 * blob store, queue, an optional worker, metrics, and the HTTP API (for a
 * worker process: only health and metrics).
 * Shutdown order matters: stop accepting requests, let in-flight jobs finish
 * (or release them to the queue), then close the graph (Kuzu must flush) and
 * the queue.
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
import { toJobFailure, type JobProcessor, type JobQueue, type WorkerHandle } from './queue/job-queue.js';
import { ingestDocument } from './worker/ingest-document.js';
import { setDocumentLabels } from './documents/labels.js';
import { supersedeOlderVersions } from './documents/supersede.js';
import { reverifySignatures } from './worker/reverify-signatures.js';
import { SerialExecutor } from './graph/serial.js';
import { buildApi } from './api/app.js';
import { checkGraph } from './integrity/check.js';
import { createMetrics, type ServiceMetrics } from './metrics/metrics.js';
import { watchTrustConfig, type TrustPolicyWatcher } from './trust/index.js';
import { emptyTrustPolicy, type TrustPolicy } from '../verify/index.js';
import { DocumentLog } from './recovery/document-log.js';
import { replayDocumentLog } from './recovery/replay.js';
import { Importers } from './importers/service.js';

export interface Runtime {
  config: Config;
  log: Logger;
  store: GraphStore;
  blobs: BlobStore;
  queue: JobQueue;
  metrics: ServiceMetrics;
  api: FastifyInstance | null;
  worker: WorkerHandle | null;
  importers: Importers;
  /** Graceful: in-flight jobs finish. `force` releases them to the queue instead. */
  close(force?: boolean): Promise<void>;
}

export async function openQueue(config: Config, log?: Logger): Promise<JobQueue> {
  const caps = { maxWaitingJobs: config.queue.maxWaitingJobs, maxWaitingBytes: config.queue.maxWaitingBytes };
  if (config.queue.kind === 'bullmq') {
    const { BullMqJobQueue } = await import('./queue/bullmq-queue.js');
    return BullMqJobQueue.open({
      redisUrl: config.queue.redisUrl!, queueName: config.queue.queueName, attempts: config.queue.attempts, backoffMs: config.queue.backoffMs,
      lockDuration: config.queue.lockDurationMs, stalledInterval: config.queue.stalledIntervalMs, caps,
      onError: (err) => log?.warn({ error: err.message }, 'queue connection problem (retrying)'),
    });
  }
  return InProcessJobQueue.open({ directory: path.join(config.dataDir, 'jobs'), attempts: config.queue.attempts, backoffMs: config.queue.backoffMs, caps });
}

export type RuntimeRole = 'server' | 'worker';

export async function startRuntime(config: Config, parts: { api: boolean; worker: boolean; role?: RuntimeRole }, log = createLogger(config.logLevel)): Promise<Runtime> {
  const store = await openGraphStore(config, log);
  const blobs = new FileSystemBlobStore(config.blobDir);
  let queue: JobQueue;
  try {
    queue = await openQueue(config, log);
  } catch (err) {
    await store.close();
    throw err;
  }
  const metrics = createMetrics(queue, store.engine);
  let trust: TrustPolicyWatcher | null = null;
  const reverifications = new SerialExecutor();
  if (parts.worker && config.trustConfigPath) {
    try {
      trust = await watchTrustConfig(config.trustConfigPath, {
        onReload: (policy) => {
          log.info({ file: config.trustConfigPath }, 'trust configuration reloaded; re-evaluating stored signatures');
          void reverifications.run(() => reverifySignatures(store, blobs, policy, log)).then(
            (r) => log.info(r, 'stored signatures re-evaluated'),
            (err: Error) => log.error({ error: err.message }, 're-evaluating stored signatures failed'),
          );
        },
        onError: (err) => log.error({ file: config.trustConfigPath, error: err.message }, 'trust configuration reload failed; keeping the previous policy'),
      });
    } catch (err) {
      await queue.close();
      await store.close();
      throw err;
    }
  }
  const trustPolicy = (): TrustPolicy => trust?.current() ?? emptyTrustPolicy();
  if (parts.worker) {
    // Verdicts stored under another trust policy (or none) are stale: re-evaluate them once at start-up.
    void reverifications.run(() => reverifySignatures(store, blobs, trustPolicy(), log)).then(
      (r) => log.info(r, 'stored signatures checked against the trust policy in force'),
      (err: Error) => log.error({ error: err.message }, 're-evaluating stored signatures failed'),
    );
  }
  const importers = Importers.open(config, { blobs, queue, registry: metrics.registry, log });
  // Scheduled imports run where ingest runs: next to a worker (serve with one, or `supplygraph worker`).
  if (parts.worker) importers.startSchedule();
  // The embedded store is brought forward from its own document log after a crash (services/recovery); Neo4j recovers by itself.
  const documentLog = parts.worker && store.engine === 'kuzu' ? new DocumentLog(path.join(config.dataDir, 'documents.log')) : null;
  const worker = parts.worker ? queue.startWorker(instrumentedProcessor({ config, log, store, blobs, metrics, trustPolicy, documentLog }), { concurrency: config.worker.concurrency }) : null;
  if (documentLog) {
    try {
      await replayDocumentLog({ store, queue, documentLog, log });
    } catch (err) {
      await worker?.close(true);
      trust?.close();
      await queue.close();
      await store.close();
      throw err;
    }
  }
  let api: FastifyInstance | null = null;
  if (parts.api) {
    api = await buildApi({
      config, store, queue, blobs, metrics, role: parts.role ?? 'server', documentLog, importers,
      checkGraph: (options) => checkGraph({ store, blobs, trustPolicy: trustPolicy(), limits: config.limits, log }, options),
    }, log);
    await api.listen({ host: config.host, port: config.port });
  }
  let closing: Promise<void> | null = null;
  return {
    config, log, store, blobs, queue, api, worker, metrics, importers,
    close: (force = false) => (closing ??= (async () => {
      if (api) await api.close();
      await importers.close();
      if (worker) await worker.close(force);
      trust?.close();
      await reverifications.run(async () => undefined);
      await queue.close();
      await store.close();
    })()),
  };
}

function instrumentedProcessor(deps: { config: Config; log: Logger; store: GraphStore; blobs: BlobStore; metrics: ServiceMetrics; trustPolicy: () => TrustPolicy; documentLog: DocumentLog | null }): JobProcessor {
  const { config, log, store, blobs, metrics, trustPolicy, documentLog } = deps;
  return async (job) => {
    const jobLog = log.child({ jobId: job.id, attempt: job.attempt, file: job.data.fileName });
    const started = performance.now();
    try {
      const r = await ingestDocument({ blobs, graph: store, log: jobLog, limits: config.limits, trustPolicy }, job);
      // Logged on every success, not only `written`: a crash between the graph's commit and this line reruns the job, which finds the document present.
      await documentLog?.append({ op: 'ingested', documentKey: r.documentKey, blobDigest: job.data.blobDigest, byteSize: job.data.byteSize, fileName: job.data.fileName, options: job.data.options ?? {}, ingestedAt: r.ingestedAt, ...(job.data.labels ? { labels: job.data.labels } : {}) });
      // Labels given with a re-upload of a stored document are added to it (a new document got them in its write).
      if (r.status === 'already-ingested' && job.data.labels && Object.keys(job.data.labels).length > 0) await setDocumentLabels(store, r.documentKey, job.data.labels, 'merge', documentLog);
      if (r.kind === 'sbom') await supersedeOlderVersions({ store, blobs, log: jobLog, limits: config.limits, documentLog }, r.documentKey, config.documents.supersededSboms);
      metrics.jobsFinished.inc({ outcome: r.status, format: r.format, code: '' });
      metrics.ingestDuration.observe({ format: r.format }, (performance.now() - started) / 1000);
      if (r.status === 'written') {
        metrics.graphWriteDuration.observe({ engine: store.engine }, r.timings.writeMs / 1000);
        metrics.graphWriteRows.inc({ engine: store.engine, kind: 'node' }, r.nodesCreated);
        metrics.graphWriteRows.inc({ engine: store.engine, kind: 'edge' }, r.edgesCreated);
      }
      jobLog.info({ document: r.documentKey, format: r.format, status: r.status, nodesCreated: r.nodesCreated, edgesCreated: r.edgesCreated, warnings: r.warnings.length, ms: r.timings.totalMs }, 'document ingested');
      return r;
    } catch (err) {
      const f = toJobFailure(err);
      metrics.jobsFinished.inc({ outcome: f.transient ? 'retrying' : 'failed', format: '', code: f.code });
      jobLog.warn({ code: f.code, transient: f.transient, error: f.message }, f.transient ? 'ingest failed; will retry' : 'ingest failed');
      throw err;
    }
  };
}
