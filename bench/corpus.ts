/**
 * End-to-end ingest benchmark, as a user runs it: the whole GUAC corpus
 * (SUPPLYGRAPH_SHARED_DIR/corpora/guac-data-docs: 67 documents — syft CycloneDX
 * and SPDX SBOMs, SLSA provenance, Scorecard results) uploaded with
 * `supplygraph ingest <dir> --json` to a real `supplygraph serve`, timed from the
 * first upload to the last job done; then the same corpus on Neo4j + BullMQ with
 * `serve --no-worker` and `supplygraph worker` processes, on a Neo4j and Redis
 * started for the run (empty, cold: a new deployment).
 *
 * Prints the machine, the date, and per setup: wall time, documents/s, graph
 * writes/s (nodes + edges stored / wall), peak RSS of the server (and workers),
 * the graph's size on disk per MB of input, and which documents were not read
 * (with their failure code). Compiled code (dist/, `npm run build`) is run, as
 * `npm start` does.
 *
 *   npm run bench                          # embedded, then Neo4j with 1 and 2 workers
 *   npm run bench -- --engines kuzu        # only the embedded default
 *   npm run bench -- --workers 2 --repeat 3
 *   npm run bench -- --corpus DIR          # another folder of documents
 *
 * Neo4j and Redis are throwaway servers (scripts/{neo4j,redis}/start.sh); a
 * REDIS_URL given is used, a NEO4J_URL given is refused (the run needs an empty
 * database).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { REPO, machineLine, medianIndex, mib, peakRssOf } from './support.js';

const run = promisify(execFile);
const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'kuzu,neo4j' },
    workers: { type: 'string', default: '1,2' },
    repeat: { type: 'string', default: '1' },
    corpus: { type: 'string' },
  },
});
const shared = process.env.SUPPLYGRAPH_SHARED_DIR ?? path.resolve(REPO, '..', 'shared');
const corpus = path.resolve(args.corpus ?? path.join(shared, 'corpora', 'guac-data-docs'));
const engines = args.engines.split(',').map((s) => s.trim());
const workerCounts = args.workers.split(',').map(Number);
const repeat = Number(args.repeat);
const cli = path.join(REPO, 'bin', 'supplygraph.js');

interface Proc { child: ChildProcess; out: () => string; exited: Promise<void> }

function start(argv: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [cli, ...argv], { env: { ...process.env, SUPPLYGRAPH_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out, exited: new Promise((r) => child.on('exit', () => r())) };
}

async function until<T>(what: string, probe: () => T | null | undefined, output: () => string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}; its output:\n${output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sizeOf(p: string): Promise<number> {
  const s = await stat(p).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const e of await readdir(p)) total += await sizeOf(path.join(p, e));
  return total;
}

async function stats(url: string): Promise<{ nodes: number; edges: number }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodes edges } }' }) });
  return ((await res.json()) as { data: { stats: { nodes: number; edges: number } } }).data.stats;
}

interface IngestReport { files: Array<{ file: string; status: string | null; failure: { code: string } | null }> }

/** `supplygraph ingest <corpus> --json` against `url`; wall time from start to the last job done. */
async function ingest(url: string): Promise<{ wallS: number; report: IngestReport }> {
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, [cli, 'ingest', corpus, '--json', '--server', url], { maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '{}' }));
  return { wallS: (performance.now() - t0) / 1000, report: JSON.parse(stdout) as IngestReport };
}

interface Row { setup: string; wallS: number[]; docs: number; nodes: number; edges: number; rss: number; disk: number | null; unread: Map<string, number> }

