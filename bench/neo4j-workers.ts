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
import type { GraphCounts } from '../services/graph/store.js';
import { cpuSecondsOf, documentInput, machineCpuSeconds, medianIndex, mib, ownCpuSeconds, peakRssOf, REPO, seconds, type BenchRow, type Corpus } from './support.js';

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
  /** Timed runs (rounds) per worker count; the median is reported (default 3). */
  repeat?: number;
  /**
   * Untimed passes before the timed runs (default true): the corpus once
   * straight through the store (Neo4j's JVM and query plans), and once through
   * each new set of worker processes.
   */
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
  // (tsx forwards the signal it got too, so it may arrive twice.)
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) return;
    signalled = true;
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
  // The bench's own API: anonymous and not rate-limited (its polling would trip the default limit).
  env.SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE = '0';
  for (const v of ['SUPPLYGRAPH_WORKER_METRICS_PORT', 'SUPPLYGRAPH_API_TOKENS', 'SUPPLYGRAPH_API_TOKENS_FILE', 'SUPPLYGRAPH_ANONYMOUS_READ']) delete env[v];
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

  // Neo4j plans each Cypher statement on first use and its JVM keeps getting
  // faster over the first few passes (JIT). Whichever setup ran first would
  // pay for that, so the corpus is written straight through the store, untimed,
  // until two passes in a row take about as long (at most 6 passes).
  if (options.warmup !== false) {
    const passes: number[] = [];
    for (;;) {
      await wipeNeo4j(api);
      const t = performance.now();
      for (const f of corpus.files) {
        const input = documentInput(f.bytes, f.sha256);
        await api.store.writeBatch(await parserFor(input).parse(input));
      }
      passes.push((performance.now() - t) / 1000);
      const [a, b] = passes.slice(-2);
      if (passes.length >= 6 || (passes.length >= 2 && Math.abs(b! - a!) <= 0.1 * a!)) break;
    }
    notes.push(`neo4j warm-up (untimed): the corpus written straight through the store ${passes.length} times (${seconds(passes)} s), then wiped; then rounds interleaved over the worker counts, each with fresh worker processes, one untimed pass through them and one timed run`);
  }

  const ctx: RunContext = {
    corpus, api, base, env, cleanup,
    uploadConcurrency: options.uploadConcurrency ?? 4,
    repeat: options.repeat ?? 3,
    warmup: options.warmup !== false,
    neo4jPid: neo4j.pid,
    redisPid: redis.pid,
  };
  const rows = await runAll(options.workerCounts, ctx);
  if (neo4j.pid) {
    const rss = peakRssOf(neo4j.pid);
    if (rss !== null) notes.push(`neo4j server (JVM, heap ${process.env.NEO4J_HEAP ?? '2g'}, page cache ${process.env.NEO4J_PAGECACHE ?? '512m'}): peak RSS ${mib(rss)} over all runs`);
  }
  return { rows, notes };
}

interface RunContext {
  corpus: Corpus;
  api: Runtime;
  base: string;
  env: NodeJS.ProcessEnv;
  cleanup: Cleanup;
  uploadConcurrency: number;
  repeat: number;
  warmup: boolean;
  /** Processes whose CPU time is accounted (the servers this bench started). */
  neo4jPid: number | null;
  redisPid: number | null;
}

interface TimedRun {
  /** First upload to the last job's finishedAt (stamped by the worker; same clock). */
  wallS: number;
  /** First upload to the moment the bench saw the queue empty (the CPU accounting window). */
  windowS: number;
  jobs: JobView[];
}

