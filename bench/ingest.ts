/**
 * Ingest benchmark: the 18 syft CycloneDX SBOMs of the GUAC corpus
 * (SUPPLYGRAPH_SHARED_DIR, default <repo>/../shared) ingested
 *   1. into embedded Kuzu, parser + writer in this process (bench/kuzu.ts);
 *   2. into Neo4j through the production path — HTTP upload to an in-process
 *      API, BullMQ on Redis, 1 and then 2 `supplygraph worker` processes
 *      (bench/neo4j-workers.ts).
 * Prints the machine and one table: wall time, docs/s, components/s, graph
 * writes/s (nodes + edges in the graph / wall) and peak RSS.
 *
 *   npm run bench                       # both
 *   npm run bench -- --workers 1,2,4    # other worker counts
 *   npm run bench -- --repeat 5         # timed runs per setup (default 3; the median is shown)
 *   npm run bench -- --kuzu-only
 *   npm run bench -- --no-warmup        # no untimed pass before each setup's timed runs
 *
 * Neo4j and Redis are throwaway servers (scripts/{neo4j,redis}/start.sh, needs
 * Java 17+ and Maven, and redis-server) unless NEO4J_URL / REDIS_URL are set.
 * When the Neo4j part cannot run, the Kuzu figure is still printed and the
 * exit code is 1.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runKuzu } from './kuzu.js';
import { BenchSetupError, runNeo4jWorkers } from './neo4j-workers.js';
import { formatTable, loadCorpus, machineLine, type BenchRow } from './support.js';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2' },
    'kuzu-only': { type: 'boolean', default: false },
    'no-warmup': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
  },
});
const workerCounts = args.workers.split(',').map((s) => Number(s.trim()));
if (workerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 32)) {
  process.stderr.write(`bench: --workers wants a comma-separated list of whole numbers from 1 to 32, got "${args.workers}"\n`);
  process.exit(2);
}

const loadBefore = os.loadavg();
const repeat = Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 50) {
  process.stderr.write(`bench: --repeat wants a whole number from 1 to 50, got "${args.repeat}"\n`);
  process.exit(2);
}
const corpus = await loadCorpus();
const rows: BenchRow[] = [];
const notes: string[] = [];
let exitCode = 0;

process.stderr.write(`bench: kuzu (embedded), ${corpus.files.length} documents, ${repeat} run(s)…\n`);
rows.push(await runKuzu(corpus, repeat, !args['no-warmup']));

if (!args['kuzu-only']) {
  process.stderr.write(`bench: neo4j + bullmq with ${workerCounts.join(', then ')} worker process(es)…\n`);
  try {
    const neo = await runNeo4jWorkers(corpus, { workerCounts, repeat, warmup: !args['no-warmup'] });
    rows.push(...neo.rows);
    notes.push(...neo.notes);
  } catch (err) {
    exitCode = 1;
    const why = err instanceof BenchSetupError ? err.message : (err as Error).stack ?? String(err);
    notes.push(`neo4j + bullmq: NOT MEASURED — ${why}`);
  }
}

const kuzu = rows[0]!;
for (const r of rows) {
  for (const p of r.problems ?? []) {
    exitCode = 1;
    notes.push(`PROBLEM: ${p}`);
  }
}
for (const r of rows.slice(1)) {
  if (r.nodes !== kuzu.nodes || r.edges !== kuzu.edges) {
    exitCode = 1;
    notes.push(`MISMATCH: ${r.setup} left ${r.nodes} nodes, ${r.edges} edges; kuzu ${kuzu.nodes} nodes, ${kuzu.edges} edges`);
  }
}

console.log(machineLine());
const loadAfter = os.loadavg();
console.log(`load average (1 min): ${loadBefore[0]!.toFixed(2)} at start, ${loadAfter[0]!.toFixed(2)} at the end (anything else running on the machine slows every figure)`);
console.log(`corpus: ${corpus.files.length} CycloneDX SBOMs (GUAC guac-data-docs/cyclonedx), ${(corpus.bytes / 1024 ** 2).toFixed(1)} MiB, ${corpus.components} components`);
console.log(`graph: ${kuzu.nodes} nodes, ${kuzu.edges} edges; wall = median of ${repeat} timed run(s) per setup${args['no-warmup'] ? ', no untimed warm-up pass' : ', each after one untimed warm-up pass'}`);
console.log('');
console.log(formatTable(rows));
console.log('');
for (const r of rows) for (const d of r.details) console.log(d);
for (const n of notes) console.log(n);
process.exitCode = exitCode;
