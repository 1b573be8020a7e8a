/**
 * What the embedded store does after `kill -9`, path by path, on a real Kuzu
 * store on disk (services/graph/kuzu/crash-recovery.ts, services/recovery): the
 * store is discarded and rebuilt from the document log — whether it was killed
 * idle or during a checkpoint (a non-empty shadow file, which Kuzu's own
 * recovery turns into a broken primary-key index) — and the graph equals the
 * one before the kill, every document keeping its first ingest time;
 * - a document deleted and one relabelled before the kill stay so after the rebuild;
 * - a second process on the same data directory is refused and touches nothing.
 * Each ends with `supplygraph check` clean. The random-moment version is the kill storm.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { spawnServer, waitFor, type WorkerProcess } from '../support/processes.js';
import type { CheckReport } from '../../services/integrity/check.js';

const app = (name: string, django: string): unknown => cyclonedx({
  subject: { name, version: '1.0.0', purl: `pkg:pypi/${name}@1.0.0`, ref: 'app', type: 'application' },
  components: [{ name: 'django', version: django, purl: `pkg:pypi/django@${django}`, ref: 'dj' }, { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0', ref: 'rq' }],
  dependencies: [{ ref: 'app', dependsOn: ['dj', 'rq'] }],
});
const osv = {
  schema_version: '1.6.0', id: 'GHSA-test-0001', aliases: ['CVE-2099-0001'], published: '2099-01-01T00:00:00Z', modified: '2099-01-01T00:00:00Z',
  summary: 'django advisory',
  affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.0' }, { fixed: '4.2.5' }] }] }],
};
const DOCUMENTS = [app('app-a', '4.2.0'), app('app-b', '4.1.0'), osv, app('app-c', '3.2.0')];

interface Server { proc: WorkerProcess; url: string }
interface GraphState { stats: unknown; documents: Array<{ id: string; ingestedAt: string; state: string; labels: Record<string, string> }> }

async function start(dataDir: string): Promise<Server> {
  const proc = spawnServer({ SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory', SUPPLYGRAPH_JOB_BACKOFF_MS: '50' }, ['--data-dir', dataDir, '--port', '0']);
  const url = await waitFor('the server to listen', async () => /listening on (http:\/\/[\d.:]+)/.exec(proc.output())?.[1], 60_000);
  return { proc, url };
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  assert.ok(res.ok, `${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function idle(url: string): Promise<void> {
  await waitFor('the queue to be idle', async () => {
    const { counts } = await json<{ counts: Record<string, number> }>(`${url}/api/v1/jobs?state=failed`);
    assert.equal(counts.failed, 0, 'no job may fail');
    return counts.waiting + counts.active + counts.delayed === 0;
  }, 120_000, 100);
}

async function ingestAll(url: string): Promise<void> {
  for (const d of DOCUMENTS) {
    const up = await json<{ jobId: string }>(`${url}/api/v1/documents`, { method: 'POST', body: JSON.stringify(d), headers: { 'content-type': 'application/json' } });
    await waitFor('the job', async () => (await json<{ state: string }>(`${url}/api/v1/jobs/${up.jobId}`)).state === 'completed', 60_000, 50);
  }
}

async function state(url: string): Promise<GraphState> {
  const q = '{ stats { nodes edges byLabel { name count } byEdgeType { name count } } }';
  const { data } = await json<{ data: { stats: unknown } }>(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  const listed = await json<{ documents: Array<{ id: string; ingestedAt: string; state: string; labels: Record<string, string> }> }>(`${url}/api/v1/documents?first=100`);
  const documents = listed.documents.map((d) => ({ id: d.id, ingestedAt: d.ingestedAt, state: d.state, labels: d.labels })).sort((x, y) => (x.id < y.id ? -1 : 1));
  return { stats: data.stats, documents };
}

async function check(url: string): Promise<CheckReport> {
  return json<CheckReport>(`${url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
}

async function recoveryOf(url: string): Promise<{ action: string; reason: string }> {
  return (await json<{ recovery: { action: string; reason: string } }>(`${url}/readyz`)).recovery;
}

describe('embedded store after kill -9', () => {
  let dataDir: string;
  let before_: GraphState;
  let server: Server | null = null;

  before(async () => {
    dataDir = await tempDir('supplygraph-crash-');
    server = await start(dataDir);
    assert.equal((await recoveryOf(server.url)).action, 'none');
    await ingestAll(server.url);
    await idle(server.url);
    before_ = await state(server.url);
    assert.equal((await check(server.url)).ok, true);
  });
  after(async () => {
    await server?.proc.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const kill = async (): Promise<void> => {
    server!.proc.kill9();
    await server!.proc.exited;
    server = null;
  };

  test('killed with nothing pending: discarded and rebuilt from the document log, nothing lost', async () => {
    await kill();
    server = await start(dataDir);
    const recovery = await recoveryOf(server.url);
    assert.equal(recovery.action, 'discarded');
    assert.match(recovery.reason, /died with \d+ bytes of write-ahead log; the store is rebuilt from the document log/);
    await idle(server.url);
    assert.deepEqual(await state(server.url), before_);
    const report = await check(server.url);
    assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 10)));
    assert.equal(report.documents, DOCUMENTS.length);
  });

  test('killed during a checkpoint: discarded and rebuilt from the document log, first ingest times kept', async () => {
    await kill();
    // What a kill in the middle of a checkpoint leaves: shadow pages not yet applied in full.
    const kuzu = path.join(dataDir, 'graph.kuzu');
    await writeFile(`${kuzu}.shadow`, Buffer.alloc(8192, 7));
    server = await start(dataDir);
    const recovery = await recoveryOf(server.url);
    assert.equal(recovery.action, 'discarded');
    assert.match(recovery.reason, /died during a checkpoint \(8192 bytes of shadow pages/);
    await idle(server.url);
    assert.deepEqual(await state(server.url), before_);
    const report = await check(server.url);
    assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 10)));
    assert.equal(report.documents, DOCUMENTS.length);
  });

  test('deleted and relabelled documents stay deleted and relabelled after a rebuild', async () => {
    const docs = before_.documents.map((d) => d.id);
    const [kept, gone] = [docs[0]!, docs[1]!];
    const del = await fetch(`${server!.url}/api/v1/documents/${gone}`, { method: 'DELETE' });
    assert.equal(del.status, 200, await del.text());
    const relabel = await fetch(`${server!.url}/api/v1/documents/${kept}/labels`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ team: 'payments' }) });
    assert.equal(relabel.status, 200, await relabel.text());
    const expected = await state(server!.url);
    assert.deepEqual(expected.documents.map((d) => d.id), docs.filter((d) => d !== gone));
    await kill();
    server = await start(dataDir);
    assert.equal((await recoveryOf(server.url)).action, 'discarded');
    await idle(server.url);
    assert.deepEqual(await state(server.url), expected);
    const { data } = await json<{ data: { document: { labels: Array<{ key: string; value: string }> } } }>(`${server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($k: ID!) { document(id: $k) { labels { key value } } }', variables: { k: kept } }),
    });
    assert.deepEqual(data.document.labels, [{ key: 'team', value: 'payments' }]);
    assert.deepEqual(expected.documents.find((d) => d.id === kept)?.labels, { team: 'payments' });
    const report = await check(server.url);
    assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 10)));
    assert.equal(report.documents, DOCUMENTS.length - 1);
    before_ = expected;
  });

  test('a second process on the same data directory is refused and changes nothing', async () => {
    const marker = await readFile(path.join(dataDir, 'graph.kuzu.open'), 'utf8');
    const second = spawnServer({ SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' }, ['--data-dir', dataDir, '--port', '0']);
    const code = await second.exited;
    assert.notEqual(code, 0);
    assert.match(second.output(), /open in another supplygraph process \(pid \d+\)/);
    assert.equal(await readFile(path.join(dataDir, 'graph.kuzu.open'), 'utf8'), marker);
    assert.equal((await check(server!.url)).ok, true);
    await server!.proc.stop();
    server = await start(dataDir);
    assert.equal((await recoveryOf(server.url)).action, 'none', 'a clean stop leaves a clean store');
    assert.deepEqual(await state(server.url), before_);
  });
});