async function embedded(): Promise<Row> {
  const row: Row = { setup: 'kuzu (embedded) / in-process queue', wallS: [], docs: 0, nodes: 0, edges: 0, rss: 0, disk: null, unread: new Map() };
  for (let i = 0; i < repeat; i++) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-bench-'));
    const server = start(['serve', '--port', '0', '--data-dir', dataDir], { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' });
    try {
      const url = await until('the server', () => /listening on (http:\/\/[\d.:]+)/.exec(server.out())?.[1], server.out);
      const { wallS, report } = await ingest(url);
      row.wallS.push(wallS);
      tally(row, report);
      Object.assign(row, await stats(url));
      row.rss = Math.max(row.rss, peakRssOf(server.child.pid!) ?? 0);
      server.child.kill('SIGTERM');
      await server.exited;
      row.disk = await sizeOf(path.join(dataDir, 'graph.kuzu')) + await sizeOf(path.join(dataDir, 'graph.kuzu.wal'));
    } finally {
      server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return row;
}

async function neo4j(workers: number): Promise<Row> {
  const row: Row = { setup: `neo4j / bullmq / ${workers} worker(s)`, wallS: [], docs: 0, nodes: 0, edges: 0, rss: 0, disk: null, unread: new Map() };
  for (let i = 0; i < repeat; i++) {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-bench-neo4j-'));
    const own = !process.env.NEO4J_URL;
    const neoDir = path.join(tmp, 'neo4j');
    const redisDir = path.join(tmp, 'redis');
    const envOf = async (script: string, dir: string): Promise<Record<string, string>> => {
      const { stdout } = await run('bash', [path.join(REPO, 'scripts', script), dir], { timeout: 300_000 });
      return Object.fromEntries(stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    };
    // The timed pass needs an empty database, as a new deployment has: the bench starts its own.
    if (!own) throw new Error('bench: NEO4J_URL given: the timed pass needs an empty database; let the bench start its own Neo4j');
    const neoEnv = await envOf('neo4j/start.sh', neoDir);
    const redisEnv = process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : await envOf('redis/start.sh', redisDir);
    const env = { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neoEnv.NEO4J_URL!, SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisEnv.REDIS_URL!, SUPPLYGRAPH_QUEUE_NAME: `bench-${Date.now()}`, SUPPLYGRAPH_BLOB_DIR: path.join(tmp, 'blobs') };
    const api = start(['serve', '--no-worker', '--port', '0', '--data-dir', path.join(tmp, 'data')], env);
    const ws = Array.from({ length: workers }, () => start(['worker'], env));
    try {
      const url = await until('the API', () => /listening on (http:\/\/[\d.:]+)/.exec(api.out())?.[1], api.out);
      await until('the workers', () => ws.every((w) => /taking jobs from/i.test(w.out())) || null, () => ws.map((w) => w.out()).join('\n'));
      const { wallS, report } = await ingest(url);
      row.wallS.push(wallS);
      tally(row, report);
      Object.assign(row, await stats(url));
      row.rss = Math.max(row.rss, [api, ...ws].reduce((s, p) => s + (peakRssOf(p.child.pid!) ?? 0), 0));
      // Until a checkpoint, what was written is in the transaction logs, not yet in the store files: both count.
      row.disk = await sizeOf(path.join(neoDir, 'data', 'databases', 'neo4j')) + await sizeOf(path.join(neoDir, 'data', 'transactions', 'neo4j'));
    } finally {
      for (const p of [api, ...ws]) p.child.kill('SIGKILL');
      if (own) await run('bash', [path.join(REPO, 'scripts', 'neo4j/stop.sh'), neoDir]).catch(() => undefined);
      if (!process.env.REDIS_URL) await run('bash', [path.join(REPO, 'scripts', 'redis/stop.sh'), redisDir]).catch(() => undefined);
      await rm(tmp, { recursive: true, force: true });
    }
  }
  return row;
}

function tally(row: Row, report: IngestReport): void {
  row.docs = report.files.length;
  row.unread = new Map();
  for (const f of report.files) if (f.failure) row.unread.set(f.failure.code, (row.unread.get(f.failure.code) ?? 0) + 1);
}

const inputBytes = await sizeOf(corpus);
const rows: Row[] = [];
if (engines.includes('kuzu')) rows.push(await embedded());
if (engines.includes('neo4j')) for (const w of workerCounts) rows.push(await neo4j(w));

console.log(machineLine());
console.log(`date: ${new Date().toISOString()}, load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`corpus: ${corpus} (${rows[0]?.docs ?? 0} documents, ${(inputBytes / 1024 ** 2).toFixed(1)} MiB)`);
console.log('');
const header = ['setup', 'wall (median)', 'docs/s', 'graph writes/s', 'nodes', 'edges', 'peak RSS', 'disk / MB input'];
const body = rows.map((r) => {
  const wall = r.wallS[medianIndex(r.wallS)]!;
  return [r.setup, `${wall.toFixed(2)} s`, (r.docs / wall).toFixed(1), ((r.nodes + r.edges) / wall).toFixed(0), String(r.nodes), String(r.edges), mib(r.rss), r.disk === null ? 'n/a' : `${(r.disk / inputBytes).toFixed(2)} MB`];
});
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
for (const line of [header, widths.map((w) => '-'.repeat(w)), ...body]) console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
for (const r of rows) {
  if (r.wallS.length > 1) console.log(`${r.setup}: runs ${r.wallS.map((s) => s.toFixed(2)).join(', ')} s`);
  if (r.unread.size > 0) console.log(`${r.setup}: not read: ${[...r.unread].map(([code, n]) => `${n} × ${code}`).join(', ')}`);
}