/** Uploads the corpus and waits for every job. */
async function timedRun(ctx: RunContext, workers: number): Promise<TimedRun> {
  const { corpus, base } = ctx;
  const t0 = Date.now();
  const w0 = performance.now();
  const jobIds = await mapLimit(corpus.files, ctx.uploadConcurrency, async (f) => {
    const res = await fetch(`${base}/api/v1/documents?filename=${encodeURIComponent(f.name)}`, { method: 'POST', body: f.bytes });
    if (res.status !== 202) throw new Error(`upload of ${f.name} answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { jobId: string }).jobId;
  });
  // One cheap request per poll (the queue's counts), so that polling takes
  // next to nothing from the 2 cores the system under test shares with it.
  await waitFor(`${jobIds.length} jobs to finish`, async () => {
    const { counts } = (await (await fetch(`${base}/api/v1/jobs?state=failed&limit=1`)).json()) as { counts: Record<string, number> };
    return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0 ? true : null;
  }, 600_000, 50);
  const windowS = (performance.now() - w0) / 1000;
  const jobs = await Promise.all(jobIds.map(async (id) => (await (await fetch(`${base}/api/v1/jobs/${id}`)).json()) as JobView));
  const failed = jobs.filter((j) => j.state !== 'completed');
  if (failed.length > 0) {
    throw new Error(`${failed.length} of ${jobs.length} jobs did not complete with ${workers} worker(s): ${failed.slice(0, 3).map((j) => `${j.data.fileName}: ${j.state} ${j.failure?.code ?? ''} ${j.failure?.message ?? ''}`).join('; ')}`);
  }
  const lastFinished = Math.max(...jobs.map((j) => Date.parse(j.finishedAt!)));
  return { wallS: (lastFinished - t0) / 1000, windowS, jobs };
}

type Cpu = Record<'neo4j' | 'workers' | 'api' | 'redis' | 'machine', number>;

interface Round extends TimedRun {
  counts: GraphCounts;
  /** CPU seconds during the timed run, per part of the system. */
  cpu: Cpu;
  /** VmHWM of each worker process of the round. */
  peaks: Array<number | null>;
}

/** Fresh worker processes, one untimed pass (warms them), one timed run, workers stopped. */
async function runRound(workers: number, ctx: RunContext): Promise<Round> {
  const { api, env } = ctx;
  const procs = Array.from({ length: workers }, () => spawnWorker(env));
  const stopAll = async (): Promise<void> => { await Promise.all(procs.map(stopWorker)); };
  ctx.cleanup.steps.push({ what: `stop ${workers} worker(s)`, run: stopAll });
  try {
    for (const w of procs) {
      await waitFor('a worker to start', () => {
        if (w.child.exitCode !== null) throw new Error(`a worker exited with ${w.child.exitCode} before taking jobs:\n${w.output().trim()}`);
        return /taking jobs from/.test(w.output()) ? true : null;
      }, 120_000, 50);
    }
    if (ctx.warmup) {
      await wipeNeo4j(api);
      await timedRun(ctx, workers);
    }
    await wipeNeo4j(api);
    const snapshot = (): Cpu => ({
      machine: machineCpuSeconds(),
      neo4j: ctx.neo4jPid ? cpuSecondsOf(ctx.neo4jPid) ?? Number.NaN : Number.NaN,
      workers: procs.reduce((s, w) => s + (w.child.pid ? cpuSecondsOf(w.child.pid) ?? Number.NaN : Number.NaN), 0),
      api: ownCpuSeconds(),
      redis: ctx.redisPid ? cpuSecondsOf(ctx.redisPid) ?? Number.NaN : Number.NaN,
    });
    const before = snapshot();
    const run = await timedRun(ctx, workers);
    const after = snapshot();
    const cpu = Object.fromEntries(Object.keys(after).map((k) => [k, after[k as keyof Cpu] - before[k as keyof Cpu]])) as Cpu;
    const peaks = procs.map((w) => (w.child.pid ? peakRssOf(w.child.pid) : null));
    return { ...run, cpu, peaks, counts: await api.store.counts() };
  } finally {
    await stopAll();
  }
}

/**
 * Rounds are interleaved (1, 2, 1, 2, … workers), so that whatever still
 * drifts in Neo4j over the session (JIT, caches) is spread over every setup
 * instead of favouring the one measured last.
 */
async function runAll(workerCounts: number[], ctx: RunContext): Promise<BenchRow[]> {
  const counts = [...new Set(workerCounts)];
  const rounds = new Map<number, Round[]>(counts.map((n) => [n, []]));
  for (let r = 0; r < ctx.repeat; r++) {
    for (const n of counts) {
      process.stderr.write(`bench: neo4j round ${r + 1}/${ctx.repeat}, ${n} worker(s)…\n`);
      rounds.get(n)!.push(await runRound(n, ctx));
    }
  }
  return counts.map((n) => summarize(n, rounds.get(n)!, ctx));
}

function summarize(workers: number, runs: Round[], ctx: RunContext): BenchRow {
  const m = runs[medianIndex(runs.map((r) => r.wallS))]!;
  const sum = (f: (j: JobView) => number): number => m.jobs.reduce((s, j) => s + f(j), 0);
  const parseS = sum((j) => j.result?.timings.parseMs ?? 0) / 1000;
  const writeS = sum((j) => j.result?.timings.writeMs ?? 0) / 1000;
  const readS = sum((j) => j.result?.timings.readMs ?? 0) / 1000;
  const waitS = sum((j) => (j.startedAt ? Date.parse(j.startedAt) - Date.parse(j.createdAt) : 0)) / 1000;
  const retried = runs.reduce((s, r) => s + r.jobs.filter((j) => j.attempts > 1).length, 0);
  const window = runs.reduce((s, r) => s + r.windowS, 0);
  const total = (k: keyof Cpu): number => runs.reduce((s, r) => s + r.cpu[k], 0);
  const cores = (x: number): string => (Number.isNaN(x) ? 'n/a' : (Math.max(0, x) / window).toFixed(2));
  const others = total('machine') - total('neo4j') - total('workers') - total('api') - total('redis');
  const perRound = runs.map((r) => r.peaks.filter((p): p is number => p !== null)).filter((p) => p.length > 0);
  const peakRss = perRound.length === 0 ? 'n/a (no /proc)'
    : workers === 1 ? `${mib(Math.max(...perRound.flat()))} (worker)`
      : `${mib(Math.max(...perRound.flat()))} max, ${mib(Math.max(...perRound.map((p) => p.reduce((s, x) => s + x, 0))))} sum (${workers} workers)`;
  const inconsistent = runs.some((r) => r.counts.nodes !== m.counts.nodes || r.counts.edges !== m.counts.edges);
  return {
    setup: `neo4j / bullmq / ${workers} worker process${workers === 1 ? '' : 'es'} × concurrency ${ctx.api.config.worker.concurrency}`,
    wallS: m.wallS,
    docs: m.jobs.length,
    components: ctx.corpus.components,
    nodes: m.counts.nodes,
    edges: m.counts.edges,
    peakRss,
    details: [
      `neo4j, ${workers} worker(s): runs ${seconds(runs.map((r) => r.wallS))} s; median run, summed over its jobs: read blob ${readS.toFixed(2)} s, parse ${parseS.toFixed(2)} s, graph write ${writeS.toFixed(2)} s, waiting in the queue ${waitS.toFixed(2)} s${retried ? `; ${retried} job(s) retried` : ''}`,
      `neo4j, ${workers} worker(s): CPU busy during the runs, in cores: neo4j ${cores(total('neo4j'))}, worker(s) ${cores(total('workers'))}, API + bench process ${cores(total('api'))}, redis ${cores(total('redis'))}, other processes on the machine ${cores(others)}`,
    ],
    problems: inconsistent ? [`${workers} worker(s): the runs left different graphs: ${runs.map((r) => `${r.counts.nodes} nodes/${r.counts.edges} edges`).join(', ')}`] : [],
  };
}
