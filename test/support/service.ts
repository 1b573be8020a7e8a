/**
 * Starts the real service (HTTP API + worker) in-process on a temp data dir
 * and a free port, on the requested engine and queue.
 */
import { rm } from 'node:fs/promises';
import { loadConfig } from '../../services/config/config.js';
import { startRuntime, type Runtime } from '../../services/runtime.js';
import { neo4jUrl, redisUrl, tempDir, wipeNeo4j } from './engines.js';
import type { EngineName } from '../../services/graph/store.js';

export interface RunningService {
  runtime: Runtime;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startService(engine: EngineName, extraEnv: Record<string, string> = {}): Promise<RunningService> {
  const dataDir = await tempDir('supplygraph-e2e-');
  const env: NodeJS.ProcessEnv = {
    SUPPLYGRAPH_LOG_LEVEL: 'silent',
    SUPPLYGRAPH_JOB_BACKOFF_MS: '50',
    ...(engine === 'neo4j'
      ? { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(), SUPPLYGRAPH_QUEUE_NAME: `e2e-${crypto.randomUUID()}` }
      : { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' }),
    ...extraEnv,
  };
  const config = loadConfig(env, { port: 0, host: '127.0.0.1', dataDir });
  if (engine === 'neo4j') {
    const { Neo4jGraphStore } = await import('../../services/graph/neo4j/neo4j-store.js');
    const s = await Neo4jGraphStore.open({ url: config.graph.neo4jUrl! });
    await wipeNeo4j(s);
    await s.close();
  }
  const runtime = await startRuntime(config, { api: true, worker: true });
  const addr = runtime.api!.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    runtime,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    stop: async () => {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function upload(url: string, body: string | Buffer, query = ''): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/v1/documents${query}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function waitForJob(url: string, id: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/v1/jobs/${id}`);
    const job = (await res.json()) as Record<string, unknown>;
    if (job.state === 'completed' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${String(job.state)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function graphql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; errors?: Array<{ message: string; extensions: { code: string } }> }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data: T; errors?: Array<{ message: string; extensions: { code: string } }> };
}
