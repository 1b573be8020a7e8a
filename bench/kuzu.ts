/**
 * The embedded figure: every document through decode, parser and the Kuzu
 * writer (on a fresh temp dir each run), one after the other in this process,
 * as the in-process worker of `supplygraph serve` does — without the HTTP
 * upload and the queue around it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parserFor } from '../ingestors/registry.js';
import { KuzuGraphStore } from '../services/graph/kuzu/kuzu-store.js';
import type { GraphCounts } from '../services/graph/store.js';
import { documentInput, machineCpuSeconds, medianIndex, mib, ownCpuSeconds, ownPeakRss, seconds, type BenchRow, type Corpus } from './support.js';

interface KuzuRun {
  wallS: number;
  parseS: number;
  writeS: number;
  cpuS: number;
  /** CPU used by every other process meanwhile. */
  otherCpuS: number;
  counts: GraphCounts;
}

async function runOnce(corpus: Corpus): Promise<KuzuRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-bench-'));
  try {
    const store = await KuzuGraphStore.open({ directory: path.join(dir, 'graph.kuzu') });
    try {
      await store.migrate();
      let parseMs = 0;
      let writeMs = 0;
      const cpu0 = ownCpuSeconds();
      const machine0 = machineCpuSeconds();
      const t0 = performance.now();
      for (const f of corpus.files) {
        const p0 = performance.now();
        const input = documentInput(f.bytes, f.sha256);
        const batch = await parserFor(input).parse(input);
        const p1 = performance.now();
        await store.writeBatch(batch);
        parseMs += p1 - p0;
        writeMs += performance.now() - p1;
      }
      const wallS = (performance.now() - t0) / 1000;
      const cpuS = ownCpuSeconds() - cpu0;
      const otherCpuS = machineCpuSeconds() - machine0 - cpuS;
      return { wallS, parseS: parseMs / 1000, writeS: writeMs / 1000, cpuS, otherCpuS, counts: await store.counts() };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `warmup`: one untimed pass first (this process's JIT), as the Neo4j setups get. */
export async function runKuzu(corpus: Corpus, repeat: number, warmup = true): Promise<BenchRow> {
  if (warmup) await runOnce(corpus);
  const runs: KuzuRun[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await runOnce(corpus));
  const m = runs[medianIndex(runs.map((r) => r.wallS))]!;
  const wall = runs.reduce((s, r) => s + r.wallS, 0);
  const cores = runs.reduce((s, r) => s + r.cpuS, 0) / wall;
  const others = runs.reduce((s, r) => s + r.otherCpuS, 0) / wall;
  return {
    setup: 'kuzu / none, direct writeBatch / in-process',
    wallS: m.wallS,
    docs: corpus.files.length,
    components: corpus.components,
    nodes: m.counts.nodes,
    edges: m.counts.edges,
    peakRss: `${mib(ownPeakRss())} (bench process)`,
    details: [
      `kuzu: runs ${seconds(runs.map((r) => r.wallS))} s; median run: parse ${m.parseS.toFixed(2)} s, graph write ${m.writeS.toFixed(2)} s (one transaction per document, one document at a time); CPU busy during the runs, in cores: bench process ${cores.toFixed(2)}, other processes on the machine ${Number.isNaN(others) ? 'n/a' : Math.max(0, others).toFixed(2)}`,
    ],
  };
}
