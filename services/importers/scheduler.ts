/**
 * Runs each importer that has an `interval` on its schedule, inside `serve`
 * (with a worker) and `supplygraph worker`. Every process may schedule the
 * same importer; the lock lets one run at a time, and a process that finds it
 * held just waits for its next turn. The next turn is counted from the last
 * run's start as recorded in the shared state, so after a restart an importer
 * that ran recently is not run again at once.
 */
import type { Logger } from '../log/logger.js';
import type { ImporterDefinition } from './config.js';
import { ImporterError } from './errors.js';
import type { ImporterStatusRecord } from './state-store.js';

export interface SchedulerDependencies {
  readStatus(name: string): Promise<ImporterStatusRecord>;
  /** Starts a run and resolves when it has finished. */
  run(definition: ImporterDefinition): Promise<unknown>;
  log: Logger;
}

export function nextRunAt(definition: ImporterDefinition, status: ImporterStatusRecord): string | null {
  if (definition.intervalMs === null) return null;
  if (!status.lastRun) return new Date().toISOString();
  return new Date(Date.parse(status.lastRun.startedAt) + definition.intervalMs).toISOString();
}

export class ImporterScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly definitions: ImporterDefinition[], private readonly deps: SchedulerDependencies) {}

  start(): void {
    for (const d of this.definitions) if (d.intervalMs !== null) void this.plan(d);
  }

  private async plan(definition: ImporterDefinition): Promise<void> {
    if (this.stopped) return;
    let delay = definition.intervalMs!;
    try {
      const next = nextRunAt(definition, await this.deps.readStatus(definition.name));
      delay = next ? Math.max(0, Date.parse(next) - Date.now()) : delay;
    } catch (err) {
      this.deps.log.warn({ importer: definition.name, error: (err as Error).message }, 'importer state unreadable; trying again after one interval');
    }
    const timer = setTimeout(() => void this.fire(definition), delay);
    timer.unref();
    this.timers.set(definition.name, timer);
  }

  private async fire(definition: ImporterDefinition): Promise<void> {
    if (this.stopped) return;
    try {
      await this.deps.run(definition);
    } catch (err) {
      if (err instanceof ImporterError && err.code === 'IMPORTER_BUSY') this.deps.log.debug({ importer: definition.name }, 'scheduled importer run skipped: another run holds it');
      else this.deps.log.error({ importer: definition.name, error: (err as Error).message }, 'scheduled importer run failed');
    }
    await this.plan(definition);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
