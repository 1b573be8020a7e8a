/**
 * One run of one importer — the same code whether the schedule, the API or
 * `supplygraph importer run` starts it. Under the importer's lock, it walks the
 * kind's entries, submits each new or changed one as an ordinary ingest job and
 * records its fingerprint at once, so a run stopped at any point (abort,
 * kill -9) is continued by the next without importing anything twice. The
 * cursor (ETags, delta watermarks) is saved only when a run finishes: a
 * stopped run must not make the next one believe the feed was read.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { ImporterDefinition } from './config.js';
import { EntryError, ImporterError } from './errors.js';
import type { KindContext } from './entry.js';
import { KIND_RUNNERS } from './kinds/index.js';
import type { ImporterLock } from './lock.js';
import type { ImporterMetrics } from './metrics.js';
import { MAX_RECORDED_FAILURES, type ImporterStateStore, type ImporterStatusRecord, type RunRecord } from './state-store.js';
import { submitDocument, type SubmitDependencies } from './submit.js';

export interface RunDependencies {
  state: ImporterStateStore;
  lock: ImporterLock;
  submit: SubmitDependencies;
  /** SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES: the cap on a fetched feed and on each archive member. */
  maxDecompressedBytes: number;
  log: Logger;
  metrics?: ImporterMetrics | undefined;
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** Called once the lock is held and the run is recorded as started. */
  onStarted?: ((run: RunRecord) => void) | undefined;
  /** Called after each entry. */
  onProgress?: ((run: RunRecord) => void) | undefined;
}

/** Status is persisted every this many entries (and at the end), so `status` shows a long run moving. */
const STATUS_EVERY = 25;

export function busyError(name: string): ImporterError {
  return new ImporterError('IMPORTER_BUSY', `importer ${name} is already running (in this or another process); follow it with \`supplygraph importer status ${name}\` and run it again when it has finished`);
}

export async function runImporter(definition: ImporterDefinition, deps: RunDependencies, options: RunOptions = {}): Promise<RunRecord> {
  const { name } = definition;
  const release = await deps.lock.acquire(name);
  if (!release) throw busyError(name);
  const signal = options.signal ?? new AbortController().signal;
  const log = deps.log.child({ importer: name, kind: definition.kind });
  try {
    const status: ImporterStatusRecord = await deps.state.readStatus(name);
    const known = await deps.state.readEntries(name);
    const run: RunRecord = { runId: randomUUID(), startedAt: new Date().toISOString(), finishedAt: null, outcome: null, seen: 0, new: 0, failed: 0, failures: [], error: null };
    status.lastRun = run;
    status.definition = { kind: definition.kind, source: definition.source };
    await deps.state.writeStatus(name, status);
    options.onStarted?.(run);
    log.info({ source: definition.source, runId: run.runId, known: known.size }, 'importer run started');

    const failEntry = (err: EntryError): void => {
      run.failed++;
      if (run.failures.length < MAX_RECORDED_FAILURES) run.failures.push({ entry: err.entry, code: err.code, message: err.message });
      status.lastError = { code: err.code, message: err.message, at: new Date().toISOString() };
      deps.metrics?.entries.inc({ importer: name, result: 'failed' });
      log.warn({ entry: err.entry, code: err.code, error: err.message }, 'importer entry failed');
    };
    const ctx: KindContext = { definition, cursor: status.cursor, nextCursor: {}, maxBytes: deps.maxDecompressedBytes, signal, log };
    try {
      for await (const item of KIND_RUNNERS[definition.kind](ctx)) {
        if (signal.aborted) break;
        run.seen++;
        deps.metrics?.entries.inc({ importer: name, result: 'seen' });
        if ('failure' in item) {
          failEntry(item.failure);
        } else if (known.get(item.entry.id) !== item.entry.fingerprint) {
          const { entry } = item;
          try {
            const bytes = await entry.load();
            if (bytes) {
              const jobId = await submitDocument(deps.submit, entry.id, bytes, entry.fileName, signal);
              run.new++;
              deps.metrics?.entries.inc({ importer: name, result: 'new' });
              log.debug({ entry: entry.id, jobId }, 'importer entry queued');
            }
            await deps.state.recordEntry(name, entry.id, entry.fingerprint);
            known.set(entry.id, entry.fingerprint);
          } catch (err) {
            if (signal.aborted) break;
            if (!(err instanceof EntryError)) throw err;
            failEntry(err);
          }
        }
        options.onProgress?.(run);
        if (run.seen % STATUS_EVERY === 0) await deps.state.writeStatus(name, status);
      }
      if (signal.aborted) {
        run.outcome = 'aborted';
      } else {
        run.outcome = 'succeeded';
        status.cursor = ctx.nextCursor;
        await deps.state.compactEntries(name, known);
        if (run.failed === 0) status.lastError = null;
      }
    } catch (err) {
      if (signal.aborted) {
        run.outcome = 'aborted';
      } else {
        const code = err instanceof ImporterError ? err.code : 'IMPORTER_FAILED';
        run.outcome = 'failed';
        run.error = { code, message: (err as Error).message };
        status.lastError = { code, message: (err as Error).message, at: new Date().toISOString() };
        log.error({ code, error: (err as Error).message }, 'importer run failed');
      }
    }
    run.finishedAt = new Date().toISOString();
    await deps.state.writeStatus(name, status);
    deps.metrics?.runs.inc({ importer: name, outcome: run.outcome });
    deps.metrics?.lastRunFinished.set({ importer: name }, Date.parse(run.finishedAt) / 1000);
    log.info({ runId: run.runId, outcome: run.outcome, seen: run.seen, new: run.new, failed: run.failed }, 'importer run finished');
    return run;
  } finally {
    await release();
  }
}
