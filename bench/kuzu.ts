/**
 * The embedded figure: every document through decode, parser and the Kuzu
 * writer (on a temp dir), one after the other in this process, as the
 * in-process worker of `supplygraph serve` does — without the HTTP upload and
 * the queue around it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parserFor } from '../ingestors/registry.js';
import { KuzuGraphStore } from '../services/graph/kuzu/kuzu-store.js';
import { documentInput, mib, ownPeakRss, type BenchRow, type Corpus } from './support.js';

export async function runKuzu(corpus: Corpus): Promise<BenchRow> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-bench-'));
  try {
    const store = await KuzuGraphStore.open({ directory: path.join(dir, 'graph.kuzu') });
    try {
      await store.migrate();
      let parseMs = 0;
      let writeMs = 0;
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
      const counts = await store.counts();
      return {
        setup: 'kuzu / none, direct writeBatch / in-process',
        wallS,
        docs: corpus.files.length,
        components: corpus.components,
        nodes: counts.nodes,
        edges: counts.edges,
        peakRss: `${mib(ownPeakRss())} (bench process)`,
        details: [
          `kuzu: graph ${counts.nodes} nodes, ${counts.edges} edges; parse ${(parseMs / 1000).toFixed(2)} s, graph write ${(writeMs / 1000).toFixed(2)} s (one transaction per document, one at a time)`,
        ],
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
