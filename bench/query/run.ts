/**
 * `npm run bench:query`: investigator-query latency on a synthetic graph of
 * realistic shape (bench/query/generate.ts), per engine, through the real HTTP
 * GraphQL API.
 *
 * For each engine: generate the graph into an empty store (Kuzu in a temp dir;
 * Neo4j started with scripts/neo4j/start.sh unless NEO4J_URL is set, stopped at
 * the end), close it, start the service in-process (`startRuntime` with the API
 * and no worker, as `serve --no-worker` would), then send every benchmark
 * request (bench/query/queries.ts) over HTTP: warm-up requests first, then up
 * to N timed ones. A response with `errors` is reported as an error and not
 * timed. Prints p50/p95/p99 per query and engine in one table, with the graph
 * size and the machine.
 *
 *   npm run bench:query -- [--engines kuzu,neo4j] [--scale small|full|<factor>] [--iterations 50]
 *                          [--warmup 3] [--budget 30] [--request-timeout 120] [--only name,name] [--out results.json] [--trace]
 *                          [generator flags: --sboms N --universe N --seed N --group N --match inline|worker ...]
 *
 * Env: NEO4J_URL (use that server; it must be empty), NEO4J_HEAP / NEO4J_PAGECACHE (for the
 * started server), SUPPLYGRAPH_KUZU_BUFFER_POOL_MB, BENCH_QUERY_* (generator parameters).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig, type Config } from '../../services/config/config.js';
import { openGraphStore } from '../../services/graph/open-store.js';
import type { GraphStore, QueryParams, ReadOptions } from '../../services/graph/store.js';
import { startRuntime } from '../../services/runtime.js';
import { dryCatalog, formatCounts, formatGenerateReport, generateGraph, paramsFrom, parseFlags, type GenerateReport } from './generate.js';
import { benchmarkQueries, choosePicks, type BenchQuery, type Picks } from './queries.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

type Engine = 'kuzu' | 'neo4j';

interface Options {
  engines: Engine[];
  iterations: number;
  warmup: number;
  /** Seconds of timed requests per query at most; slow queries get fewer iterations (at least `minIterations`). */
  budgetS: number;
  minIterations: number;
  only: Set<string> | null;
  out: string | null;
  /** Kuzu data directory to use (and keep) instead of a temp dir. */
  dataDir: string | null;
  /** Benchmark the graph already in the store (generated earlier with the same parameters). */
  existing: boolean;
  /** Client-side limit per HTTP request. */
  requestTimeoutS: number;
  /** Print every graph read of the last warm-up request of each query. */
  trace: boolean;
}

interface QueryResult {
  name: string;
  about: string;
  /** Timed requests. */
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Response size in bytes (first response). */
  bytes: number;
  answer: string;
  error: string | null;
  /** GraphStore.read calls per request (mean over the timed requests). */
  readsPerRequest: number;
  /** Time inside GraphStore.read per request (mean), ms. */
  graphMsPerRequest: number;
  /** The slowest graph reads of one (warm) request: the statement, its time and rows. */
  slowest: Array<{ cypher: string; ms: number; rows: number }>;
}

interface EngineResult {
  engine: Engine;
  generation: Omit<GenerateReport, 'catalog'>;
  picks: Picks;
  settings: string;
  results: QueryResult[];
  wallS: number;
}

