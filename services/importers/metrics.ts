/**
 * Importer metrics on the process's registry: entries seen/new/failed and runs
 * by outcome per importer, and when each last finished (alert on staleness:
 * `time() - supplygraph_importer_last_run_finished_seconds > …`).
 */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface ImporterMetrics {
  entries: Counter<'importer' | 'result'>;
  runs: Counter<'importer' | 'outcome'>;
  lastRunFinished: Gauge<'importer'>;
}

export function createImporterMetrics(registry: Registry): ImporterMetrics {
  return {
    entries: new Counter({
      name: 'supplygraph_importer_entries_total',
      help: 'Feed entries handled by importers in this process: seen (looked at), new (queued for ingest), failed (hash mismatch, not JSON, …)',
      labelNames: ['importer', 'result'] as const,
      registers: [registry],
    }),
    runs: new Counter({
      name: 'supplygraph_importer_runs_total',
      help: 'Importer runs finished in this process, by outcome (succeeded, failed, aborted)',
      labelNames: ['importer', 'outcome'] as const,
      registers: [registry],
    }),
    lastRunFinished: new Gauge({
      name: 'supplygraph_importer_last_run_finished_seconds',
      help: 'Unix time the importer\'s last run in this process finished',
      labelNames: ['importer'] as const,
      registers: [registry],
    }),
  };
}
