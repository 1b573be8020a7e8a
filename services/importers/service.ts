/**
 * The importers of one process: the configured ones, their schedule, and the
 * runs started here (by the schedule, the admin API or the CLI through it).
 * State and lock are the deployment's (data directory or Redis), so status
 * read in any process shows runs made in any other.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import type { BlobStore } from '../blobstore/blob-store.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Logger } from '../log/logger.js';
import { importerDefinition, type ImporterDefinition, type ImporterKind } from './config.js';
import { ImporterError } from './errors.js';
import { FileImporterStateStore } from './file-state-store.js';
import { InProcessImporterLock, type ImporterLock } from './lock.js';
import { createImporterMetrics } from './metrics.js';
import { RedisImporterLock } from './redis-lock.js';
import { RedisImporterStateStore } from './redis-state-store.js';
import { runImporter, type RunDependencies } from './run.js';
import { ImporterScheduler, nextRunAt } from './scheduler.js';
import type { ImporterStateStore, RunRecord } from './state-store.js';

export interface ImporterStatusView {
  name: string;
  kind: string;
  source: string;
  /** Configured in the importers file (false: an ad-hoc `importer run <kind> <source>`). */
  configured: boolean;
  interval: string | null;
  running: boolean;
  lastRun: RunRecord | null;
  nextRunAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
}

export interface StartedRun {
  importer: string;
  runId: string;
  startedAt: string;
}

function describeInterval(ms: number | null): string | null {
  if (ms === null) return null;
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}

/** The name an ad-hoc run records its state under: the same source always continues the same state. */
export function adhocName(kind: ImporterKind, source: string): string {
  return `adhoc-${kind}-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`;
}

export class Importers {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  private scheduler: ImporterScheduler | null = null;

  private constructor(
    readonly definitions: ImporterDefinition[],
    private readonly state: ImporterStateStore,
    private readonly lock: ImporterLock,
    private readonly deps: Omit<RunDependencies, 'state' | 'lock'>,
  ) {}

  static open(config: Config, parts: { blobs: BlobStore; queue: JobQueue; registry: Registry; log: Logger }): Importers {
    let state: ImporterStateStore;
    let lock: ImporterLock;
    if (config.queue.kind === 'bullmq') {
      const redis = RedisImporterStateStore.open(config.queue.redisUrl!, config.queue.queueName);
      state = redis;
      // A crashed holder's lock lapses as a crashed worker's job lock does (SUPPLYGRAPH_JOB_LOCK_MS).
      lock = new RedisImporterLock(redis.connection(), `supplygraph:${config.queue.queueName}:importer`, config.queue.lockDurationMs);
    } else {
      state = new FileImporterStateStore(path.join(config.dataDir, 'importers'));
      lock = new InProcessImporterLock();
    }
    return new Importers(config.importers.definitions, state, lock, {
      submit: { blobs: parts.blobs, queue: parts.queue, maxUploadBytes: config.limits.maxUploadBytes },
      maxDecompressedBytes: config.limits.maxDecompressedBytes,
      log: parts.log,
      metrics: createImporterMetrics(parts.registry),
    });
  }

  startSchedule(): void {
    this.scheduler = new ImporterScheduler(this.definitions, {
      readStatus: (name) => this.state.readStatus(name),
      run: async (definition) => {
        const started = await this.start(definition);
        await this.running.get(definition.name)?.done;
        return started;
      },
      log: this.deps.log,
    });
    this.scheduler.start();
  }

  definition(name: string): ImporterDefinition {
    const d = this.definitions.find((x) => x.name === name);
    if (!d) throw new ImporterError('IMPORTER_NOT_FOUND', `no importer named "${name}"; configured: ${this.definitions.map((x) => x.name).join(', ') || 'none (set SUPPLYGRAPH_IMPORTERS_CONFIG)'}`);
    return d;
  }

  async list(): Promise<ImporterStatusView[]> {
    return Promise.all(this.definitions.map((d) => this.view(d, true)));
  }

  async status(name: string): Promise<ImporterStatusView> {
    const configured = this.definitions.find((x) => x.name === name);
    if (configured) return this.view(configured, true);
    const record = await this.state.readStatus(name);
    if (!record.definition) this.definition(name);
    return this.view({ name, kind: record.definition!.kind as ImporterKind, source: record.definition!.source, intervalMs: null, tlp: null, publicKey: null }, false);
  }

  private async view(d: ImporterDefinition, configured: boolean): Promise<ImporterStatusView> {
    const record = await this.state.readStatus(d.name);
    return {
      name: d.name, kind: d.kind, source: d.source, configured, interval: describeInterval(d.intervalMs),
      running: this.running.has(d.name) || (await this.lock.isHeld(d.name)),
      lastRun: record.lastRun, nextRunAt: nextRunAt(d, record), lastError: record.lastError,
    };
  }

  /** Starts a configured importer; resolves once it holds its lock (IMPORTER_BUSY if another run does). */
  runConfigured(name: string): Promise<StartedRun> {
    return this.start(this.definition(name));
  }

  /** `importer run <kind> <source>`: the same run, under a name derived from the source. */
  runAdhoc(kind: string, source: string): Promise<StartedRun> {
    const probe = importerDefinition('importer', { name: 'adhoc', kind, source }, process.cwd());
    return this.start({ ...probe, name: adhocName(probe.kind, probe.source) });
  }

  private start(definition: ImporterDefinition): Promise<StartedRun> {
    return new Promise<StartedRun>((resolve, reject) => {
      const controller = new AbortController();
      let started = false;
      const done = runImporter(definition, { ...this.deps, state: this.state, lock: this.lock }, {
        signal: controller.signal,
        onStarted: (run) => {
          started = true;
          this.running.set(definition.name, { controller, done });
          resolve({ importer: definition.name, runId: run.runId, startedAt: run.startedAt });
        },
      }).then(
        (run) => run,
        (err: unknown) => {
          if (!started) reject(err as Error);
          else this.deps.log.error({ importer: definition.name, error: (err as Error).message }, 'importer run ended with an error');
        },
      ).finally(() => this.running.delete(definition.name));
    });
  }

  /** Stops the schedule and the runs of this process; their progress is kept and the next run continues it. */
  async close(): Promise<void> {
    this.scheduler?.stop();
    for (const r of this.running.values()) r.controller.abort(new Error('shutting down'));
    await Promise.all([...this.running.values()].map((r) => r.done));
    await this.state.close();
  }
}