function options(flags: Map<string, string>): Options {
  const num = (name: string, dflt: number, min: number): number => {
    const raw = flags.get(name);
    if (raw === undefined) return dflt;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number ≥ ${min}, not "${raw}"`);
    return v;
  };
  const engines = (flags.get('engines') ?? flags.get('engine') ?? 'kuzu,neo4j').split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of engines) if (e !== 'kuzu' && e !== 'neo4j') throw new Error(`unknown engine "${e}" (kuzu, neo4j)`);
  return {
    engines: engines as Engine[],
    iterations: Math.floor(num('iterations', 50, 1)),
    warmup: Math.floor(num('warmup', 3, 0)),
    budgetS: num('budget', 30, 1),
    minIterations: Math.floor(num('min-iterations', 5, 1)),
    only: flags.get('only') ? new Set(flags.get('only')!.split(',').map((s) => s.trim())) : null,
    out: flags.get('out') ?? null,
    dataDir: flags.get('data-dir') ? path.resolve(flags.get('data-dir')!) : null,
    existing: flags.has('existing'),
    requestTimeoutS: num('request-timeout', 120, 1),
    trace: flags.has('trace'),
  };
}

function loadavg(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(' / ');
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

// ---------------------------------------------------------------------------
// Neo4j lifecycle

const startedNeo4j = new Set<string>();

async function startNeo4j(dir: string): Promise<string> {
  startedNeo4j.add(dir);
  const { stdout } = await run('bash', [path.join(REPO, 'scripts/neo4j/start.sh'), dir], { cwd: REPO, maxBuffer: 1024 * 1024 });
  const url = /^NEO4J_URL=(.+)$/m.exec(stdout)?.[1]?.trim();
  if (!url) throw new Error(`scripts/neo4j/start.sh printed no NEO4J_URL:\n${stdout}`);
  return url;
}

function stopNeo4j(dir: string, keep = false): void {
  if (!startedNeo4j.delete(dir)) return;
  spawnSync('bash', [path.join(REPO, 'scripts/neo4j/stop.sh'), dir, ...(keep ? ['--keep'] : [])], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Transactions still running on the server besides this check. Neo4j 5.26 does not stop a
 * `SHORTEST` pattern when its transaction times out: it stays "Terminated" and keeps a core
 * busy, which would slow every later measurement.
 */
async function lingeringTransactions(url: string): Promise<Array<{ query: string; status: string; seconds: number }>> {
  const neo4j = (await import('neo4j-driver')).default;
  const driver = neo4j.driver(url, undefined, { disableLosslessIntegers: true, logging: { level: 'error', logger: () => undefined } });
  const session = driver.session();
  try {
    const r = await session.run('SHOW TRANSACTIONS YIELD currentQuery, status, elapsedTime WHERE NOT currentQuery STARTS WITH "SHOW TRANSACTIONS" RETURN currentQuery AS query, status, elapsedTime.seconds AS seconds');
    return r.records.map((x) => ({ query: String(x.get('query')), status: String(x.get('status')), seconds: Number(x.get('seconds')) }));
  } finally {
    await session.close();
    await driver.close();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const dir of [...startedNeo4j]) stopNeo4j(dir);
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------
// Measuring

/**
 * Counts and times every GraphStore.read the API makes (the store is shared with the
 * in-process API): how many graph round trips a request costs and how much of its
 * time is spent in the graph rather than in resolvers, JSON and HTTP.
 */
interface ReadProbe {
  calls: number;
  /** Wall time with at least one read in flight. */
  ms: number;
  trace: Array<{ cypher: string; ms: number; rows: number }> | null;
  /** Reads not finished yet, by start time (a hung read never reaches the trace). */
  inFlight: Map<number, string>;
}

/**
 * Reads may overlap (resolvers run in parallel; Kuzu then queues them), so each read is
 * charged only the wall time not already charged to another: end − max(start, previous
 * end). Summed, that is the time with a graph read in flight; per statement, its share.
 */
function probeReads(store: GraphStore): ReadProbe {
  const probe: ReadProbe = { calls: 0, ms: 0, trace: null, inFlight: new Map() };
  const original = store.read.bind(store);
  let lastEnd = 0;
  let seq = 0;
  (store as { read: GraphStore['read'] }).read = async <T>(cypher: string, params?: QueryParams, options?: ReadOptions): Promise<T[]> => {
    const t0 = performance.now();
    const id = seq++;
    probe.inFlight.set(id, cypher.replace(/\s+/g, ' ').trim());
    let rows = 0;
    try {
      const out = await original<T>(cypher, params, options);
      rows = out.length;
      return out;
    } finally {
      probe.inFlight.delete(id);
      const end = performance.now();
      const ms = Math.max(0, end - Math.max(t0, lastEnd));
      lastEnd = Math.max(lastEnd, end);
      probe.calls += 1;
      probe.ms += ms;
      probe.trace?.push({ cypher: cypher.replace(/\s+/g, ' ').trim(), ms, rows });
    }
  };
  return probe;
}

interface Response {
  ms: number;
  bytes: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message?: string; extensions?: { code?: string } }> };
}

async function post(url: string, q: BenchQuery, timeoutS: number): Promise<Response> {
  const t0 = performance.now();
  let res: globalThis.Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query, variables: q.variables }),
      signal: AbortSignal.timeout(timeoutS * 1000),
    });
    text = await res.text();
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no response within ${timeoutS} s (--request-timeout)` : `${e.message}${e.cause ? ` (${e.cause.code ?? ''} ${e.cause.message ?? ''})` : ''}`;
    return { ms: performance.now() - t0, bytes: 0, body: { errors: [{ message: why, extensions: { code: 'HTTP_FAILED' } }] } };
  }
  const ms = performance.now() - t0;
  let body: Response['body'];
  try {
    body = JSON.parse(text) as Response['body'];
  } catch {
    body = { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 200)}` }] };
  }
  if (!res.ok && !body.errors) body.errors = [{ message: `HTTP ${res.status}` }];
  return { ms, bytes: Buffer.byteLength(text), body };
}

function errorText(r: Response): string | null {
  if (!r.body.errors || r.body.errors.length === 0) return null;
  const e = r.body.errors[0]!;
  return `${e.extensions?.code ?? 'ERROR'}: ${e.message ?? ''}`.slice(0, 300);
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function measure(url: string, q: BenchQuery, o: Options, probe: ReadProbe, log: (s: string) => void): Promise<QueryResult> {
  const base: QueryResult = {
    name: q.name, about: q.about, n: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0, bytes: 0, answer: '', error: null,
    readsPerRequest: 0, graphMsPerRequest: 0, slowest: [],
  };
  let warmMs = 0;
  let first: Response | null = null;
  let slowest: QueryResult['slowest'] = [];
  for (let i = 0; i < Math.max(1, o.warmup); i++) {
    probe.trace = [];
    const r = await post(url, q, o.requestTimeoutS);
    slowest = summarizeTrace(probe.trace);
    if (o.trace && i === Math.max(1, o.warmup) - 1) {
      log(`  trace of ${q.name} (${r.ms.toFixed(1)} ms):`);
      for (const t of probe.trace) log(`    ${fmt(t.ms).padStart(9)} ${String(t.rows).padStart(6)} rows  ${t.cypher.slice(0, 220)}`);
    }
    probe.trace = null;
    const err = errorText(r);
    if (err) {
      const hung = [...probe.inFlight.values()];
      return { ...base, slowest, error: `${err} (${r.ms.toFixed(0)} ms)${hung.length > 0 ? `; still waiting for: ${hung[0]!.slice(0, 200)}` : ''}` };
    }
    first ??= r;
    warmMs = r.ms;
    // A slow query is warm after one run; more warm-up would only spend the time budget.
    if (r.ms > (o.budgetS * 1000) / 10) break;
  }
  const answer = first?.body.data && q.summarize ? q.summarize(first.body.data) : '';
  const n = Math.max(o.minIterations, Math.min(o.iterations, Math.floor((o.budgetS * 1000) / Math.max(warmMs, 0.1))));
  const times: number[] = [];
  const [calls0, ms0] = [probe.calls, probe.ms];
  for (let i = 0; i < n; i++) {
    const r = await post(url, q, o.requestTimeoutS);
    const err = errorText(r);
    if (err) return { ...base, answer, error: `${err} (iteration ${i + 1})` };
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const result: QueryResult = {
    ...base, n, answer, bytes: first?.bytes ?? 0,
    p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99),
    mean: times.reduce((s, t) => s + t, 0) / n, max: times[n - 1]!,
    readsPerRequest: (probe.calls - calls0) / n, graphMsPerRequest: (probe.ms - ms0) / n, slowest,
  };
  log(`  ${q.name.padEnd(30)} p50 ${fmt(result.p50).padStart(9)}  p95 ${fmt(result.p95).padStart(9)}  n=${n}  ${answer}  (${result.readsPerRequest.toFixed(0)} graph reads, ${fmt(result.graphMsPerRequest)} in the graph)`);
  return result;
}

/** The three slowest distinct statements of a traced request (times summed per statement text). */
function summarizeTrace(trace: ReadProbe['trace']): QueryResult['slowest'] {
  const by = new Map<string, { cypher: string; ms: number; rows: number; calls: number }>();
  for (const t of trace ?? []) {
    const e = by.get(t.cypher) ?? { cypher: t.cypher, ms: 0, rows: 0, calls: 0 };
    e.ms += t.ms;
    e.rows += t.rows;
    e.calls += 1;
    by.set(t.cypher, e);
  }
  return [...by.values()].sort((a, b) => b.ms - a.ms).slice(0, 3)
    .map((e) => ({ cypher: e.calls > 1 ? `${e.calls}× ${e.cypher}` : e.cypher, ms: e.ms, rows: e.rows }));
}

// ---------------------------------------------------------------------------
// One engine

/**
 * Both engines start the query phase from a freshly opened store (and Neo4j again after a
 * restart): one scan of every node key and edge `doc` loads the page cache / buffer pool
 * the same way for both before anything is timed.
 */
async function warmCache(store: GraphStore, log: (s: string) => void): Promise<void> {
  const t0 = performance.now();
  await store.read('MATCH (n) RETURN count(n.key) AS c', {}, { timeoutMs: 600_000 });
  await store.read('MATCH ()-[r]->() RETURN count(r.doc) AS c', {}, { timeoutMs: 600_000 });
  log(`  cache warmed (every node key and edge doc read once) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function benchEnv(engine: Engine, dataDir: string, neo4jUrl: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SUPPLYGRAPH_DATA_DIR: dataDir,
    SUPPLYGRAPH_GRAPH: engine,
    SUPPLYGRAPH_HOST: '127.0.0.1',
    SUPPLYGRAPH_PORT: '0',
    SUPPLYGRAPH_LOG_LEVEL: process.env.SUPPLYGRAPH_LOG_LEVEL ?? 'warn',
    SUPPLYGRAPH_QUEUE: 'memory',
    SUPPLYGRAPH_WORKER: 'false',
    // The benchmark client is one caller sending hundreds of requests a minute.
    SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE: '0',
  };
  for (const v of ['REDIS_URL', 'SUPPLYGRAPH_API_TOKENS', 'SUPPLYGRAPH_API_TOKENS_FILE', 'SUPPLYGRAPH_ANONYMOUS_READ', 'SUPPLYGRAPH_BLOB_DIR']) delete env[v];
  if (neo4jUrl) env.NEO4J_URL = neo4jUrl;
  else delete env.NEO4J_URL;
  return env;
}

