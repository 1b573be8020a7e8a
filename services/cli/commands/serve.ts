import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/config.js';
import { startRuntime } from '../../runtime.js';
import { closeOnSignals } from '../lifecycle.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API (REST upload + job status, GraphQL, GraphiQL) and, unless --no-worker, an ingest worker.')
    .option('--port <port>', 'port to listen on (env SUPPLYGRAPH_PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env SUPPLYGRAPH_HOST, default 127.0.0.1; 0.0.0.0 for all interfaces)')
    .option('--data-dir <dir>', 'embedded graph, blobs and job records (env SUPPLYGRAPH_DATA_DIR, default ./data)')
    .option('--no-worker', 'do not process ingest jobs in this process (run `supplygraph worker` processes instead)')
    .option('--concurrency <n>', 'jobs processed at once by the in-process worker (env SUPPLYGRAPH_WORKER_CONCURRENCY, default 2)')
    .addHelpText('after', `
Examples:
  supplygraph serve                                   # embedded: Kuzu under ./data, in-process queue
  supplygraph serve --port 9000 --data-dir /var/lib/supplygraph
  NEO4J_URL=bolt://db:7687 REDIS_URL=redis://q:6379 supplygraph serve --no-worker   # production API`)
    .action(async (opts: { port?: string; host?: string; dataDir?: string; worker: boolean; concurrency?: string }) => {
      let config;
      try {
        config = loadConfig(process.env, {
          port: opts.port, host: opts.host, dataDir: opts.dataDir, concurrency: opts.concurrency,
          ...(opts.worker === false ? { worker: false } : {}),
        });
      } catch (err) {
        if (err instanceof ConfigError) {
          process.stderr.write(`supplygraph: invalid configuration: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
      const runtime = await startRuntime(config, { api: true, worker: config.worker.enabled });
      const address = runtime.api?.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      runtime.log.info({ url: `http://${config.host}:${port}`, engine: config.graph.engine, queue: config.queue.kind, worker: config.worker.enabled, dataDir: config.dataDir }, 'supplygraph is serving');
      process.stderr.write(`supplygraph listening on http://${config.host}:${port} (graph: ${config.graph.engine}, queue: ${config.queue.kind}${config.worker.enabled ? ', with worker' : ''}) — GraphiQL at /graphiql\n`);
      closeOnSignals(runtime);
    });
}
