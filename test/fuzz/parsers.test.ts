/**
 * Property-based and mutation fuzzing of every format parser: mutated seed
 * documents (test/fuzz/seeds.ts), read with detection or with each parser
 * forced, must parse or fail with a coded IngestError — never crash, hang or
 * run out of memory. Seed and time budget: test/fuzz/harness.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { PARSERS } from '../../ingestors/registry.js';
import type { ParsePool } from '../../ingestors/isolation/parse-pool.js';
import { FUZZ_SEED, fuzzParameters, fuzzPool, outcome, type Outcome } from './harness.js';
import { applyBytes, applyTree, byteMutation, treeMutation } from './mutations.js';
import { seedDocuments, type Seed } from './seeds.js';

const seeds = seedDocuments();
const jsonOf = (s: Seed): unknown => {
  try {
    return JSON.parse(s.bytes.toString('utf8'));
  } catch {
    return undefined;
  }
};
const jsonSeeds = seeds.map((s) => ({ seed: s, json: jsonOf(s) })).filter((x) => x.json !== undefined);

describe(`fuzz: parsers (seed ${FUZZ_SEED})`, () => {
  let pool: ParsePool;
  before(async () => {
    pool = fuzzPool();
    // The parse process starts with the first document; its start-up must not eat the first property's time.
    await outcome(pool, seeds[0]!.bytes);
  });
  after(async () => { await pool.close(); });

  test('every seed parses with the parser it was written for', async () => {
    for (const s of seeds.filter((x) => x.format !== null)) {
      assert.equal(await outcome(pool, s.bytes), 'parsed', s.name);
      assert.equal(await outcome(pool, s.bytes, { format: s.format! }), 'parsed', s.name);
    }
  });

  for (const parser of PARSERS) {
    test(`${parser.format}: mutated documents parse or fail with a coded error`, async () => {
      const seen = new Map<Outcome, number>();
      const input = fc.record({
        seed: fc.nat({ max: seeds.length - 1 }),
        tree: fc.boolean(),
        treeMutations: fc.array(treeMutation, { minLength: 1, maxLength: 4 }),
        byteMutations: fc.array(byteMutation, { maxLength: 4 }),
        forced: fc.boolean(),
        gzip: fc.integer({ min: 0, max: 9 }),
      });
      // Seeds of this parser's own format are mutated most often: that is where its code paths are.
      const own = seeds.map((s, i) => (s.format === parser.format ? i : -1)).filter((i) => i >= 0);
      await fc.assert(fc.asyncProperty(input, async (x) => {
        const seed = own.length > 0 && x.seed % 2 === 0 ? seeds[own[x.seed % own.length]!]! : seeds[x.seed]!;
        const json = jsonSeeds.find((j) => j.seed === seed)?.json;
        let bytes = x.tree && json !== undefined ? applyTree(json, x.treeMutations) : seed.bytes;
        bytes = applyBytes(bytes, x.byteMutations);
        if (x.gzip === 0) bytes = gzipSync(bytes);
        const o = await outcome(pool, bytes, x.forced ? { format: parser.format } : {});
        seen.set(o, (seen.get(o) ?? 0) + 1);
      }), fuzzParameters());
      assert.ok([...seen.values()].reduce((a, b) => a + b, 0) > 0, 'no input was tried');
    });
  }
});
