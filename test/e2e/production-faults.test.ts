/**
 * The production topology under faults, with real processes: an API process,
 * `supplygraph worker` processes on BullMQ/Redis, and Neo4j. Counts are
 * compared with what a single clean writer produces, not just "no crash".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCycloneDxJson } from '../../ingestors/cyclonedx/json.js';
import { loadConfig } from '../../services/config/config.js';
import type { GraphCounts } from '../../services/graph/store.js';
import { startRuntime, type Runtime } from '../../services/runtime.js';
import { checkGraph } from '../../services/integrity/check.js';
import { neo4jUrl, redisUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { documentInput } from '../support/parse.js';
import { spawnWorker, startNeo4j, startRedis, stopNeo4j, stopRedis, waitFor, type WorkerProcess } from '../support/processes.js';
import { universeSbom } from '../support/sbom-factory.js';

describe('production topology: Neo4j + BullMQ workers under faults', () => {
  let api: Runtime;
  let url: string;
  let env: Record<string, string>;
  const workers: WorkerProcess[] = [];

  before(async () => {
    const dataDir = await tempDir('supplygraph-faults-');
    env = {
      SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(),
      SUPPLYGRAPH_QUEUE_NAME: `faults-${crypto.randomUUID()}`, SUPPLYGRAPH_BLOB_DIR: `${dataDir}/blobs`,
      SUPPLYGRAPH_JOB_ATTEMPTS: '12', SUPPLYGRAPH_JOB_BACKOFF_MS: '300',
      SUPPLYGRAPH_JOB_LOCK_MS: '10000', SUPPLYGRAPH_JOB_STALLED_CHECK_MS: '2000',
      SUPPLYGRAPH_WORKER_CONCURRENCY: '2', SUPPLYGRAPH_LOG_LEVEL: 'silent',
    };
    const config = loadConfig(env, { port: 0, host: '127.0.0.1', dataDir, worker: false });
    api = await startRuntime(config, { api: true, worker: false });
    const addr = api.api!.server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });

  after(async () => {
    if (process.env.SUPPLYGRAPH_TEST_WORKER_LOGS) for (const out of retired) process.stderr.write(`----- worker output -----\n${out}\n`);
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close(true);
  });

  const wipe = async (): Promise<void> => wipeNeo4j(api.store);

  /** `supplygraph check` on what the workers wrote: the graph is exactly what the stored documents say. */
  const assertCheckClean = async (): Promise<void> => {
    const report = await checkGraph({ store: api.store, blobs: api.blobs, limits: api.config.limits });
    assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 10), null, 1));
  };

  const upload = async (doc: unknown): Promise<string> => {
    const res = await fetch(`${url}/api/v1/documents`, { method: 'POST', body: JSON.stringify(doc) });
    assert.equal(res.status, 202);
    return ((await res.json()) as { jobId: string }).jobId;
  };

  const job = async (id: string): Promise<{ state: string; attempts: number; failure: unknown; result: { status: string } | null }> =>
    (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as { state: string; attempts: number; failure: unknown; result: { status: string } | null };

  const allFinished = async (ids: string[], timeoutMs = 120_000): Promise<Array<Awaited<ReturnType<typeof job>>>> =>
    waitFor(`${ids.length} jobs to finish`, async () => {
      const jobs = await Promise.all(ids.map(job));
      return jobs.every((j) => j.state === 'completed' || j.state === 'failed') ? jobs : null;
    }, timeoutMs, 200);

  /** What one writer, alone and without faults, makes of these documents. */
  const referenceCounts = async (docs: unknown[]): Promise<GraphCounts> => {
    await wipe();
    for (const d of docs) await api.store.writeBatch(parseCycloneDxJson(documentInput(d)));
    const counts = await api.store.counts();
    await wipe();
    return counts;
  };

  const startWorkers = async (n: number): Promise<void> => {
    const started = Array.from({ length: n }, () => spawnWorker({ ...env, SUPPLYGRAPH_LOG_LEVEL: 'info' }));
    workers.push(...started);
    await Promise.all(started.map((w) => waitFor('the worker to start', async () => /taking jobs from/.test(w.output()), 60_000)));
  };
  const retired: string[] = [];
  const stopWorkers = async (): Promise<void> => {
    const all = workers.splice(0);
    await Promise.all(all.map((w) => w.stop()));
    retired.push(...all.map((w) => w.output()));
  };

  test('two workers ingesting overlapping SBOMs concurrently produce exactly the graph one writer does', async () => {
    const docs = Array.from({ length: 10 }, (_, i) => universeSbom(`svc-${i}`, 250, 400, i + 1));
    const expected = await referenceCounts(docs);
    await startWorkers(2);
    try {
      const ids = await Promise.all([...docs, docs[0], docs[3]].map(upload));
      const jobs = await allFinished(ids);
      assert.ok(jobs.every((j) => j.state === 'completed'), JSON.stringify(jobs.filter((j) => j.state !== 'completed')));
      assert.equal(jobs.filter((j) => j.result?.status === 'already-ingested').length, 2, 'the two repeated uploads are no-ops');
      const got = await api.store.counts();
      assert.deepEqual(got.byLabel, expected.byLabel);
      assert.deepEqual(got.byEdgeType, expected.byEdgeType);
      await assertCheckClean();
    } finally {
      await stopWorkers();
      await wipe();
    }
  });

  test('kill -9 of a worker in the middle of a large ingest: the job is taken over and the graph equals a clean run', async () => {
    const big = universeSbom('monolith', 15_000, 30_000, 99);
    const expected = await referenceCounts([big]);
    await startWorkers(1);
    const first = workers[0]!;
    try {
      const id = await upload(big);
      await waitFor('the job to start', async () => (await job(id)).state === 'active', 60_000, 20);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await job(id)).state, 'active', 'the kill must land while the job is running');
      first.kill9();
      await first.exited;
      retired.push(first.output());
      workers.splice(0);
      await startWorkers(1);
      // Generous: on a loaded 2-core machine the 15,000-component document takes minutes to parse and write twice.
      const [done] = await allFinished([id], 420_000);
      assert.equal(done!.state, 'completed', JSON.stringify(done!.failure));
      // The taken-over job did the work: it wrote the document, or (when the killed worker's write had
      // committed) found it written but unfinished and finished it.
      const r = done!.result as { status: string; resumed?: boolean } | null;
      assert.ok(r?.status === 'written' || r?.resumed === true, JSON.stringify(r));
      const got = await api.store.counts();
      assert.deepEqual(got.byLabel, expected.byLabel);
      assert.deepEqual(got.byEdgeType, expected.byEdgeType);
      await assertCheckClean();
    } finally {
      await stopWorkers();
      await wipe();
    }
  });

  test('Redis stopped and restarted during ingestion (AOF on): no job is lost', async () => {
    const docs = Array.from({ length: 8 }, (_, i) => universeSbom(`redis-${i}`, 400, 800, 50 + i));
    const expected = await referenceCounts(docs);
    await startWorkers(1);
    try {
      const ids: string[] = [];
      for (const d of docs) ids.push(await upload(d));
      await stopRedis();
      await new Promise((r) => setTimeout(r, 1500));
      await startRedis();
      const jobs = await allFinished(ids, 180_000);
      assert.ok(jobs.every((j) => j.state === 'completed'), JSON.stringify(jobs.map((j) => [j.state, j.failure])));
      const got = await api.store.counts();
      assert.equal(got.byLabel.Document, docs.length);
      assert.deepEqual(got.byEdgeType, expected.byEdgeType);
      await assertCheckClean();
    } finally {
      await stopWorkers();
      await wipe();
    }
  });

  test('Neo4j unreachable for a while: jobs wait and retry, then complete when it returns', async () => {
    const docs = Array.from({ length: 3 }, (_, i) => universeSbom(`neo-${i}`, 200, 300, 70 + i));
    const expected = await referenceCounts(docs);
    await startWorkers(1);
    let neo4jDown = false;
    try {
      await stopNeo4j();
      neo4jDown = true;
      const ids: string[] = [];
      for (const d of docs) ids.push(await upload(d));
      // Every job is tried against the missing graph, and none completes or gives up.
      await waitFor('an attempt while Neo4j is down', async () => (await Promise.all(ids.map(job))).some((j) => j.attempts >= 1), 60_000, 200);
      await new Promise((r) => setTimeout(r, 3000));
      const waiting = await Promise.all(ids.map(job));
      assert.ok(waiting.every((j) => j.state !== 'completed' && j.state !== 'failed'), `jobs wait for the graph instead of failing: ${JSON.stringify(waiting.map((j) => [j.state, j.failure]))}`);
      await startNeo4j();
      neo4jDown = false;
      const jobs = await allFinished(ids, 240_000);
      assert.ok(jobs.every((j) => j.state === 'completed'), JSON.stringify(jobs.map((j) => [j.state, j.failure])));
      const got = await api.store.counts();
      assert.deepEqual(got.byLabel, expected.byLabel);
      assert.deepEqual(got.byEdgeType, expected.byEdgeType);
      await assertCheckClean();
    } finally {
      if (neo4jDown) await startNeo4j();
      await stopWorkers();
      await wipe();
    }
  });
});
