/**
 * Crash goal: ten `kill -9` at random moments during a multi-document ingest,
 * restarting each time, end with every job completed, `check` clean, and the
 * graph equal to a clean ingest of the same documents — on the embedded default
 * (the whole `serve` process is killed; the store rolls back to its last
 * checkpoint, or is discarded, and is brought forward from the document log:
 * services/graph/kuzu/crash-recovery.ts, services/recovery) and on Neo4j +
 * BullMQ (the worker is killed).
 * The seed is printed; SUPPLYGRAPH_STORM_SEED replays a run.
 */
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../services/config/config.js';
import { startRuntime, type Runtime } from '../../services/runtime.js';
import type { CheckReport } from '../../services/integrity/check.js';
import { neo4jUrl, redisUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { spawnServer, spawnWorker, waitFor, type WorkerProcess } from '../support/processes.js';
import { startService } from '../support/service.js';
import { seededRandom, stormCorpus, type StormDocument } from '../support/storm.js';

const KILLS = 10;
const seed = Number(process.env.SUPPLYGRAPH_STORM_SEED ?? (Date.now() % 1_000_000_000));
const random = seededRandom(seed);
const docs = stormCorpus({ sboms: 14, componentsPerSbom: 600, advisories: 8, updates: 4 });

interface JobView { state: string; failure: unknown; result: { status: string } | null }

async function uploadTo(url: string, doc: StormDocument): Promise<string> {
  const res = await fetch(`${url}/api/v1/documents?filename=${encodeURIComponent(doc.name)}`, { method: 'POST', body: doc.body, headers: { 'content-type': 'application/json' } });
  if (res.status !== 202) throw new Error(`upload of ${doc.name}: HTTP ${res.status}`);
  return ((await res.json()) as { jobId: string }).jobId;
}

async function jobsFinished(url: string, ids: string[], timeoutMs = 300_000): Promise<JobView[]> {
  return waitFor(`${ids.length} jobs to finish`, async () => {
    const jobs = await Promise.all(ids.map(async (id) => (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as JobView));
    return jobs.every((j) => j.state === 'completed' || j.state === 'failed') ? jobs : null;
  }, timeoutMs, 250);
}

/** Every job the server knows of has finished, including documents it queued again from its document log after a crash. */
async function queueIdle(url: string, timeoutMs = 300_000): Promise<void> {
  await waitFor('the queue to be idle', async () => {
    const { counts } = (await (await fetch(`${url}/api/v1/jobs?state=waiting`)).json()) as { counts: Record<string, number> };
    return counts.waiting + counts.active + counts.delayed === 0;
  }, timeoutMs, 250);
}

async function check(url: string): Promise<CheckReport> {
  const res = await fetch(`${url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(res.status, 200);
  return (await res.json()) as CheckReport;
}

async function counts(url: string): Promise<{ byLabel: Record<string, number>; byEdgeType: Record<string, number> }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodes edges byLabel { name count } byEdgeType { name count } } }' }) });
  const body = (await res.json()) as { data: { stats: { byLabel: Array<{ name: string; count: number }>; byEdgeType: Array<{ name: string; count: number }> } } };
  return {
    byLabel: Object.fromEntries(body.data.stats.byLabel.map((x) => [x.name, x.count])),
    byEdgeType: Object.fromEntries(body.data.stats.byEdgeType.map((x) => [x.name, x.count])),
  };
}

/**
 * Uploads what is still pending while the process lives, then kills it after a random
 * moment. Uploads cut off by the kill stay pending and are sent again after the restart.
 */
async function uploadUntilKilled(url: string, pending: StormDocument[], jobIds: string[], victim: WorkerProcess, killAfterMs: number): Promise<void> {
  const inFlight = pending.splice(0, Math.max(1, Math.ceil(random() * pending.length)));
  const uploads = inFlight.map(async (d) => {
    try {
      jobIds.push(await uploadTo(url, d));
    } catch {
      pending.push(d);
    }
  });
  await new Promise((r) => setTimeout(r, killAfterMs));
  victim.kill9();
  await victim.exited;
  await Promise.all(uploads);
}

process.stderr.write(`kill storm seed: ${seed} (SUPPLYGRAPH_STORM_SEED=${seed} replays it)\n`);

describe('kill storm: embedded default (kuzu + in-process queue), serve killed 10 times', () => {
  let dataDir: string;
  before(async () => { dataDir = await tempDir('supplygraph-storm-'); });
  after(async () => { if (!process.env.SUPPLYGRAPH_STORM_KEEP) await rm(dataDir, { recursive: true, force: true }); });

  test('every job completes, check is clean, and the graph equals a clean ingest', async () => {
    const env = { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory', SUPPLYGRAPH_JOB_ATTEMPTS: '30', SUPPLYGRAPH_JOB_BACKOFF_MS: '50', SUPPLYGRAPH_LOG_LEVEL: 'info' };
    const start = async (): Promise<{ proc: WorkerProcess; url: string }> => {
      const proc = spawnServer(env, ['--data-dir', dataDir, '--port', '0']);
      const url = await waitFor('the server to listen', async () => /listening on (http:\/\/[\d.:]+)/.exec(proc.output())?.[1], 60_000);
      return { proc, url };
    };
    const pending = [...docs];
    const jobIds: string[] = [];
    const recoveries: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const { proc, url } = await start();
      recoveries.push(((await (await fetch(`${url}/readyz`)).json()) as { recovery: { action: string } }).recovery.action);
      await uploadUntilKilled(url, pending, jobIds, proc, 150 + Math.floor(random() * 1500));
    }
    const { proc, url } = await start();
    try {
      for (const d of pending.splice(0)) jobIds.push(await uploadTo(url, d));
      const jobs = await jobsFinished(url, jobIds);
      assert.deepEqual(jobs.filter((j) => j.state !== 'completed').map((j) => j.failure), [], `seed ${seed} (recoveries: ${recoveries.join(', ')}, data dir ${dataDir})`);
      await queueIdle(url);
      const report = await check(url);
      assert.equal(report.ok, true, `seed ${seed} (recoveries: ${recoveries.join(', ')}): ${JSON.stringify(report.mismatches.slice(0, 20), null, 1)}`);
      assert.equal(report.documents, docs.length);
      const got = await counts(url);
      const clean = await startService('kuzu');
      try {
        for (const d of docs) await jobsFinished(clean.url, [await uploadTo(clean.url, d)]);
        assert.deepEqual(got, await counts(clean.url), `seed ${seed}: the stormed graph differs from a clean ingest`);
        assert.equal((await check(clean.url)).ok, true);
      } finally {
        await clean.stop();
      }
      process.stderr.write(`embedded kill storm (seed ${seed}): recoveries at each restart: ${recoveries.join(', ')}\n`);
    } finally {
      await proc.stop();
    }
  });
});

describe('kill storm: Neo4j + BullMQ, worker killed 10 times', () => {
  let api: Runtime;
  let url: string;
  let env: Record<string, string>;
  before(async () => {
    const dataDir = await tempDir('supplygraph-storm-neo4j-');
    env = {
      SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(),
      SUPPLYGRAPH_QUEUE_NAME: `storm-${crypto.randomUUID()}`, SUPPLYGRAPH_BLOB_DIR: `${dataDir}/blobs`,
      SUPPLYGRAPH_JOB_ATTEMPTS: '30', SUPPLYGRAPH_JOB_BACKOFF_MS: '100',
      SUPPLYGRAPH_JOB_LOCK_MS: '5000', SUPPLYGRAPH_JOB_STALLED_CHECK_MS: '1000',
      SUPPLYGRAPH_WORKER_CONCURRENCY: '2', SUPPLYGRAPH_LOG_LEVEL: 'silent',
    };
    const config = loadConfig(env, { port: 0, host: '127.0.0.1', dataDir, worker: false });
    api = await startRuntime(config, { api: true, worker: false });
    await wipeNeo4j(api.store);
    const addr = api.api!.server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => { await api?.close(true); });

  const startWorker = async (): Promise<WorkerProcess> => {
    const w = spawnWorker({ ...env, SUPPLYGRAPH_LOG_LEVEL: 'info' });
    await waitFor('the worker to start', async () => /taking jobs from/.test(w.output()), 60_000);
    return w;
  };

  test('every job completes, check is clean, and the graph equals a clean ingest', async () => {
    const pending = [...docs];
    const jobIds: string[] = [];
    for (let i = 0; i < KILLS; i++) await uploadUntilKilled(url, pending, jobIds, await startWorker(), 150 + Math.floor(random() * 1500));
    const worker = await startWorker();
    let got: Awaited<ReturnType<typeof counts>>;
    try {
      for (const d of pending.splice(0)) jobIds.push(await uploadTo(url, d));
      const jobs = await jobsFinished(url, jobIds);
      assert.deepEqual(jobs.filter((j) => j.state !== 'completed').map((j) => j.failure), [], `seed ${seed}`);
      const report = await check(url);
      assert.equal(report.ok, true, `seed ${seed}: ${JSON.stringify(report.mismatches.slice(0, 20), null, 1)}`);
      assert.equal(report.documents, docs.length);
      got = await counts(url);
      await wipeNeo4j(api.store);
      const clean: string[] = [];
      for (const d of docs) clean.push(await uploadTo(url, d));
      await jobsFinished(url, clean);
      assert.deepEqual(got, await counts(url), `seed ${seed}: the stormed graph differs from a clean ingest`);
      assert.equal((await check(url)).ok, true);
    } finally {
      await worker.stop();
      await wipeNeo4j(api.store);
    }
  });
});
