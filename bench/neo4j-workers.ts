/**
 * The production figure: the same documents uploaded over HTTP to an
 * in-process API (`serve --no-worker`), queued on BullMQ/Redis and written
 * to Neo4j by N separate `supplygraph worker` processes, for each N asked.
 *
 * Neo4j and Redis are the throwaway servers of scripts/{neo4j,redis}/start.sh
 * (stopped again at the end, whatever happens) unless NEO4J_URL / REDIS_URL
 * are set. Neo4j is wiped before every run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../services/config/config.js';
import type { JobView } from '../services/queue/job-queue.js';
import { startRuntime, type Runtime } from '../services/runtime.js';
import { parserFor } from '../ingestors/registry.js';
import { documentInput, mib, peakRssOf, REPO, type BenchRow, type Corpus } from './support.js';

export class BenchSetupError extends Error {
  override name = 'BenchSetupError';
}

interface Server {
  name: 'neo4j' | 'redis';
  url: string;
  /** Set when this bench started the server (and must stop it). */
  dir: string | null;
  pid: number | null;
}

interface Cleanup {
  steps: Array<{ what: string; run: () => Promise<unknown> }>;
}

/** Runs bash scripts/<name>/start.sh; its progress goes to our stderr as it comes. */
function startServer(name: 'neo4j' | 'redis'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(REPO, 'scripts', name, 'start.sh')], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      process.stderr.write(d);
    });
    child.on('error', (e) => reject(new BenchSetupError(`could not run scripts/${name}/start.sh: ${e.message}`)));
    child.on('close', (code) => {
      const kv = Object.fromEntries(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      const key = name.toUpperCase();
      if (code === 0 && kv[`${key}_URL`] && kv[`${key}_DIR`]) {
        resolve({ name, url: kv[`${key}_URL`]!, dir: kv[`${key}_DIR`]!, pid: Number(kv[`${key}_PID`]) || null });
        return;
      }
      const why = err.split('\n').filter((l) => /ERROR|not found|needs/i.test(l)).slice(-3).join(' / ') || err.trim().split('\n').slice(-3).join(' / ');
      reject(new BenchSetupError(`scripts/${name}/start.sh failed (exit ${code}): ${why || 'no message'}`));
    });
  });
}

function stopServer(s: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!s.dir) return resolve();
    const child = spawn('bash', [path.join(REPO, 'scripts', s.name, 'stop.sh'), s.dir], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}

interface WorkerProc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function spawnWorker(env: NodeJS.ProcessEnv): WorkerProc {
  // Not through npx/tsx's CLI: child.pid must be the worker's node itself, for VmHWM.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'services', 'cli', 'main.ts'), 'worker'], {
    cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.on('exit', () => resolve());
  });
  return { child, output: () => out, exited };
}

async function stopWorker(w: WorkerProc): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill('SIGTERM');
  const timer = setTimeout(() => w.child.kill('SIGKILL'), 30_000);
  await w.exited;
  clearTimeout(timer);
}

async function waitFor<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs: number, intervalMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function wipeNeo4j(api: Runtime): Promise<void> {
  for (;;) {
    const rows = await api.store.read<{ c: number }>('MATCH (n) WHERE NOT n:SchemaMigration WITH n LIMIT 20000 RETURN count(n) AS c');
    if (Number(rows[0]?.c ?? 0) === 0) return;
    await api.store.write([{ cypher: 'MATCH (n) WHERE NOT n:SchemaMigration WITH n LIMIT 20000 DETACH DELETE n' }]);
  }
}

async function mapLimit<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  }));
  return out;
}

export interface Neo4jBenchOptions {
  workerCounts: number[];
  /** Write the corpus once, untimed, before the runs (default true). */
  warmup?: boolean;
  /** Parallel uploads, as `supplygraph ingest` (default 4). */
  uploadConcurrency?: number;
}

export interface Neo4jBenchOutcome {
  rows: BenchRow[];
  /** Lines printed under the table (server RSS, where the servers came from). */
  notes: string[];
}

/**
 * Runs the corpus once per entry of `workerCounts`. Throws BenchSetupError when
 * Neo4j or Redis cannot be had (no java, no mvn, no redis-server, …); any other
 * failure is thrown as is. Servers, workers and temp dirs are always cleaned up.
 */
