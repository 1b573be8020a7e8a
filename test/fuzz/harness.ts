/**
 * What every fuzz property asserts about one input: it parses, or it fails
 * with one of our coded IngestErrors. Inputs run through a real ParsePool, so
 * a hang shows up as PARSE_TIMEOUT and runaway memory as the parse process's heap cap,
 * and both fail the property instead of freezing the test run.
 *
 * Deterministic: the seed is SUPPLYGRAPH_FUZZ_SEED (default below) and
 * fast-check prints it, with the failing input's path, on failure; rerun with
 * that seed to replay. Each property runs for SUPPLYGRAPH_FUZZ_MS (default 2 s).
 */
import assert from 'node:assert/strict';
import type fc from 'fast-check';
import { IngestError, type IngestErrorCode } from '../../ingestors/parser.js';
import { ParsePool } from '../../ingestors/isolation/parse-pool.js';
import type { ParseRequest } from '../../ingestors/isolation/parse-document.js';
import { emptyTrustPolicy } from '../../verify/index.js';
import type { IngestOptions } from '../../services/queue/job-queue.js';

export const FUZZ_SEED = Number(process.env.SUPPLYGRAPH_FUZZ_SEED ?? 19_019);
export const FUZZ_MS = Number(process.env.SUPPLYGRAPH_FUZZ_MS ?? 2000);
/** Far more than any small input needs; reaching it means a hang. */
const PER_INPUT_TIMEOUT_MS = 15_000;
const THREAD_MEMORY_MB = 512;

/** Runs until FUZZ_MS is spent (or a failure), from the fixed seed. */
export function fuzzParameters<T>(): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: 1_000_000, interruptAfterTimeLimit: FUZZ_MS, markInterruptAsFailure: false, endOnFailure: false };
}

export function request(options: IngestOptions = {}, maxDecompressedBytes = 16 * 1024 * 1024): ParseRequest {
  return { options, ingestedAt: '2026-01-01T00:00:00.000Z', trustPolicy: emptyTrustPolicy(), limits: { maxDecompressedBytes } };
}

export function fuzzPool(): ParsePool {
  return new ParsePool({ processes: 1, memoryMb: THREAD_MEMORY_MB });
}

export type Outcome = 'parsed' | IngestErrorCode;

/** Parses `bytes` in the pool and says how it ended; throws (failing the property) on anything but a coded failure. */
export async function outcome(pool: ParsePool, bytes: Uint8Array, options: IngestOptions = {}): Promise<Outcome> {
  try {
    const r = await pool.parse(bytes, request(options), PER_INPUT_TIMEOUT_MS);
    assert.equal(typeof r.batch.document.key, 'string');
    assert.ok(Array.isArray(r.batch.nodes) && Array.isArray(r.batch.edges) && Array.isArray(r.batch.warnings));
    return 'parsed';
  } catch (err) {
    if (!(err instanceof IngestError)) throw new Error(`not a coded failure: ${err instanceof Error ? err.stack ?? err.message : String(err)}`, { cause: err });
    assert.notEqual(err.code, 'PARSE_TIMEOUT', `hang: ${err.message}`);
    assert.ok(!(err.code === 'DOCUMENT_TOO_COMPLEX' && /memory/.test(err.message)), `a small input exhausted a ${THREAD_MEMORY_MB} MB heap: ${err.message}`);
    assert.ok(err.message.length > 0);
    return err.code;
  }
}
