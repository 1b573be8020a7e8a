/**
 * Prometheus metrics for API and worker processes. Queue depth is read from
 * the queue when scraped, so every process reports the shared queue's state.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { JOB_STATES, type JobQueue, type QueueBacklog } from '../queue/job-queue.js';

export interface ServiceMetrics {
  registry: Registry;
  jobsFinished: Counter<'outcome' | 'format' | 'code'>;
  ingestDuration: Histogram<'format'>;
  graphWriteDuration: Histogram<'engine'>;
  graphWriteRows: Counter<'engine' | 'kind'>;
}

export function createMetrics(queue: JobQueue, engine: string): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'supplygraph_process_' });
  const jobsFinished = new Counter({
    name: 'supplygraph_ingest_jobs_finished_total',
    help: 'Ingest job attempts finished by this process, by outcome (written, already-ingested, failed, retrying), format and failure code',
    labelNames: ['outcome', 'format', 'code'] as const,
    registers: [registry],
  });
  const ingestDuration = new Histogram({
    name: 'supplygraph_ingest_duration_seconds',
    help: 'Wall time of one ingest job (read, decode, parse, write)',
    labelNames: ['format'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const graphWriteDuration = new Histogram({
    name: 'supplygraph_graph_write_duration_seconds',
    help: 'Time to write one document batch to the graph',
    labelNames: ['engine'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const graphWriteRows = new Counter({
    name: 'supplygraph_graph_rows_created_total',
    help: 'Nodes and edges created in the graph by this process',
    labelNames: ['engine', 'kind'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'supplygraph_queue_jobs',
    help: 'Jobs in the ingest queue by state (shared by all processes on the same queue)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await queue.counts();
        for (const s of JOB_STATES) this.set({ state: s }, counts[s]);
      } catch {
        // An unreachable queue shows up in /readyz; a scrape must still succeed.
      }
    },
  });
  const backlogGauge = (name: string, help: string, pick: (b: QueueBacklog) => number): void => {
    new Gauge({
      name, help, registers: [registry],
      async collect() {
        try {
          this.set(pick(await queue.backlog()));
        } catch {
          // As above: /readyz reports an unreachable queue.
        }
      },
    });
  };
  backlogGauge('supplygraph_queue_backlog_jobs', 'Ingest jobs accepted and not yet finished (waiting, delayed or running); uploads are refused with 503 QUEUE_FULL at supplygraph_queue_max_waiting_jobs', (b) => b.jobs);
  backlogGauge('supplygraph_queue_backlog_bytes', 'Bytes of the documents of ingest jobs not yet finished; uploads are refused with 503 QUEUE_FULL at supplygraph_queue_max_waiting_bytes', (b) => b.bytes);
  if (queue.caps) {
    new Gauge({ name: 'supplygraph_queue_max_waiting_jobs', help: 'SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS: the backlog (in jobs) at which uploads are refused', registers: [registry] }).set(queue.caps.maxWaitingJobs);
    new Gauge({ name: 'supplygraph_queue_max_waiting_bytes', help: 'SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES: the backlog (in bytes) at which uploads are refused', registers: [registry] }).set(queue.caps.maxWaitingBytes);
  }
  void engine;
  return { registry, jobsFinished, ingestDuration, graphWriteDuration, graphWriteRows };
}