async function runEngine(engine: Engine, flags: Map<string, string>, o: Options, log: (s: string) => void): Promise<EngineResult> {
  const started = performance.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), `supplygraph-bench-query-${engine}-`));
  const dataDir = engine === 'kuzu' && o.dataDir ? o.dataDir : tmp;
  let neo4jDir: string | null = null;
  try {
    let neo4jUrl: string | null = null;
    if (engine === 'neo4j') {
      neo4jUrl = process.env.NEO4J_URL ?? null;
      if (!neo4jUrl) {
        neo4jDir = path.join(tmp, 'neo4j');
        log('starting Neo4j (scripts/neo4j/start.sh)…');
        neo4jUrl = await startNeo4j(neo4jDir);
      }
    }
    const config: Config = loadConfig(benchEnv(engine, dataDir, neo4jUrl));
    const params = paramsFrom(flags, process.env, 1);
    const settings = engine === 'kuzu'
      ? `Kuzu buffer pool ${config.graph.kuzuBufferPoolBytes / 1024 ** 2} MiB`
      : neo4jDir ? `Neo4j 5.26 via scripts/neo4j/start.sh: heap ${process.env.NEO4J_HEAP ?? '2g'}, page cache ${process.env.NEO4J_PAGECACHE ?? '512m'}` : `Neo4j at ${neo4jUrl}`;

    const store = await openGraphStore(config);
    let generation: GenerateReport;
    try {
      const before = await store.counts();
      if (o.existing) {
        if (before.nodes === 0) throw new Error(`--existing: the ${engine} graph at ${neo4jUrl ?? dataDir} is empty`);
        log(`[${engine}] benchmarking the existing graph (${before.nodes} nodes, ${before.edges} edges); recomputing the catalog for the same parameters…`);
        const t0 = performance.now();
        const catalog = await dryCatalog(params);
        generation = { params, engine, totalMs: 0, phases: [], matching: { edgesAdded: 0, ms: performance.now() - t0 }, counts: before, catalog };
      } else {
        if (before.nodes > 0) throw new Error(`the ${engine} graph at ${neo4jUrl ?? dataDir} is not empty (${before.nodes} nodes); the benchmark needs an empty database (or --existing for one generated with the same parameters)`);
        log(`[${engine}] generating (${settings})…`);
        generation = await generateGraph(store, params, (l) => log(`[${engine}] ${l}`));
      }
    } finally {
      await store.close();
    }
    if (!o.existing) log(formatGenerateReport(generation).split('\n').map((l) => `[${engine}] ${l}`).join('\n'));

    const picks = choosePicks(generation.catalog, generation.catalog.affects);
    const queries = benchmarkQueries(picks).filter((q) => !o.only || o.only.has(q.name));
    log(`[${engine}] starting the API in-process and running ${queries.length} queries…`);
    let runtime = await startRuntime(config, { api: true, worker: false });
    await warmCache(runtime.store, log);
    let probe = probeReads(runtime.store);
    const results: QueryResult[] = [];
    try {
      for (const q of queries) {
        const port = (runtime.api!.server.address() as AddressInfo).port;
        const r = await measure(`http://127.0.0.1:${port}/graphql`, q, o, probe, log);
        if (r.error) log(`  ${q.name.padEnd(30)} ERROR ${r.error}`);
        results.push(r);
        if (r.error && engine === 'neo4j' && neo4jUrl) {
          // Give the server a moment to end the failed request's transactions, then look.
          await new Promise((res) => setTimeout(res, 2000));
          const left = await lingeringTransactions(neo4jUrl);
          if (left.length > 0) {
            const what = `${left.length} transaction(s) kept running on the server after the error (${[...new Set(left.map((t) => t.status))].join(', ')}; ${left[0]!.query.replace(/\s+/g, ' ').slice(0, 120)}…)`;
            if (neo4jDir) {
              r.error += ` [${what}; Neo4j restarted before the next query]`;
              log(`  ${what}: restarting Neo4j so they do not slow the next measurements…`);
              await runtime.close();
              stopNeo4j(neo4jDir, true);
              const again = await startNeo4j(neo4jDir);
              if (again !== neo4jUrl) throw new Error(`Neo4j came back on ${again}, not ${neo4jUrl}`);
              runtime = await startRuntime(config, { api: true, worker: false });
              await warmCache(runtime.store, log);
              probe = probeReads(runtime.store);
            } else {
              r.error += ` [${what}; not restarted (NEO4J_URL given): later figures may be slowed]`;
              log(`  WARNING ${what}; later figures may be slowed`);
            }
          }
        }
      }
    } finally {
      await runtime.close();
    }
    const { catalog: _catalog, ...rest } = generation;
    return { engine, generation: rest, picks, settings, results, wallS: (performance.now() - started) / 1000 };
  } finally {
    if (neo4jDir) {
      log('stopping Neo4j…');
      stopNeo4j(neo4jDir);
    }
    await rm(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Report

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

export function formatTable(engines: EngineResult[]): string {
  const names = [...new Set(engines.flatMap((e) => e.results.map((r) => r.name)))];
  const header = ['query', 'answer (first engine)', ...engines.flatMap((e) => [`${e.engine} p50`, 'p95', 'p99', 'n'])];
  const rows = names.map((name) => {
    const cells = [name];
    const answers = engines.map((e) => e.results.find((r) => r.name === name)).map((r) => (r ? (r.error ? 'error' : r.answer) : '—'));
    const differ = answers.some((a, i) => a !== answers[0] && a !== 'error' && answers[i] !== '—' && answers[0] !== 'error');
    cells.push(differ ? answers.map((a, i) => `${engines[i]!.engine}: ${a}`).join(' / ') : (answers.find((a) => a !== 'error') ?? answers[0] ?? ''));
    for (const e of engines) {
      const r = e.results.find((x) => x.name === name);
      if (!r) cells.push('—', '', '', '');
      else if (r.error) cells.push(`ERROR`, '', '', '');
      else cells.push(fmt(r.p50), `${fmt(r.p95)}${r.p95 < 100 ? '' : ' ✗'}`, fmt(r.p99), String(r.n));
    }
    return cells;
  });
  const line = (c: string[]): string => `| ${c.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** Per query and engine: graph reads per request, time in the graph, and the slowest statement. */
function formatTimeSplit(engines: EngineResult[]): string[] {
  const out: string[] = [];
  for (const e of engines) {
    out.push('', `where the time goes — ${e.engine} (mean per request: GraphStore.read calls and the time with one in flight; then the statement that took most of one warm request, its share of the time, rows):`);
    for (const r of e.results) {
      const top = r.slowest[0];
      const stmt = top ? `${fmt(top.ms)} ${top.rows} rows: ${top.cypher.length > 160 ? `${top.cypher.slice(0, 157)}...` : top.cypher}` : '';
      out.push(r.error
        ? `- ${r.name}: error${stmt ? `; slowest before it: ${stmt}` : ''}`
        : `- ${r.name}: ${r.readsPerRequest.toFixed(0)} reads, ${fmt(r.graphMsPerRequest)} of ${fmt(r.mean)} with a graph read in flight; ${stmt}`);
    }
  }
  return out;
}

function formatErrors(engines: EngineResult[]): string[] {
  return engines.flatMap((e) => e.results.filter((r) => r.error).map((r) => `- ${e.engine} ${r.name}: ${r.error}`));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flags = parseFlags(argv);
  const o = options(flags);
  const log = (s: string): void => console.error(s);
  const loadAtStart = loadavg();
  const t0 = performance.now();
  const engines: EngineResult[] = [];
  for (const engine of o.engines) engines.push(await runEngine(engine, flags, o, log));
  const wallS = (performance.now() - t0) / 1000;

  const out: string[] = [];
  out.push(`bench:query — ${new Date().toISOString()}`);
  out.push(`command: npm run bench:query${argv.length ? ` -- ${argv.join(' ')}` : ''}`);
  out.push(`machine: ${machineLine()}`);
  out.push(`load average (1/5/15 min) at start ${loadAtStart}, at end ${loadavg()} (other processes on the machine share its ${os.cpus().length} cores)`);
  const first = engines[0];
  if (first) {
    const p = first.generation.params;
    out.push(`graph: seed ${p.seed}, ${p.sboms} SBOMs over a universe of ${p.universe} package versions (zipf ${p.zipf}), ${p.models} models, ${p.signatures} signatures, ${p.advisories} advisories, ${p.vexDocs} VEX documents`);
  }
  for (const e of engines) {
    out.push('');
    out.push(`## ${e.engine} (${e.settings}) — engine total ${e.wallS.toFixed(0)} s`);
    out.push(e.generation.phases.length === 0
      ? 'generation: none (--existing: a graph generated earlier with the same parameters)'
      : `generation: ${(e.generation.totalMs / 1000).toFixed(1)} s (${e.generation.phases.map((ph) => `${ph.name} ${(ph.ms / 1000).toFixed(1)} s`).join(', ')})`);
    out.push(formatCounts(e.generation.counts));
  }
  if (first) {
    const p = first.picks;
    out.push('');
    out.push('arguments picked from the generated graph:');
    out.push(`  most popular version ${p.topVersion.purl} (${p.topVersion.sboms} SBOMs); package ${p.topPackage.purl} (${p.topPackage.versions} versions)`);
    out.push(`  mid-popularity ${p.midVersion.purl} (${p.midVersion.sboms} SBOMs); leaf ${p.leafVersion.purl} (${p.leafVersion.sboms} SBOM)`);
    out.push(`  largest SBOM ${p.largeSbom.id} (${p.largeSbom.components} components, subject ${p.largeSbom.subject}); median ${p.typicalSbom.components} components`);
    out.push(`  model ${p.model.purl} (${p.model.signatures} signatures); vulnerabilities ${p.vulnTop.id} (${p.vulnTop.versions} versions / ${p.vulnTop.sboms} SBOM listings), ${p.vulnMid.id} (${p.vulnMid.versions} / ${p.vulnMid.sboms})`);
  }
  out.push('');
  out.push(`latency per HTTP GraphQL request (warm-up ${o.warmup}, then up to ${o.iterations} timed requests within ${o.budgetS} s per query, at least ${o.minIterations}; nearest-rank percentiles; ✗ = p95 ≥ 100 ms):`);
  out.push('');
  out.push(formatTable(engines));
  const errors = formatErrors(engines);
  if (errors.length > 0) out.push('', 'errors (not timed):', ...errors);
  out.push(...formatTimeSplit(engines));
  out.push('', `total wall time ${(wallS / 60).toFixed(1)} min`);
  console.log(out.join('\n'));
  if (o.out) {
    await writeFile(o.out, JSON.stringify({ machine: machineLine(), argv, wallS, engines }, null, 2));
    log(`results written to ${o.out}`);
  }
}

main().catch((err: unknown) => {
  for (const dir of [...startedNeo4j]) stopNeo4j(dir);
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
