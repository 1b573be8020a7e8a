/**
 * A ~100 MB generated CycloneDX SBOM through the real worker path (blob store →
 * decompress → decode → parse → embedded Kuzu write), in a child process with
 * Node's default heap, reporting time per stage and peak RSS.
 *   npx tsx bench/large-document.ts [--components N]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileSystemBlobStore } from '../services/blobstore/fs-blob-store.js';
import { KuzuGraphStore } from '../services/graph/kuzu/kuzu-store.js';
import { ingestDocument } from '../services/worker/ingest-document.js';
import { createLogger } from '../services/log/logger.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Generated as text in pieces: the document itself must not be built as one object graph here. */
function generate(components: number): Buffer {
  const parts: string[] = ['{"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:00000000-0000-4000-8000-000000000100","version":1,',
    '"metadata":{"timestamp":"2026-01-01T00:00:00Z","component":{"type":"application","bom-ref":"root","name":"monolith","version":"1.0.0","purl":"pkg:npm/monolith@1.0.0"}},"components":['];
  for (let i = 0; i < components; i++) {
    const name = `package-number-${i}-with-a-longish-name`;
    parts.push(`${i ? ',' : ''}{"type":"library","bom-ref":"c${i}","group":"org.example.group${i % 97}","name":"${name}","version":"${1 + (i % 9)}.${i % 13}.${i % 7}",` +
      `"purl":"pkg:maven/org.example.group${i % 97}/${name}@${1 + (i % 9)}.${i % 13}.${i % 7}?type=jar",` +
      `"description":"Generated component ${i} for the large-document benchmark; the text pads it to a realistic size for SBOMs produced by build plugins.",` +
      `"hashes":[{"alg":"SHA-256","content":"${(i.toString(16).padStart(8, '0')).repeat(8)}"},{"alg":"SHA-1","content":"${(i.toString(16).padStart(8, '0')).repeat(5)}"}],` +
      `"licenses":[{"license":{"id":"${['Apache-2.0', 'MIT', 'BSD-3-Clause', 'EPL-2.0'][i % 4]}"}}],` +
      `"externalReferences":[{"type":"website","url":"https://example.com/${name}"},{"type":"vcs","url":"https://github.com/example/${name}.git"}]}`);
  }
  parts.push('],"dependencies":[');
  parts.push(`{"ref":"root","dependsOn":[${Array.from({ length: Math.min(components, 50) }, (_, i) => `"c${i}"`).join(',')}]}`);
  for (let i = 0; i < components; i++) {
    const deps = [1, 2, 3].map((d) => (i * 7 + d * 13) % components).filter((j) => j !== i);
    parts.push(`,{"ref":"c${i}","dependsOn":[${deps.map((j) => `"c${j}"`).join(',')}]}`);
  }
  parts.push(']}');
  return Buffer.from(parts.join(''));
}

const components = arg('components', 75_000);
const dir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-large-'));
let peak = 0;
const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
try {
  let t = performance.now();
  const doc = generate(components);
  const genMs = performance.now() - t;
  await writeFile(path.join(dir, 'big.cdx.json'), doc);
  const blobs = new FileSystemBlobStore(path.join(dir, 'blobs'));
  const blob = await blobs.put(doc);
  const size = doc.byteLength;
  const store = await KuzuGraphStore.open({ directory: path.join(dir, 'graph.kuzu') });
  await store.migrate();
  t = performance.now();
  const result = await ingestDocument({ blobs, graph: store, log: createLogger('silent'), limits: { maxDecompressedBytes: 1024 ** 3 } }, {
    id: 'bench', attempt: 1, updateProgress: async () => undefined,
    data: { blobDigest: blob.digest, byteSize: size, fileName: 'big.cdx.json', submittedAt: new Date().toISOString(), options: {} },
  });
  const totalMs = performance.now() - t;
  await store.close();
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, heap limit ${(Number((await import('node:v8')).getHeapStatistics().heap_size_limit) / 1024 ** 2).toFixed(0)} MiB`);
  console.log(`document: ${(size / 1024 ** 2).toFixed(1)} MiB CycloneDX JSON, ${components} components (generated in ${(genMs / 1000).toFixed(1)} s)`);
  console.log(`ingest (embedded Kuzu, one job): ${result.status}, ${result.nodes} nodes and ${result.edges} edges asserted; read ${(result.timings.readMs / 1000).toFixed(1)} s, decode+parse ${(result.timings.parseMs / 1000).toFixed(1)} s, write+match ${(result.timings.writeMs / 1000).toFixed(1)} s, total ${(totalMs / 1000).toFixed(1)} s; peak RSS ${(peak / 1024 ** 2).toFixed(0)} MiB`);
} finally {
  clearInterval(sample);
  await rm(dir, { recursive: true, force: true });
}
