/**
 * Brings the embedded graph forward to everything the document log says it
 * holds: every logged document that the graph does not hold as `complete`
 * (discarded with the store after a crash, or never finished) is queued
 * again as an ordinary ingest job, in its original order and with its original
 * options and ingest time. Ingest is idempotent and converges from any partial
 * state, so a replay that is itself interrupted is simply replayed again.
 *
 * Runs at every start of a process that works the embedded store, not only after
 * a crash: it costs one read of the Document nodes, and it is what makes "the
 * log says so" and "the graph has it" the same set.
 */
import type { GraphStore, StoreRecovery } from '../graph/store.js';
import { storedDocumentRecords } from '../graph/queries/document-records.js';
import type { IngestOptions, JobQueue } from '../queue/job-queue.js';
import type { Logger } from '../log/logger.js';
import type { DocumentLog, DocumentLogIngested } from './document-log.js';

export interface ReplayReport {
  /** What opening the store did (crash-recovery). */
  recovery: StoreRecovery;
  /** Documents the log lists. */
  logged: number;
  /** Of those, queued again because the graph did not hold them complete. */
  replayed: number;
  /** true when the log was created now from a store that predates it. */
  logCreated: boolean;
}

export async function replayDocumentLog(deps: { store: GraphStore; queue: JobQueue; documentLog: DocumentLog; log: Logger }): Promise<ReplayReport> {
  const { store, queue, documentLog, log } = deps;
  const recovery = store.recovery ?? { action: 'none', reason: 'the engine recovers by itself', discardedBytes: 0 };
  const stored = await storedDocumentRecords(store);
  if (!(await documentLog.exists())) {
    if (recovery.action !== 'none') {
      log.error({ recovery }, 'the embedded store was discarded after a crash, but it has no document log to rebuild it from (it was created by an older version and crashed before its first clean start): ingest its documents again');
    }
    // A store that predates the log (or a new one): its complete documents are what the log starts from.
    const entries: DocumentLogIngested[] = stored.filter((d) => d.state === 'complete' && d.blobDigest).map((d) => ({
      op: 'ingested', documentKey: d.key, blobDigest: d.blobDigest!, byteSize: d.byteSize, fileName: d.name,
      options: parseOptions(d.ingestOptions), ingestedAt: d.ingestedAt, labels: parseLabels(d.labels),
    }));
    await documentLog.replaceWith(entries);
    return { recovery, logged: entries.length, replayed: 0, logCreated: true };
  }
  const complete = new Set(stored.filter((d) => d.state === 'complete').map((d) => d.key));
  const logged = await documentLog.documents();
  const missing = logged.filter((d) => !complete.has(d.documentKey));
  for (const d of missing) await queue.enqueue(replayJob(d), { ignoreCaps: true });
  if (missing.length > 0 || recovery.action !== 'none') {
    log.warn({ recovery, logged: logged.length, replayed: missing.length }, `embedded store: ${recovery.reason}; ${missing.length} of ${logged.length} documents queued again from the document log`);
  }
  return { recovery, logged: logged.length, replayed: missing.length, logCreated: false };
}

function replayJob(d: DocumentLogIngested): Parameters<JobQueue['enqueue']>[0] {
  return { blobDigest: d.blobDigest, byteSize: d.byteSize, fileName: d.fileName, submittedAt: new Date().toISOString(), options: d.options, ingestedAt: d.ingestedAt, replay: true, ...(d.labels && Object.keys(d.labels).length > 0 ? { labels: d.labels } : {}) };
}

function parseLabels(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function parseOptions(json: string | null): IngestOptions {
  if (!json) return {};
  try {
    return JSON.parse(json) as IngestOptions;
  } catch {
    return {};
  }
}
