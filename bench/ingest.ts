/**
 * Ingest benchmark: the 18 syft CycloneDX SBOMs of the GUAC corpus through the
 * parser and the embedded graph writer (Kuzu on a temp dir), as the worker does.
 * Prints docs/s, components/s, wall time, peak RSS and the machine.
 *   npm run bench
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeDocument } from '../ingestors/common/decode.js';
import { parserFor } from '../ingestors/registry.js';
import { KuzuGraphStore } from '../services/graph/kuzu/kuzu-store.js';

const shared = process.env.SUPPLYGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '..', 'shared');
const corpus = path.join(shared, 'corpora', 'guac-data-docs', 'cyclonedx');

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);

const files = (await readdir(corpus)).filter((f) => f.endsWith('.json')).sort();
const dir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-bench-'));
const store = await KuzuGraphStore.open({ directory: path.join(dir, 'graph.kuzu') });
await store.migrate();

let components = 0;
let bytes = 0;
let parseMs = 0;
let writeMs = 0;
const t0 = performance.now();
for (const f of files) {
  const raw = await readFile(path.join(corpus, f));
  bytes += raw.byteLength;
  const p0 = performance.now();
  const decoded = decodeDocument(raw);
  const input = { bytes: raw, sha256: createHash('sha256').update(raw).digest('hex'), json: decoded.json, text: decoded.text, options: {}, ingestedAt: new Date().toISOString() };
  const batch = await parserFor(input).parse(input);
  const p1 = performance.now();
  await store.writeBatch(batch);
  const p2 = performance.now();
  parseMs += p1 - p0;
  writeMs += p2 - p1;
  components += batch.document.componentCount;
}
const wall = (performance.now() - t0) / 1000;
const counts = await store.counts();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await store.close();
await rm(dir, { recursive: true, force: true });

const cpus = os.cpus();
console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`corpus: ${files.length} CycloneDX SBOMs (GUAC guac-data-docs/cyclonedx), ${(bytes / 1024 ** 2).toFixed(1)} MiB, ${components} components`);
console.log(`engine: kuzu (embedded), one transaction per document`);
console.log(`graph: ${counts.nodes} nodes, ${counts.edges} edges`);
console.log(`wall ${wall.toFixed(2)} s | ${(files.length / wall).toFixed(1)} docs/s | ${(components / wall).toFixed(0)} components/s | parse ${(parseMs / 1000).toFixed(2)} s, graph write ${(writeMs / 1000).toFixed(2)} s | ${((counts.nodes + counts.edges) / (writeMs / 1000)).toFixed(0)} nodes+edges/s written | peak RSS ${(peakRss / 1024 ** 2).toFixed(0)} MiB`);
