/**
 * Issue 19 against a real server (embedded Kuzu, in-process queue): the
 * documents that used to freeze or kill it — 100,000 levels of nested
 * components, zstd and xz bombs — now fail their own job with the right code
 * while /healthz keeps answering within a second, polled throughout, and the
 * server goes on ingesting.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appSbom } from '../support/sbom-factory.js';
import { startService, upload, type RunningService } from '../support/service.js';
import { checkGraph } from '../../services/integrity/check.js';
import { nestedComponents, xzBomb, zstdBomb } from '../fuzz/hostile-documents.js';

type Job = { state: string; failure: { code: string; message: string } | null; result: { status: string } | null };

const MB = 1024 * 1024;
/** The bar: the server answers health checks within a second while a hostile document is processed. */
const HEALTH_BUDGET_MS = 1000;

/** Uploads `body` and polls /healthz until its job ends; returns the job and the slowest health answer. */
async function ingestWatchingHealth(svc: RunningService, body: string | Buffer): Promise<{ job: Job; slowestMs: number; polls: number }> {
  const up = await upload(svc.url, body);
  assert.equal(up.status, 202, JSON.stringify(up.json));
  let slowestMs = 0;
  let polls = 0;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const t = performance.now();
    const health = await fetch(`${svc.url}/healthz`);
    slowestMs = Math.max(slowestMs, performance.now() - t);
    polls += 1;
    assert.equal(health.status, 200);
    const job = (await (await fetch(`${svc.url}/api/v1/jobs/${String(up.json.jobId)}`)).json()) as Job;
    if (job.state === 'completed' || job.state === 'failed') return { job, slowestMs, polls };
    assert.ok(Date.now() < deadline, `job still ${job.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ingestsNormally(svc: RunningService, name: string): Promise<void> {
  const { job } = await ingestWatchingHealth(svc, JSON.stringify(appSbom(name, [['left-pad', '1.3.0']], null)));
  assert.equal(job.state, 'completed', JSON.stringify(job.failure));
}

describe('parse isolation: hostile documents against a running server (kuzu)', () => {
  let svc: RunningService;
  before(async () => {
    svc = await startService('kuzu', { SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES: String(256 * MB), SUPPLYGRAPH_PARSE_PROCESSES: '1' });
    await ingestsNormally(svc, 'warm-up');
  });
  after(async () => { await svc?.stop(); });

  test('100,000 levels of nested components: DOCUMENT_TOO_COMPLEX, health answered within 1 s throughout', async () => {
    const { job, slowestMs, polls } = await ingestWatchingHealth(svc, nestedComponents(100_000));
    assert.equal(job.state, 'failed');
    assert.equal(job.failure?.code, 'DOCUMENT_TOO_COMPLEX');
    assert.match(job.failure?.message ?? '', /SUPPLYGRAPH_MAX_NESTING_DEPTH/);
    assert.ok(slowestMs < HEALTH_BUDGET_MS, `slowest /healthz took ${Math.round(slowestMs)} ms over ${polls} polls`);
  });

  test('a zstd bomb (32 KB → 1 GiB): DECOMPRESSION_LIMIT, health answered within 1 s throughout', async () => {
    const { job, slowestMs, polls } = await ingestWatchingHealth(svc, zstdBomb(1024 * MB));
    assert.equal(job.failure?.code, 'DECOMPRESSION_LIMIT', JSON.stringify(job));
    assert.ok(slowestMs < HEALTH_BUDGET_MS, `slowest /healthz took ${Math.round(slowestMs)} ms over ${polls} polls`);
  });

  test('an xz bomb (165 KB → 1 GiB): DECOMPRESSION_LIMIT, health answered within 1 s throughout', async () => {
    const { job, slowestMs, polls } = await ingestWatchingHealth(svc, xzBomb(64));
    assert.equal(job.failure?.code, 'DECOMPRESSION_LIMIT', JSON.stringify(job));
    assert.ok(slowestMs < HEALTH_BUDGET_MS, `slowest /healthz took ${Math.round(slowestMs)} ms over ${polls} polls`);
  });

  test('the server is still up and ingesting, and the graph checks clean', async () => {
    await ingestsNormally(svc, 'after-hostile');
    assert.equal((await fetch(`${svc.url}/readyz`)).status, 200);
    const report = await checkGraph({ store: svc.runtime.store, blobs: svc.runtime.blobs, limits: svc.runtime.config.limits });
    assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 10), null, 1));
  });
});

describe('parse isolation: the memory and time limits of the parse processes (kuzu)', () => {
  test('with the nesting limit lifted, the deep document hits the memory cap: DOCUMENT_TOO_COMPLEX; the server lives on', async () => {
    const svc = await startService('kuzu', { SUPPLYGRAPH_MAX_NESTING_DEPTH: '10000000', SUPPLYGRAPH_PARSE_MEMORY_MB: '128', SUPPLYGRAPH_PARSE_PROCESSES: '1' });
    try {
      const { job, slowestMs, polls } = await ingestWatchingHealth(svc, nestedComponents(100_000));
      assert.equal(job.failure?.code, 'DOCUMENT_TOO_COMPLEX', JSON.stringify(job));
      assert.match(job.failure?.message ?? '', /128 MB.*SUPPLYGRAPH_PARSE_MEMORY_MB/);
      assert.ok(slowestMs < HEALTH_BUDGET_MS, `slowest /healthz took ${Math.round(slowestMs)} ms over ${polls} polls`);
      await ingestsNormally(svc, 'after-oom');
    } finally {
      await svc.stop();
    }
  });

  test('a document that parses too long: PARSE_TIMEOUT naming the variable; the server lives on', async () => {
    const svc = await startService('kuzu', { SUPPLYGRAPH_MAX_NESTING_DEPTH: '10000000', SUPPLYGRAPH_PARSE_TIMEOUT_MS: '1500', SUPPLYGRAPH_PARSE_PROCESSES: '1' });
    // OSV records parse in milliseconds even in a fresh process (a CycloneDX document first compiles its JSON schema).
    const osv = (id: string): string => JSON.stringify({ id, modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.3.0'] }] });
    try {
      assert.equal((await ingestWatchingHealth(svc, osv('GHSA-before-0001'))).job.state, 'completed');
      const { job } = await ingestWatchingHealth(svc, nestedComponents(100_000));
      assert.equal(job.failure?.code, 'PARSE_TIMEOUT', JSON.stringify(job));
      assert.match(job.failure?.message ?? '', /longer than 1500 ms.*SUPPLYGRAPH_PARSE_TIMEOUT_MS/);
      assert.equal((await ingestWatchingHealth(svc, osv('GHSA-after-0001'))).job.state, 'completed');
    } finally {
      await svc.stop();
    }
  });
});
