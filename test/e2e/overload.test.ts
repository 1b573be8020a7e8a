/**
 * Hostile requests and overload against the real server, on each engine (Kuzu
 * with the in-process queue, Neo4j with BullMQ): expensive GraphQL is refused
 * before it runs, client mistakes are 4xx with a code, and a full ingest queue
 * refuses uploads with 503 QUEUE_FULL and Retry-After while the rest serves on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../services/config/config.js';
import { startRuntime, type Runtime } from '../../services/runtime.js';
import { ENGINES, neo4jUrl, redisUrl, tempDir } from '../support/engines.js';
import { appSbom, universeSbom } from '../support/sbom-factory.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';

interface GraphQLAnswer { status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> } }

async function postGraphql(url: string, payload: Record<string, unknown>): Promise<GraphQLAnswer> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  return { status: res.status, body: (await res.json()) as GraphQLAnswer['body'] };
}

const codes = (a: GraphQLAnswer): string[] => (a.body.errors ?? []).map((e) => e.extensions.code);

/** `levels` fragments, each spreading the previous one twice (about 1.4 KB for 30 levels). */
function fragmentFanOut(levels: number): string {
  let doc = `query { ...F${levels} }\nfragment F0 on Query { stats { nodes } }\n`;
  for (let i = 1; i <= levels; i++) doc += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return doc;
}

