/**
 * Every input that ever broke the service, replayed through a real parse pool
 * (issue 19 and earlier): each must fail its own document with the right code
 * and a sentence naming the limit to raise, and the pool must go on parsing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { IngestError, type IngestErrorCode } from '../../ingestors/parser.js';
import { ParsePool } from '../../ingestors/isolation/parse-pool.js';
import { BZIP2_BOMB_256M, SMALL } from './compressed-samples.js';
import { request } from './harness.js';
import { latin1Document, nestedComponents, nestedXmlComponents, nestedYaml, spdx3ContainsChain, xzBomb, zstdBomb } from './hostile-documents.js';

const MB = 1024 * 1024;
const small = Buffer.from(SMALL);

async function rejects(p: Promise<unknown>, code: IngestErrorCode, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof IngestError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
}

describe('regressions: hostile documents through the parse pool', () => {
  let pool: ParsePool;
  before(() => { pool = new ParsePool({ processes: 1, memoryMb: 512 }); });
  after(async () => { await pool.close(); });

  test('issue 19: 100,000 levels of nested components fail DOCUMENT_TOO_COMPLEX before parsing, naming the variable', async () => {
    await rejects(pool.parse(nestedComponents(100_000), request(), 120_000), 'DOCUMENT_TOO_COMPLEX', /more than 1000 levels deep.*SUPPLYGRAPH_MAX_NESTING_DEPTH/);
    const r = await pool.parse(small, request(), 120_000);
    assert.equal(r.parser.format, 'cyclonedx-json');
  });

  test('nesting within the limit still parses: 450 nested components', async () => {
    const r = await pool.parse(nestedComponents(450), request(), 120_000);
    assert.equal(r.batch.document.componentCount, 450);
  });

  test('deep XML and deep YAML fail DOCUMENT_TOO_COMPLEX', async () => {
    await rejects(pool.parse(nestedXmlComponents(100_000), request(), 120_000), 'DOCUMENT_TOO_COMPLEX', /nests elements more than \d+ deep/);
    await rejects(pool.parse(nestedYaml(100_000), request(), 120_000), 'DOCUMENT_TOO_COMPLEX', /YAML/);
  });

  test('decompression bombs (zstd, xz, bzip2, gzip) fail DECOMPRESSION_LIMIT', async () => {
    const limit = request({}, 8 * MB);
    await rejects(pool.parse(zstdBomb(1024 * MB), limit, 120_000), 'DECOMPRESSION_LIMIT', /SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES/);
    await rejects(pool.parse(xzBomb(4), limit, 120_000), 'DECOMPRESSION_LIMIT', /SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES/);
    await rejects(pool.parse(Buffer.from(BZIP2_BOMB_256M, 'base64'), limit, 120_000), 'DECOMPRESSION_LIMIT', /SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES/);
    await rejects(pool.parse(gzipSync(Buffer.alloc(64 * MB, 0x20)), limit, 120_000), 'DECOMPRESSION_LIMIT', /SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES/);
  });

  test('Latin-1 bytes are read with an INVALID_UTF8 warning giving the first offset and the count', async () => {
    const doc = latin1Document();
    const r = await pool.parse(doc, request(), 120_000);
    const w = r.batch.warnings.find((x) => x.code === 'INVALID_UTF8');
    assert.ok(w, JSON.stringify(r.batch.warnings));
    assert.equal(w.at, `byte offset ${doc.indexOf(0xe9)}`);
    assert.match(w.message, /2 invalid byte sequences were replaced with U\+FFFD, the first at byte offset \d+/);
    assert.equal(r.batch.document.warningCount, r.batch.warnings.length);
  });

  test('SPDX 3: a 20,000-long contains chain with a trainedOn at every level is attributed in linear time', async () => {
    // The quadratic walk this replaces took over ten minutes here; two minutes is far more than the linear one needs.
    const r = await pool.parse(spdx3ContainsChain(20_000), request({}, 64 * MB), 120_000);
    const uses = r.batch.edges.filter((e) => e.type === 'USES_DATASET');
    assert.equal(uses.length, 1, "every file's trainedOn lifts to the one model → dataset edge");
    assert.equal(uses[0]!.from.label, 'Model');
    assert.match(r.batch.warnings.find((w) => w.code === 'LIFTED_RELATIONSHIPS')?.message ?? '', /^20000 trainedOn/);
  });

  test('with the nesting limit lifted, the 100,000-deep document is stopped by the memory cap and the pool recovers', async () => {
    const tight = new ParsePool({ processes: 1, memoryMb: 96 });
    try {
      const lifted = { ...request(), limits: { maxDecompressedBytes: 16 * MB, maxNestingDepth: 10_000_000 } };
      await rejects(tight.parse(nestedComponents(100_000), lifted, 600_000), 'DOCUMENT_TOO_COMPLEX', /more than 96 MB of memory.*SUPPLYGRAPH_PARSE_MEMORY_MB/);
      assert.equal(tight.processCount, 0, 'the dead process is gone');
      assert.equal((await tight.parse(small, request(), 120_000)).parser.format, 'cyclonedx-json');
      assert.equal(tight.processCount, 1, 'a fresh process took its place');
    } finally {
      await tight.close();
    }
  });

  test('a document still parsing after the time limit fails PARSE_TIMEOUT and the pool recovers', async () => {
    const lifted = { ...request(), limits: { maxDecompressedBytes: 16 * MB, maxNestingDepth: 10_000_000 } };
    await rejects(pool.parse(nestedComponents(100_000), lifted, 300), 'PARSE_TIMEOUT', /longer than 300 ms.*SUPPLYGRAPH_PARSE_TIMEOUT_MS/);
    assert.equal((await pool.parse(small, request(), 120_000)).parser.format, 'cyclonedx-json');
  });
});
