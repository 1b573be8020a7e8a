/**
 * A job whose process dies while running it must not crash-loop the server.
 * Real `supplygraph serve` processes are killed with SIGKILL while they ingest
 * a large document, and restarted, on each engine (Kuzu with the in-process
 * queue, Neo4j with BullMQ): every death uses one attempt, and after the last
 * one the job ends failed with ATTEMPTS_EXHAUSTED; the next start does not run
 * it again and serves on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { ENGINES, neo4jUrl, redisUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { waitFor } from '../support/processes.js';
import { appSbom, universeSbom } from '../support/sbom-factory.js';

const ATTEMPTS = 2;

interface ServeProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

async function startServe(dataDir: string, env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'serve', '--port', '0', '--data-dir', dataDir, '--concurrency', '1'], {
    env: { ...process.env, SUPPLYGRAPH_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await waitFor('serve to listen', async () => {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${out}`);
    return /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? null;
  }, 120_000, 100);
  return { child, url, output: () => out, exited };
}

async function kill9(p: ServeProcess): Promise<void> {
  p.child.kill('SIGKILL');
  await p.exited;
}

type JobView = { state: string; attempts: number; maxAttempts: number; failure: { code: string; message: string } | null };

async function job(url: string, id: string): Promise<JobView> {
  return (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as JobView;
}

for (const engine of ENGINES) {
  describe(`a job that kills its process: ${engine}`, () => {
    let dataDir: string;
    let env: Record<string, string>;
    const running: ServeProcess[] = [];

    before(async () => {
      dataDir = await tempDir('supplygraph-poison-');
      env = engine === 'neo4j'
        ? {
          SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(), SUPPLYGRAPH_QUEUE_NAME: `poison-${crypto.randomUUID()}`,
          // A dead worker's job is noticed quickly by the next process.
          SUPPLYGRAPH_JOB_LOCK_MS: '1000', SUPPLYGRAPH_JOB_STALLED_CHECK_MS: '500',
        }
        : { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' };
      env.SUPPLYGRAPH_JOB_ATTEMPTS = String(ATTEMPTS);
      if (engine === 'neo4j') {
        const { Neo4jGraphStore } = await import('../../services/graph/neo4j/neo4j-store.js');
        const s = await Neo4jGraphStore.open({ url: neo4jUrl() });
        await wipeNeo4j(s);
        await s.close();
      }
    });
    after(async () => {
      for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await kill9(p);
      await rm(dataDir, { recursive: true, force: true });
    });

    test(`killed on each of its ${ATTEMPTS} attempts, the job ends ATTEMPTS_EXHAUSTED and the server starts and serves`, { timeout: 600_000 }, async () => {
      // About 4 MB: long enough to ingest that it is seen running, and killed, before it finishes.
      const big = JSON.stringify(universeSbom('poison', 40_000, 40_000, 7));
      let serve = await startServe(dataDir, env);
      running.push(serve);
      const up = await fetch(`${serve.url}/api/v1/documents?filename=poison.cdx.json`, { method: 'POST', body: big });
      assert.equal(up.status, 202);
      const id = ((await up.json()) as { jobId: string }).jobId;

      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const current = serve;
        await waitFor(`attempt ${attempt} to run`, async () => {
          const j = await job(current.url, id);
          assert.notEqual(j.state, 'completed', 'the job finished before it could be killed; use a larger document');
          return j.state === 'active' && j.attempts === attempt;
        }, 120_000, 20);
        await kill9(current);
        serve = await startServe(dataDir, env);
        running.push(serve);
      }

      const final = serve;
      let last: JobView | null = null;
      const failed = await waitFor('the job to fail', async () => {
        last = await job(final.url, id);
        return last.state === 'failed' ? last : null;
      }, 120_000, 100).catch((err: Error) => {
        throw new Error(`${err.message}; last seen ${JSON.stringify(last)}; server output:\n${final.output()}`);
      });
      assert.equal(failed.failure?.code, 'ATTEMPTS_EXHAUSTED');
      assert.match(failed.failure?.message ?? '', /the process died while running this job, on attempt 2 of 2/);
      assert.equal(failed.attempts, ATTEMPTS);
      assert.equal(failed.maxAttempts, ATTEMPTS);

      // The server serves on: it ingests another document and stays up.
      const ok = await fetch(`${final.url}/api/v1/documents`, { method: 'POST', body: JSON.stringify(appSbom('after-poison', [['fine', '1.0.0']], null)) });
      assert.equal(ok.status, 202);
      const okId = ((await ok.json()) as { jobId: string }).jobId;
      const done = await waitFor('the next job', async () => {
        const j = await job(final.url, okId);
        return j.state === 'completed' || j.state === 'failed' ? j : null;
      }, 120_000, 100);
      assert.equal(done.state, 'completed', JSON.stringify(done.failure));
      assert.equal((await fetch(`${final.url}/readyz`)).status, 200);
      assert.equal(final.child.exitCode, null, final.output());
      assert.equal((await job(final.url, id)).state, 'failed', 'the exhausted job was not run again');
      final.child.kill('SIGTERM');
      await final.exited;
    });
  });
}