for (const engine of ENGINES) {
  describe(`hostile requests: ${engine}`, () => {
    let svc: RunningService;

    before(async () => {
      svc = await startService(engine);
      const up = await upload(svc.url, JSON.stringify(appSbom('overload-baseline', [['left', '1.0.0']], null)));
      assert.equal(up.status, 202);
      assert.equal((await waitForJob(svc.url, String(up.json.jobId))).state, 'completed');
    });
    after(async () => { await svc?.stop(); });

    test('a 30-level fragment fan-out is refused at once while other queries are answered', async () => {
      const hostile = postGraphql(svc.url, { query: fragmentFanOut(30) });
      const stats = await graphql<{ stats: { nodes: number } }>(svc.url, '{ stats { nodes } }');
      assert.equal(stats.errors, undefined);
      assert.ok(stats.data.stats.nodes > 0);
      const refused = await hostile;
      assert.equal(refused.status, 400);
      assert.deepEqual(codes(refused), ['QUERY_TOO_MANY_FIELDS']);
      assert.match(refused.body.errors![0]!.message, /SUPPLYGRAPH_MAX_QUERY_FIELDS/);
    });

    test('800 aliases of stats are refused before any resolver runs', async () => {
      const query = `{ ${Array.from({ length: 800 }, (_, i) => `s${i}: stats { nodes }`).join(' ')} }`;
      const refused = await postGraphql(svc.url, { query });
      assert.equal(refused.status, 400);
      assert.ok(codes(refused).includes('QUERY_TOO_MANY_ALIASES'), codes(refused).join());
      assert.equal(refused.body.data, undefined);
    });

    test('a fragment cycle is a validation failure', async () => {
      const refused = await postGraphql(svc.url, { query: '{ ...A } fragment A on Query { stats { nodes } ...B } fragment B on Query { ...A }' });
      assert.equal(refused.status, 400);
      assert.deepEqual(codes(refused), ['GRAPHQL_VALIDATION_FAILED']);
    });

    test('client mistakes are 400 BAD_USER_INPUT, not 200 INTERNAL_ERROR', async () => {
      const unknownOp = await postGraphql(svc.url, { query: 'query A { stats { nodes } }', operationName: 'B' });
      assert.equal(unknownOp.status, 400);
      assert.deepEqual(codes(unknownOp), ['BAD_USER_INPUT']);
      assert.match(unknownOp.body.errors![0]!.message, /no operation named "B"/);

      const twoOps = await postGraphql(svc.url, { query: 'query A { stats { nodes } } query B { stats { edges } }' });
      assert.equal(twoOps.status, 400);
      assert.deepEqual(codes(twoOps), ['BAD_USER_INPUT']);

      // The schema has mutations (document lifecycle): a query field asked as a mutation fails validation.
      const mutation = await postGraphql(svc.url, { query: 'mutation { stats { nodes } }' });
      assert.equal(mutation.status, 400);
      assert.deepEqual(codes(mutation), ['GRAPHQL_VALIDATION_FAILED']);
      assert.match(mutation.body.errors![0]!.message, /Cannot query field "stats" on type "Mutation"/);

      const missingVariable = await postGraphql(svc.url, { query: 'query($p: String!) { package(purl: $p) { name } }' });
      assert.equal(missingVariable.status, 400);
      assert.deepEqual(codes(missingVariable), ['BAD_USER_INPUT']);

      const negativeDepth = await graphql(svc.url, '{ dependencies(purl: "pkg:npm/left@1.0.0", transitive: true, maxDepth: -5) { totalCount } }');
      assert.equal(negativeDepth.errors?.[0]?.extensions.code, 'BAD_USER_INPUT');
      assert.match(negativeDepth.errors![0]!.message, /maxDepth.*at least 1/);
    });

    test('a 2 MB GraphQL body is 413 naming the GraphQL body limit, not the upload limit', async () => {
      const res = await fetch(`${svc.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ stats { nodes } } #${'x'.repeat(2 * 1024 * 1024)}` }) });
      assert.equal(res.status, 413);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE');
      assert.match(body.error.message, /1048576 bytes for GraphQL/);
      assert.doesNotMatch(body.error.message, /SUPPLYGRAPH_MAX_UPLOAD_BYTES/);
    });

    test('GraphiQL asset names from Object.prototype are 404', async () => {
      for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const res = await fetch(`${svc.url}/graphiql/assets/${name}`);
        assert.equal(res.status, 404, name);
      }
      assert.equal((await fetch(`${svc.url}/graphiql/assets/graphiql.css`)).status, 200);
    });

    test('a 0-byte upload is EMPTY_BODY', async () => {
      const empty = await upload(svc.url, '');
      assert.equal(empty.status, 400);
      assert.equal((empty.json.error as { code: string }).code, 'EMPTY_BODY');
    });
  });

  describe(`a full ingest queue: ${engine}`, () => {
    let api: Runtime;
    let url: string;
    let dataDir: string;

    before(async () => {
      dataDir = await tempDir('supplygraph-overload-');
      // No worker: uploads stay in the queue, so its caps are reached deterministically.
      const config = loadConfig({
        SUPPLYGRAPH_LOG_LEVEL: 'silent',
        SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS: '3',
        SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES: '4096',
        ...(engine === 'neo4j'
          ? { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(), SUPPLYGRAPH_QUEUE_NAME: `overload-${crypto.randomUUID()}` }
          : { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' }),
      }, { port: 0, host: '127.0.0.1', dataDir, worker: false });
      api = await startRuntime(config, { api: true, worker: false });
      const addr = api.api!.server.address();
      url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });
    after(async () => {
      await api?.close(true);
      await rm(dataDir, { recursive: true, force: true });
    });

    const doc = (name: string, padTo: number): string => {
      const text = JSON.stringify(appSbom(name, [['dep', '1.0.0']], null));
      return text.slice(0, -1) + `,"x-pad":"${'p'.repeat(Math.max(0, padTo - text.length - 12))}"}`;
    };

    test('uploads beyond the caps get 503 QUEUE_FULL with Retry-After; readyz and metrics show the backlog', async () => {
      const accepted = [doc('big', 3000), doc('small-1', 300), doc('small-2', 300)];
      assert.equal((await upload(url, accepted[0]!)).status, 202, 'an empty queue takes one job');
      const overBytes = await fetch(`${url}/api/v1/documents`, { method: 'POST', body: doc('too-many-bytes', 2000) });
      assert.equal(overBytes.status, 503);
      assert.ok(Number(overBytes.headers.get('retry-after')) > 0);
      const overBytesBody = (await overBytes.json()) as { error: { code: string; message: string } };
      assert.equal(overBytesBody.error.code, 'QUEUE_FULL');
      assert.match(overBytesBody.error.message, /SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES.*Retry-After/);

      assert.equal((await upload(url, accepted[1]!)).status, 202);
      assert.equal((await upload(url, accepted[2]!)).status, 202);
      const overJobs = await fetch(`${url}/api/v1/documents`, { method: 'POST', body: doc('one-too-many', 300) });
      assert.equal(overJobs.status, 503);
      assert.ok(Number(overJobs.headers.get('retry-after')) > 0);
      const overJobsBody = (await overJobs.json()) as { error: { code: string; message: string } };
      assert.equal(overJobsBody.error.code, 'QUEUE_FULL');
      assert.match(overJobsBody.error.message, /3 jobs are not yet finished \(limit 3, SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS\)/);

      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 200, 'a full queue does not make the API unready');
      const readyBody = (await ready.json()) as { status: string; queueBacklog: { jobs: number; bytes: number; maxWaitingJobs: number; maxWaitingBytes: number; saturated: boolean } };
      assert.equal(readyBody.status, 'ready');
      assert.equal(readyBody.queueBacklog.jobs, 3);
      assert.equal(readyBody.queueBacklog.bytes, accepted.reduce((n, d) => n + Buffer.byteLength(d), 0));
      assert.equal(readyBody.queueBacklog.maxWaitingJobs, 3);
      assert.equal(readyBody.queueBacklog.maxWaitingBytes, 4096);
      assert.equal(readyBody.queueBacklog.saturated, true);

      const metrics = await (await fetch(`${url}/metrics`)).text();
      assert.match(metrics, /^supplygraph_queue_backlog_jobs 3$/m);
      assert.match(metrics, new RegExp(`^supplygraph_queue_backlog_bytes ${readyBody.queueBacklog.bytes}$`, 'm'));
      assert.match(metrics, /^supplygraph_queue_max_waiting_jobs 3$/m);
      assert.match(metrics, /^supplygraph_queue_max_waiting_bytes 4096$/m);

      const counts = (await (await fetch(`${url}/api/v1/jobs?state=waiting`)).json()) as { counts: { waiting: number } };
      assert.equal(counts.counts.waiting, 3, 'refused uploads left no job behind');
      const stats = await graphql<{ stats: { nodes: number } }>(url, '{ stats { nodes } }');
      assert.equal(stats.errors, undefined, 'reads go on while uploads are refused');
    });
  });

  describe(`the CLI against a full queue: ${engine}`, () => {
    let svc: RunningService;
    before(async () => {
      svc = await startService(engine, { SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS: '1' });
    });
    after(async () => { await svc?.stop(); });

    test('`supplygraph ingest` waits out 503 QUEUE_FULL (Retry-After), ingests everything, and exits once done', { timeout: 300_000 }, async () => {
      const dir = path.join(svc.dataDir, 'cli-input');
      await mkdir(dir, { recursive: true });
      // Uploaded at once (--concurrency 4) into a queue that holds one job: the first one taken keeps the queue
      // full while it is ingested, and the big one takes a while.
      await writeFile(path.join(dir, 'a-big.cdx.json'), JSON.stringify(universeSbom('cli-busy-big', 5_000, 5_000, 3)));
      for (let i = 0; i < 3; i++) await writeFile(path.join(dir, `b-app-${i}.cdx.json`), JSON.stringify(appSbom(`cli-busy-${i}`, [[`busy-dep-${i}`, '1.0.0']], null)));
      const child = spawn(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'ingest', '--server', svc.url, '--concurrency', '4', '--timeout', '240', dir], {
        env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let summaryAt = 0;
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (!summaryAt && /ingested, \d+ already present/.test(stdout)) summaryAt = Date.now();
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      const exitedAt = Date.now();
      assert.equal(code, 0, `${stdout}\n${stderr}`);
      assert.match(stdout, /4 ingested, 0 already present, 0 failed/);
      assert.match(stderr, /the server asks to retry later \(QUEUE_FULL\)/, 'at least one upload met the full queue and was retried');
      assert.ok(summaryAt > 0);
      // Before: idle keep-alive connections held the process for the server's keep-alive timeout (72 s).
      assert.ok(exitedAt - summaryAt < 20_000, `the CLI lingered ${exitedAt - summaryAt} ms after its summary`);
    });
  });
}
