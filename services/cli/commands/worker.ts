import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/config.js';
import { startRuntime } from '../../runtime.js';
import { closeOnSignals } from '../lifecycle.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Run an ingest worker: take jobs from the Redis queue (BullMQ) and write them to the graph. Run as many as you like next to `serve --no-worker`.')
    .option('--concurrency <n>', 'jobs this process handles at once (env SUPPLYGRAPH_WORKER_CONCURRENCY, default 2)')
    .option('--metrics-port <port>', 'serve /healthz, /readyz and /metrics on this port (env SUPPLYGRAPH_WORKER_METRICS_PORT; default: none)')
    .option('--host <host>', 'address for the metrics port (env SUPPLYGRAPH_HOST, default 127.0.0.1)')
    .addHelpText('after', `
Needs the production topology: REDIS_URL (the queue) and a graph every worker can reach
(NEO4J_URL), plus SUPPLYGRAPH_BLOB_DIR on a volume shared with the API.

Example:
  NEO4J_URL=bolt://neo4j:7687 REDIS_URL=redis://redis:6379 SUPPLYGRAPH_BLOB_DIR=/shared/blobs \\
    supplygraph worker --concurrency 4 --metrics-port 9464`)
    .action(async (opts: { concurrency?: string; metricsPort?: string; host?: string }) => {
      let config;
      try {
        const metricsPort = opts.metricsPort ?? process.env.SUPPLYGRAPH_WORKER_METRICS_PORT;
        config = loadConfig(process.env, { concurrency: opts.concurrency, host: opts.host, ...(metricsPort ? { port: metricsPort } : {}) });
        if (config.queue.kind !== 'bullmq') {
          throw new ConfigError('REDIS_URL', 'a separate worker process needs the shared Redis queue: set REDIS_URL (the embedded in-process queue lives inside `supplygraph serve`)');
        }
        if (config.graph.engine === 'kuzu') {
          throw new ConfigError('NEO4J_URL', 'a separate worker process needs a graph server: set NEO4J_URL (the embedded Kuzu graph can be opened by one process only — `supplygraph serve`)');
        }
        const runtime = await startRuntime(config, { api: metricsPort !== undefined, worker: true, role: 'worker' });
        runtime.log.info({ concurrency: config.worker.concurrency, queue: config.queue.queueName, engine: config.graph.engine }, 'worker started');
        process.stderr.write(`supplygraph worker: taking jobs from ${config.queue.queueName} (concurrency ${config.worker.concurrency}, graph: ${config.graph.engine})\n`);
        closeOnSignals(runtime);
      } catch (err) {
        if (err instanceof ConfigError) {
          process.stderr.write(`supplygraph worker: invalid configuration: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
    });
}