export async function runNeo4jWorkers(corpus: Corpus, options: Neo4jBenchOptions): Promise<Neo4jBenchOutcome> {
  const cleanup: Cleanup = { steps: [] };
  let cleaned: Promise<void> | null = null;
  const runCleanup = (): Promise<void> => (cleaned ??= (async () => {
    for (const step of cleanup.steps.reverse()) {
      try {
        await step.run();
      } catch (err) {
        process.stderr.write(`bench: cleanup (${step.what}) failed: ${(err as Error).message}\n`);
      }
    }
  })());
  // Ctrl-C / kill: the servers this bench started must not outlive it.
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`bench: ${signal}, stopping what the bench started…\n`);
    void runCleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    return await run(corpus, options, cleanup);
  } finally {
    await runCleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function run(corpus: Corpus, options: Neo4jBenchOptions, cleanup: Cleanup): Promise<Neo4jBenchOutcome> {
  const notes: string[] = [];
  const ours = (s: Server): Server => {
    cleanup.steps.push({ what: `stop ${s.name}`, run: () => stopServer(s) });
    return s;
  };
  const neo4j: Server = process.env.NEO4J_URL
    ? { name: 'neo4j', url: process.env.NEO4J_URL, dir: null, pid: null }
    : ours(await startServer('neo4j'));
  const redis: Server = process.env.REDIS_URL
    ? { name: 'redis', url: process.env.REDIS_URL, dir: null, pid: null }
    : ours(await startServer('redis'));
  notes.push(`neo4j: ${neo4j.dir ? 'throwaway server from scripts/neo4j/start.sh' : `NEO4J_URL=${neo4j.url} (given)`}; redis: ${redis.dir ? 'throwaway server from scripts/redis/start.sh (AOF, appendfsync everysec)' : `REDIS_URL (given)`}`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-bench-neo4j-'));
  cleanup.steps.push({ what: 'remove temp dir', run: () => rm(dataDir, { recursive: true, force: true }) });
  const queueName = `supplygraph-bench-${randomUUID()}`;
  if (!redis.dir) {
    // A given Redis keeps nothing of ours afterwards.
    cleanup.steps.push({
      what: 'remove the bench queue from the given Redis',
      run: async () => {
        const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
        const q = new Queue(queueName, { connection });
        try {
          await q.obliterate({ force: true });
        } finally {
          await q.close();
          connection.disconnect();
        }
      },
    });
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SUPPLYGRAPH_GRAPH: 'neo4j',
    NEO4J_URL: neo4j.url,
    SUPPLYGRAPH_QUEUE: 'bullmq',
    REDIS_URL: redis.url,
    SUPPLYGRAPH_QUEUE_NAME: queueName,
    SUPPLYGRAPH_DATA_DIR: dataDir,
    SUPPLYGRAPH_BLOB_DIR: path.join(dataDir, 'blobs'),
    SUPPLYGRAPH_LOG_LEVEL: process.env.SUPPLYGRAPH_LOG_LEVEL ?? 'warn',
  };
  delete env.SUPPLYGRAPH_WORKER_METRICS_PORT;
  const config = loadConfig(env, { host: '127.0.0.1', port: 0, worker: false });
  const api = await startRuntime(config, { api: true, worker: false });
  cleanup.steps.push({ what: 'close the API', run: () => api.close(true) });
  const address = api.api!.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  if (!neo4j.dir) {
    const rows = await api.store.read<{ c: number }>('MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS c');
    const existing = Number(rows[0]?.c ?? 0);
    if (existing > 0 && process.env.SUPPLYGRAPH_BENCH_WIPE !== '1') {
      throw new BenchSetupError(`the Neo4j at NEO4J_URL holds ${existing} nodes and the bench wipes it between runs; set SUPPLYGRAPH_BENCH_WIPE=1 to allow that, or unset NEO4J_URL to use a throwaway server`);
    }
  }

  // Neo4j plans each Cypher statement on first use and its JVM warms up over
  // the first thousands of rows. Write the corpus once, untimed, so the first
  // timed run does not pay for that while the later ones get it for free.
  if (options.warmup !== false) {
    await wipeNeo4j(api);
    const t = performance.now();
    for (const f of corpus.files) {
      const input = documentInput(f.bytes, f.sha256);
      await api.store.writeBatch(await parserFor(input).parse(input));
    }
    notes.push(`neo4j warm-up (untimed, before the runs): the corpus written once straight through the store in ${((performance.now() - t) / 1000).toFixed(2)} s, then wiped`);
  }

  const rows: BenchRow[] = [];
  for (const n of options.workerCounts) {
    rows.push(await runOnce(n, { corpus, api, base, env, cleanup, uploadConcurrency: options.uploadConcurrency ?? 4 }));
  }
  if (neo4j.pid) {
    const rss = peakRssOf(neo4j.pid);
    if (rss !== null) notes.push(`neo4j server (JVM, heap ${process.env.NEO4J_HEAP ?? '2g'}, page cache ${process.env.NEO4J_PAGECACHE ?? '512m'}): peak RSS ${mib(rss)} over all runs`);
  }
  return { rows, notes };
}

async function runOnce(workers: number, ctx: { corpus: Corpus; api: Runtime; base: string; env: NodeJS.ProcessEnv; cleanup: Cleanup; uploadConcurrency: number }): Promise<BenchRow> {
  const { corpus, api, base, env } = ctx;
  await wipeNeo4j(api);

  const procs = Array.from({ length: workers }, () => spawnWorker(env));
  const stopAll = async (): Promise<void> => { await Promise.all(procs.map(stopWorker)); };
  ctx.cleanup.steps.push({ what: `stop ${workers} worker(s)`, run: stopAll });
  for (const w of procs) {
    await waitFor('a worker to start', () => {
      if (w.child.exitCode !== null) throw new Error(`a worker exited with ${w.child.exitCode} before taking jobs:\n${w.output().trim()}`);
      return /taking jobs from/.test(w.output()) ? true : null;
    }, 120_000, 50);
  }

  // Timed from the first upload to the last job's finishedAt (stamped by the worker, same clock).
  const t0 = Date.now();
  const jobIds = await mapLimit(corpus.files, ctx.uploadConcurrency, async (f) => {
    const res = await fetch(`${base}/api/v1/documents?filename=${encodeURIComponent(f.name)}`, { method: 'POST', body: f.bytes });
    if (res.status !== 202) throw new Error(`upload of ${f.name} answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { jobId: string }).jobId;
  });
  const views = new Map<string, JobView>();
  await waitFor(`${jobIds.length} jobs to finish`, async () => {
    const open = jobIds.filter((id) => !views.has(id));
    await Promise.all(open.map(async (id) => {
      const v = (await (await fetch(`${base}/api/v1/jobs/${id}`)).json()) as JobView;
      if (v.state === 'completed' || v.state === 'failed') views.set(id, v);
    }));
    return views.size === jobIds.length ? true : null;
  }, 600_000, 100);
  const jobs = [...views.values()];
  const lastFinished = Math.max(...jobs.map((j) => Date.parse(j.finishedAt ?? new Date().toISOString())));
  const wallS = (lastFinished - t0) / 1000;

  const peaks = procs.map((w) => (w.child.pid ? peakRssOf(w.child.pid) : null));
  await stopAll();

  const failed = jobs.filter((j) => j.state === 'failed');
  if (failed.length > 0) {
    throw new Error(`${failed.length} of ${jobs.length} jobs failed with ${workers} worker(s): ${failed.slice(0, 3).map((j) => `${j.data.fileName}: ${j.failure?.code} ${j.failure?.message}`).join('; ')}`);
  }
  const counts = await api.store.counts();
  const sum = (f: (j: JobView) => number): number => jobs.reduce((s, j) => s + f(j), 0);
  const parseS = sum((j) => j.result?.timings.parseMs ?? 0) / 1000;
  const writeS = sum((j) => j.result?.timings.writeMs ?? 0) / 1000;
  const readS = sum((j) => j.result?.timings.readMs ?? 0) / 1000;
  const waitS = sum((j) => (j.startedAt ? Date.parse(j.startedAt) - Date.parse(j.createdAt) : 0)) / 1000;
  const retried = jobs.filter((j) => j.attempts > 1).length;
  const known = peaks.filter((p): p is number => p !== null);
  const concurrency = api.config.worker.concurrency;
  const peakRss = known.length === 0 ? 'n/a (no /proc)'
    : workers === 1 ? `${mib(known[0]!)} (worker)`
      : `${mib(Math.max(...known))} max, ${mib(known.reduce((s, p) => s + p, 0))} sum (${workers} workers)`;
  return {
    setup: `neo4j / bullmq / ${workers} worker process${workers === 1 ? '' : 'es'} × concurrency ${concurrency}`,
    wallS,
    docs: jobs.length,
    components: corpus.components,
    nodes: counts.nodes,
    edges: counts.edges,
    peakRss,
    details: [
      `neo4j, ${workers} worker(s): graph ${counts.nodes} nodes, ${counts.edges} edges; summed over jobs: read blob ${readS.toFixed(2)} s, parse ${parseS.toFixed(2)} s, graph write ${writeS.toFixed(2)} s, waiting in the queue ${waitS.toFixed(2)} s${retried ? `; ${retried} job(s) retried` : ''}`,
    ],
  };
}
