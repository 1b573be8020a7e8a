/**
 * A generated CycloneDX SBOM of a given size, end to end through a real
 * `supplygraph serve` child process: upload → job done, per engine. Reports wall
 * time, the server's peak RSS (VmHWM: V8 heap and the engine's native
 * buffers), the parse processes' peak RSS, the sampled peak of the two
 * together and, for Neo4j, the Neo4j server's own peak RSS sampled
 * while the job runs. The machine, date and load average are printed with the
 * figures (docs/performance.md, "Large documents").
 *   npx tsx bench/large-document.ts [--size MB] [--engines kuzu,neo4j] [--chunk-rows N] [--abort-rss-mb N]
 * Neo4j: NEO4J_URL (and NEO4J_PID for its RSS) of a running server, or one is
 * started with scripts/neo4j/start.sh (the scripts' default memory settings) and stopped after.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Neo4jGraphStore } from '../services/graph/neo4j/neo4j-store.js';
import { largeSbom } from '../test/support/large-sbom.js';
import { wipeNeo4j } from '../test/support/engines.js';

const run = promisify(execFile);
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

const sizeMb = Number(arg('size', '100'));
const engines = arg('engines', 'kuzu').split(',').map((e) => e.trim()) as Array<'kuzu' | 'neo4j'>;
const chunkRows = arg('chunk-rows', '');
/** The machine is shared: a server past this RSS is stopped and the run reported as aborted. */
const abortRssBytes = Number(arg('abort-rss-mb', '10000')) * 1024 ** 2;

/** Components for `sizeMb`: the generator's output grows linearly, so one sample sets the rate. */
const perComponent = largeSbom(2000).byteLength / 2000;
const components = Math.round((sizeMb * 1024 ** 2) / perComponent);
let t = performance.now();
const doc = largeSbom(components);
const genMs = performance.now() - t;

async function status(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(text);
  return m ? Number(m[1]) * 1024 : 0;
}

/** The server's parse processes (its direct children). */
async function childPids(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MiB`;

async function neo4jServer(): Promise<{ url: string; pid: number | null; stop(): Promise<void> }> {
  if (process.env.NEO4J_URL) return { url: process.env.NEO4J_URL, pid: process.env.NEO4J_PID ? Number(process.env.NEO4J_PID) : null, stop: async () => undefined };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-bench-neo4j-'));
  const { stdout } = await run('bash', ['scripts/neo4j/start.sh', dir], { timeout: 300_000 });
  const env = Object.fromEntries(stdout.trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
  return {
    url: env.NEO4J_URL!,
    pid: env.NEO4J_PID ? Number(env.NEO4J_PID) : null,
    stop: async () => { await run('bash', ['scripts/neo4j/stop.sh', dir]); },
  };
}

async function once(engine: 'kuzu' | 'neo4j'): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-large-'));
  const neo = engine === 'neo4j' ? await neo4jServer() : null;
  if (neo) {
    const s = await Neo4jGraphStore.open({ url: neo.url });
    await wipeNeo4j(s);
    await s.close();
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'serve'], {
    env: {
      ...process.env, SUPPLYGRAPH_DATA_DIR: dataDir, SUPPLYGRAPH_PORT: '0', SUPPLYGRAPH_LOG_LEVEL: 'warn', SUPPLYGRAPH_QUEUE: 'memory',
      SUPPLYGRAPH_MAX_UPLOAD_BYTES: String(2 * doc.byteLength), SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES: String(2 * doc.byteLength),
      ...(chunkRows ? { SUPPLYGRAPH_WRITE_CHUNK_ROWS: chunkRows } : {}),
      ...(neo ? { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo.url } : { SUPPLYGRAPH_GRAPH: 'kuzu' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  try {
    let url: string | undefined;
    for (let i = 0; i < 1200 && !(url = /listening on (http:\/\/\S+)/.exec(out)?.[1]); i++) {
      if (child.exitCode !== null) throw new Error(`the server exited: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!url) throw new Error(`the server did not start: ${out}`);
    const idleRss = await status(child.pid!, 'VmRSS');
    let neoPeak = 0;
    let parsePeak = 0;
    let togetherPeak = 0;
    const parsePids = new Set<number>();
    let aborted = false;
    const sampler = setInterval(() => {
      if (neo?.pid) void status(neo.pid, 'VmRSS').then((r) => { neoPeak = Math.max(neoPeak, r); });
      void (async () => {
        const kids = await childPids(child.pid!);
        for (const k of kids) parsePids.add(k);
        const [server, ...parsers] = await Promise.all([status(child.pid!, 'VmRSS'), ...kids.map((k) => status(k, 'VmRSS'))]);
        const parsing = parsers.reduce((a, b) => a + b, 0);
        togetherPeak = Math.max(togetherPeak, server! + parsing);
        if (server! + parsing > abortRssBytes && !aborted) { aborted = true; child.kill('SIGKILL'); }
      })();
    }, 100);
    t = performance.now();
    const res = await fetch(`${url}/api/v1/documents?filename=large.cdx.json`, { method: 'POST', body: doc, headers: { 'content-type': 'application/json' } });
    if (res.status !== 202) throw new Error(`upload: HTTP ${res.status} ${await res.text()}`);
    const { jobId } = (await res.json()) as { jobId: string };
    let job: { state: string; failure?: unknown; result?: { nodes: number; edges: number; timings: { readMs: number; parseMs: number; writeMs: number } } };
    for (;;) {
      if (aborted) throw new Error(`aborted: the server passed ${mib(abortRssBytes)} RSS (--abort-rss-mb)`);
      job = (await (await fetch(`${url}/api/v1/jobs/${jobId}`)).json()) as typeof job;
      if (job.state === 'completed' || job.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallMs = performance.now() - t;
    clearInterval(sampler);
    const peak = await status(child.pid!, 'VmHWM');
    for (const k of parsePids) parsePeak = Math.max(parsePeak, await status(k, 'VmHWM'));
    const r = job.result;
    console.log(`${engine}: ${job.state}${job.failure ? ` ${JSON.stringify(job.failure)}` : ''}; upload to job done ${(wallMs / 1000).toFixed(1)} s` +
      (r ? ` (${r.nodes} nodes and ${r.edges} edges; read ${(r.timings.readMs / 1000).toFixed(1)} s, decode+parse ${(r.timings.parseMs / 1000).toFixed(1)} s, write+match ${(r.timings.writeMs / 1000).toFixed(1)} s)` : '') +
      `; server peak RSS ${mib(peak)} (idle ${mib(idleRss)}), parse process peak RSS ${mib(parsePeak)}, the two together ${mib(togetherPeak)} (sampled every 100 ms)` + (neo ? `; Neo4j peak RSS ${neo.pid ? mib(neoPeak) : 'unknown (set NEO4J_PID)'}` : ''));
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await neo?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const cpus = os.cpus();
console.log(`date: ${new Date().toISOString()}; machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`document: ${(doc.byteLength / 1024 ** 2).toFixed(1)} MiB CycloneDX JSON, ${components} components (generated in ${(genMs / 1000).toFixed(1)} s)`);
for (const engine of engines) await once(engine);
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
