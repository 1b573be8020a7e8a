/**
 * Property-based fuzzing of the decoders: UTF-8 decoding and its INVALID_UTF8
 * report, the JSON nesting pre-check, and decompression of corrupted
 * gzip / bzip2 / xz / zstd streams (through the parse pool, so a codec that
 * spins shows up as a hang). Seed and time budget: test/fuzz/harness.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { decodeDocument } from '../../ingestors/common/decode.js';
import { jsonNestingBeyond } from '../../ingestors/common/nesting.js';
import { IngestError } from '../../ingestors/parser.js';
import type { ParsePool } from '../../ingestors/isolation/parse-pool.js';
import { BZIP2_SMALL, SMALL, XZ_SMALL, ZSTD_SMALL } from './compressed-samples.js';
import { FUZZ_SEED, fuzzParameters, fuzzPool, outcome } from './harness.js';
import { zstdBomb } from './hostile-documents.js';
import { applyBytes, byteMutation } from './mutations.js';

/** Reference depth: nested arrays and objects, counted the obvious (recursive) way on small values. */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (typeof v === 'object' && v !== null) return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

describe(`fuzz: decoders (seed ${FUZZ_SEED})`, () => {
  test('decoding arbitrary bytes returns text or JSON with INVALID_UTF8 exactly when the bytes are not UTF-8, or a coded error', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.array(byteMutation, { maxLength: 3 })).map(([j, m]) => new Uint8Array(applyBytes(Buffer.from(JSON.stringify(j) ?? 'null'), m))),
    );
    fc.assert(fc.property(bytes, (raw) => {
      const buf = Buffer.from(raw);
      let warnings;
      try {
        warnings = decodeDocument(buf).warnings;
      } catch (err) {
        assert.ok(err instanceof IngestError, String(err));
        assert.ok(['PARSE_ERROR', 'DOCUMENT_TOO_COMPLEX'].includes(err.code), err.code);
        return;
      }
      const bad = warnings.find((w) => w.code === 'INVALID_UTF8');
      assert.equal(bad !== undefined, !isUtf8(buf));
      if (bad) {
        const offset = Number(/^byte offset (\d+)$/.exec(bad.at ?? '')?.[1]);
        assert.ok(isUtf8(buf.subarray(0, offset)), 'everything before the reported offset is UTF-8');
        assert.ok(!isUtf8(buf.subarray(offset)), 'the reported offset starts a bad sequence');
        assert.match(bad.message, /(\d+) invalid byte sequences? (was|were) replaced/);
      }
    }), fuzzParameters());
  });

  test('the nesting pre-check agrees with the real depth of any JSON value, strings and escapes included', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, max) => {
      const text = Buffer.from(JSON.stringify(value) ?? 'null');
      assert.equal(jsonNestingBeyond(text, max) >= 0, depthOf(value) > max);
    }), fuzzParameters());
  });

  describe('corrupted compressed streams', () => {
    let pool: ParsePool;
    before(async () => {
      pool = fuzzPool();
      await outcome(pool, Buffer.from(SMALL));
    });
    after(async () => { await pool.close(); });

    const streams = {
      gzip: gzipSync(SMALL),
      bzip2: Buffer.from(BZIP2_SMALL, 'base64'),
      xz: Buffer.from(XZ_SMALL, 'base64'),
      zstd: Buffer.from(ZSTD_SMALL, 'base64'),
      'zstd bomb': zstdBomb(64 * 1024 * 1024),
    };
    for (const [name, stream] of Object.entries(streams)) {
      test(`${name}: every mutation decompresses and parses, or fails with a coded error`, async () => {
        const codes = new Set<string>();
        // The first bytes are the magic number: mutations past it reach the codec, not detection.
        const tail = fc.array(byteMutation, { minLength: 1, maxLength: 3 });
        await fc.assert(fc.asyncProperty(tail, async (m) => {
          const mutated = Buffer.concat([stream.subarray(0, 6), applyBytes(stream.subarray(6), m)]);
          codes.add(await outcome(pool, mutated));
        }), fuzzParameters());
        assert.ok(codes.size > 0, 'no input was tried');
      });
    }
  });
});
