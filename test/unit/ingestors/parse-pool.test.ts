/**
 * The parse pool: what a parse process returns is what parsing in the
 * caller returns; coded errors keep their code and position across the
 * process boundary; several documents parse in parallel in separate processes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { IngestError } from '../../../ingestors/parser.js';
import { ParsePool, parseIsolated, sharedParsePool } from '../../../ingestors/isolation/parse-pool.js';
import { parseStoredDocument } from '../../../ingestors/isolation/parse-document.js';
import { assemble, chunkJson, headerOf } from '../../../ingestors/isolation/messages.js';
import { request } from '../../fuzz/harness.js';
import { seedDocuments } from '../../fuzz/seeds.js';
import { universeSbom } from '../../support/sbom-factory.js';

describe('parse pool', () => {
  let pool: ParsePool;
  before(() => { pool = new ParsePool({ processes: 2, memoryMb: 512 }); });
  after(async () => { await pool.close(); });

  test('a parse process returns exactly the batch, parser and identity that parsing in-process does, for every format', async () => {
    for (const seed of seedDocuments().filter((s) => s.format !== null)) {
      const [isolated, local] = await Promise.all([pool.parse(seed.bytes, request(), 120_000), parseStoredDocument(seed.bytes, request())]);
      assert.deepEqual({ ...isolated, timings: null }, { ...local, timings: null }, seed.name);
      assert.equal(isolated.parser.format, seed.format);
    }
  });

  test('a compressed document is expanded in the parse process; its identity is the expanded bytes', async () => {
    const doc = Buffer.from(JSON.stringify(universeSbom('pool', 40, 200, 7)));
    const [zipped, plain] = await Promise.all([pool.parse(gzipSync(doc), request(), 120_000), pool.parse(doc, request(), 120_000)]);
    assert.equal(zipped.sha256, plain.sha256);
    assert.deepEqual(zipped.batch, plain.batch);
  });

  test('coded errors cross the process boundary with their code and position', async () => {
    await assert.rejects(pool.parse(Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":'), request(), 120_000), (err: unknown) => {
      assert.ok(err instanceof IngestError, String(err));
      assert.equal(err.code, 'PARSE_ERROR');
      assert.match(err.at ?? '', /^line 1, column \d+, offset \d+$/);
      assert.ok(err.message.endsWith(`(at ${err.at})`), err.message);
      assert.equal(err.message.split('(at ').length, 2, 'the position is not repeated');
      return true;
    });
    await assert.rejects(pool.parse(Buffer.from('{"spdxVersion":"SPDX-2.3","packages":{}}'), request(), 120_000), (err: unknown) =>
      err instanceof IngestError && err.code === 'INVALID_DOCUMENT' && err.at === '/packages');
    await assert.rejects(pool.parse(Buffer.from('{"hello":"world"}'), request({ format: 'no-such-format' }), 120_000), (err: unknown) =>
      err instanceof IngestError && err.code === 'UNSUPPORTED_FORMAT');
  });

  test('queued documents run on as many processes as configured, and no more', async () => {
    const docs = Array.from({ length: 6 }, (_, i) => Buffer.from(JSON.stringify(universeSbom(`parallel-${i}`, 30, 100, i))));
    const results = await Promise.all(docs.map((d) => pool.parse(d, request(), 120_000)));
    assert.equal(pool.processCount, 2);
    assert.deepEqual(results.map((r) => r.batch.document.name), docs.map((_, i) => `parallel-${i} 1.0.0`), 'each caller gets its own document back');
  });

  test('the batch survives the chunked transfer intact, across chunk boundaries', async () => {
    const bytes = Buffer.from(JSON.stringify(universeSbom('chunks', 12_000, 30_000, 3)));
    const [viaThread, big] = await Promise.all([pool.parse(bytes, request(), 300_000), parseStoredDocument(bytes, request())]);
    const header = headerOf(big);
    assert.ok(header.nodeChunks > 1 && header.edgeChunks > 1, `${big.batch.nodes.length} nodes, ${big.batch.edges.length} edges: several chunks of each`);
    assert.deepEqual(await assemble(header, async (i) => chunkJson(big.batch, i)), big);
    assert.deepEqual(viaThread.batch, big.batch);
  });

  test('parseIsolated shares one pool per process count and memory cap', async () => {
    const limits = { maxDecompressedBytes: 1 << 20, parseProcesses: 1, parseMemoryMb: 256 };
    assert.equal(sharedParsePool(limits), sharedParsePool({ ...limits, parseTimeoutMs: 5 }));
    assert.notEqual(sharedParsePool(limits), sharedParsePool({ ...limits, parseMemoryMb: 257 }));
    const r = await parseIsolated(seedDocuments()[0]!.bytes, { options: {}, ingestedAt: '2026-01-01T00:00:00.000Z', trustPolicy: request().trustPolicy, limits });
    assert.equal(r.parser.format, 'cyclonedx-json');
  });

  test('an idle, unclosed pool does not keep its process alive', async () => {
    // A CLI or test that parses and forgets to close the pool must still end: the idle child,
    // its IPC channel and its stderr pipe are all unref'd. Were one left ref'd, the script
    // below would never exit and execFile would hit its timeout.
    const script = `
      import { ParsePool } from ${JSON.stringify(new URL('../../../ingestors/isolation/parse-pool.ts', import.meta.url).href)};
      import { request } from ${JSON.stringify(new URL('../../fuzz/harness.ts', import.meta.url).href)};
      const pool = new ParsePool({ processes: 1, memoryMb: 256 });
      const doc = Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'a', version: '1', purl: 'pkg:npm/a@1' }] }));
      const r = await pool.parse(doc, request(), 60000);
      console.log(r.parser.format, pool.processCount);
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 120_000 });
    assert.equal(stdout.trim(), 'cyclonedx-json 1', 'the document was parsed by a child that is still there, and the script ended by itself');
  });
});
