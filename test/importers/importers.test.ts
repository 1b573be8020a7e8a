/**
 * Importers end to end, on each engine (embedded: Kuzu, in-process queue,
 * state in the data dir; production: Neo4j, BullMQ, state and lock in Redis),
 * against a local HTTP server serving feed layouts built around the committed
 * fixture advisories: a first run imports everything, a second nothing, an
 * updated entry is imported again, a tampered or truncated entry fails alone
 * with its code, a stopped run continues without duplicates, one run at a
 * time per importer, the schedule runs importers on its own, and the graph
 * checks clean afterwards.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, redisUrl, tempDir } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { startService, type RunningService } from '../support/service.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { OSV_FIXTURES, updateCvelistRecord, writeCsafProvider, writeCvelist, writeOsvZip, writeSbomIndex, writeSignedCsafProvider } from '../support/feeds.js';
import type { ImporterStatusView, StartedRun } from '../../services/importers/service.js';
import type { RunRecord } from '../../services/importers/state-store.js';
import { runImporter } from '../../services/importers/run.js';
import { FileImporterStateStore } from '../../services/importers/file-state-store.js';
import { RedisImporterStateStore } from '../../services/importers/redis-state-store.js';
import { InProcessImporterLock } from '../../services/importers/lock.js';
import { RedisImporterLock } from '../../services/importers/redis-lock.js';
import type { CheckReport } from '../../services/integrity/check.js';
import { createLogger } from '../../services/log/logger.js';

const execFileAsync = promisify(execFile);

async function api<T>(svc: RunningService, method: string, apiPath: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${svc.url}${apiPath}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as T };
}

/** Polls the importer's status until the given run has finished (no time assertion: the test timeout bounds it). */
async function finished(svc: RunningService, name: string, runId: string): Promise<RunRecord> {
  for (;;) {
    const { json } = await api<ImporterStatusView>(svc, 'GET', `/api/v1/admin/importers/${name}`);
    if (json.lastRun?.runId === runId && json.lastRun.finishedAt) return json.lastRun;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runOnce(svc: RunningService, name: string): Promise<RunRecord> {
  const started = await api<StartedRun>(svc, 'POST', `/api/v1/admin/importers/${name}/run`, {});
  assert.equal(started.status, 202, JSON.stringify(started.json));
  return finished(svc, name, started.json.runId);
}

/** Every queued ingest job has finished, and none failed. */
async function drained(svc: RunningService): Promise<void> {
  for (;;) {
    const c = await svc.runtime.queue.counts();
    if (c.waiting + c.active + c.delayed === 0) {
      assert.equal(c.failed, 0, 'an imported document failed to ingest');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function advisoryIds(svc: RunningService): Promise<string[]> {
  const rows = await svc.runtime.store.read<{ id: string }>('MATCH (a:Advisory) RETURN a.advisoryId AS id');
  return rows.map((r) => r.id).sort();
}

const codes = (r: RunRecord): string[] => r.failures.map((f) => f.code).sort();

for (const engine of ENGINES) {
  describe(`importers: ${engine}`, () => {
    let svc: RunningService;
    let feeds: FeedServer;
    let root: string;

    before(async () => {
      root = await tempDir('supplygraph-feeds-');
      feeds = await startFeedServer(root);
      await writeOsvZip(root);
      await writeCsafProvider(root, feeds.url);
      await writeCvelist(root);
      await writeFile(path.join(root, 'provider-key.asc'), await writeSignedCsafProvider(root, feeds.url));
      const sbom = (name: string) => JSON.stringify(cyclonedx({ subject: { name, version: '1.0.0', purl: `pkg:npm/${name}@1.0.0`, ref: 'app', type: 'application' }, components: [{ name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', ref: 'lp' }], dependencies: [{ ref: 'app', dependsOn: ['lp'] }] }));
      await writeSbomIndex(root, feeds.url, { 'app-one.cdx.json': sbom('app-one'), 'app-two.cdx.json': sbom('app-two') });
      const config = path.join(root, 'importers.yaml');
      await writeFile(config, [
        'importers:',
        `  - { name: osv-pypi, kind: osv, source: "${feeds.url}/osv/all.zip" }`,
        `  - { name: vendor-csaf, kind: csaf, source: "${feeds.url}/csaf/provider-metadata.json", tlp: [WHITE, GREEN] }`,
        `  - { name: vendor-csaf-dir, kind: csaf, source: "${feeds.url}/csaf-dir/provider-metadata.json" }`,
        `  - { name: signed-csaf, kind: csaf, source: "${feeds.url}/csaf-signed/provider-metadata.json", publicKey: provider-key.asc }`,
        `  - { name: cvelist, kind: cve5, source: "${path.join(root, 'cvelist')}" }`,
        `  - { name: sboms, kind: sbom-dir, source: "${feeds.url}/sboms/index.json", interval: 1h }`,
      ].join('\n'));
      svc = await startService(engine, { SUPPLYGRAPH_IMPORTERS_CONFIG: config });
    });
    after(async () => {
      await svc?.stop();
      await feeds?.close();
    });

    test('the schedule runs an importer with an interval on its own', async () => {
      let status: ImporterStatusView;
      do {
        status = (await api<ImporterStatusView>(svc, 'GET', '/api/v1/admin/importers/sboms')).json;
        if (!status.lastRun?.finishedAt) await new Promise((r) => setTimeout(r, 50));
      } while (!status.lastRun?.finishedAt);
      assert.equal(status.lastRun.outcome, 'succeeded');
      assert.deepEqual([status.lastRun.seen, status.lastRun.new, status.lastRun.failed], [2, 2, 0]);
      assert.equal(status.interval, '1h');
      assert.equal(Date.parse(status.nextRunAt!) - Date.parse(status.lastRun.startedAt), 3_600_000);
      await drained(svc);
      // The index is unchanged: the next run gets a 304 and reads nothing.
      const again = await runOnce(svc, 'sboms');
      assert.deepEqual([again.outcome, again.seen, again.new], ['succeeded', 0, 0]);
    });

    test('osv all.zip: everything once, nothing again, a changed record again; a truncated record fails alone', async () => {
      const first = await runOnce(svc, 'osv-pypi');
      assert.equal(first.outcome, 'succeeded');
      assert.deepEqual([first.seen, first.new, first.failed], [OSV_FIXTURES.length + 1, OSV_FIXTURES.length, 1]);
      assert.deepEqual(codes(first), ['ENTRY_NOT_JSON']);
      assert.match(first.failures[0]!.message, /^broken\.json: not valid JSON \(.+\); the file is truncated or corrupt$/);
      await drained(svc);
      const ids = await advisoryIds(svc);
      for (const id of ['CVE-2018-5407', 'PYSEC-2023-74', 'RHSA-2024:4546', 'GHSA-76mp-659p-rw65']) assert.ok(ids.includes(id), `${id} imported (${ids.join(', ')})`);

      const second = await runOnce(svc, 'osv-pypi');
      assert.deepEqual([second.outcome, second.seen, second.new, second.failed], ['succeeded', 0, 0, 0], 'unchanged all.zip: 304, nothing read');

      await writeOsvZip(root, { file: 'PYSEC-2023-74.json', modified: '2025-01-01T00:00:00Z' });
      const third = await runOnce(svc, 'osv-pypi');
      assert.deepEqual([third.seen, third.new, third.failed], [OSV_FIXTURES.length + 1, 1, 1], 'only the record whose modified changed is imported');
      await drained(svc);
      const [pysec] = await svc.runtime.store.read<{ modified: string }>("MATCH (a:Advisory) WHERE a.advisoryId = 'PYSEC-2023-74' RETURN a.modified AS modified");
      assert.equal(pysec?.modified, '2025-01-01T00:00:00Z');
    });

    test('csaf ROLIE: hashes verified, TLP filtered; a tampered advisory fails alone; feeds unchanged import nothing', async () => {
      const first = await runOnce(svc, 'vendor-csaf');
      assert.equal(first.outcome, 'succeeded');
      assert.deepEqual([first.seen, first.new, first.failed], [3, 2, 1], 'the AMBER feed is not read; the tampered WHITE advisory fails');
      assert.deepEqual(codes(first), ['ENTRY_HASH_MISMATCH']);
      assert.match(first.failures[0]!.message, /evd-uc-01\.json: sha256 of the advisory is [0-9a-f]{64} but evd-uc-01\.json\.sha256 says [0-9a-f]{64}/);
      assert.ok(!feeds.requests.includes('/csaf/amber/feed.json'));
      const status = (await api<ImporterStatusView>(svc, 'GET', '/api/v1/admin/importers/vendor-csaf')).json;
      assert.equal(status.lastError?.code, 'ENTRY_HASH_MISMATCH');
      await drained(svc);
      const ids = await advisoryIds(svc);
      assert.ok(ids.includes('RHSA-2024:4546') && ids.includes('RHSA-2023:1441'), ids.join(', '));
      assert.ok(!ids.includes('2022-EVD-UC-01-A-001'));

      const second = await runOnce(svc, 'vendor-csaf');
      assert.deepEqual([second.seen, second.new, second.failed], [0, 0, 0], 'an unchanged feed answers 304');

      const dir = await runOnce(svc, 'vendor-csaf-dir');
      assert.deepEqual([dir.outcome, dir.seen, dir.new, dir.failed], ['succeeded', 1, 1, 0], 'changes.csv + directory');
    });

    test('csaf with the provider key: a signed advisory imports; a forged or missing signature fails alone', async () => {
      const run = await runOnce(svc, 'signed-csaf');
      assert.equal(run.outcome, 'succeeded');
      assert.deepEqual([run.seen, run.new, run.failed], [3, 1, 2]);
      const byEntry = Object.fromEntries(run.failures.map((f) => [f.entry.replace(/^.*\/csaf-signed\//, ''), f]));
      assert.equal(byEntry['2023/rhsa-2023_1441.json']?.code, 'ENTRY_SIGNATURE_INVALID');
      assert.match(byEntry['2023/rhsa-2023_1441.json']!.message, /OpenPGP signature does not verify with the configured provider key/);
      assert.equal(byEntry['2022/evd-uc-02.json']?.code, 'ENTRY_SIGNATURE_MISSING');
      await drained(svc);
    });

    test('cve5: the whole tree first, then only what a newer delta names', async () => {
      const first = await runOnce(svc, 'cvelist');
      assert.deepEqual([first.outcome, first.seen, first.new, first.failed], ['succeeded', 2, 2, 0]);
      const second = await runOnce(svc, 'cvelist');
      assert.deepEqual([second.seen, second.new], [0, 0], 'no delta since the last run');
      await updateCvelistRecord(root, '2024-04-01T00:00:00.000Z');
      const third = await runOnce(svc, 'cvelist');
      assert.deepEqual([third.seen, third.new, third.failed], [1, 1, 0]);
      await drained(svc);
      const ids = await advisoryIds(svc);
      assert.ok(ids.includes('CVE-2024-27088') && ids.includes('CVE-2024-28111'), ids.join(', '));
    });

    test('a run stopped part-way continues where it stopped, without importing anything twice', async () => {
      const config = svc.runtime.config;
      const state = engine === 'kuzu' ? new FileImporterStateStore(path.join(config.dataDir, 'importers')) : RedisImporterStateStore.open(redisUrl(), config.queue.queueName);
      const lock = state instanceof RedisImporterStateStore ? new RedisImporterLock(state.connection(), `supplygraph:${config.queue.queueName}:importer`) : new InProcessImporterLock();
      const deps = {
        state, lock, maxDecompressedBytes: config.limits.maxDecompressedBytes, log: createLogger('silent'),
        submit: { blobs: svc.runtime.blobs, queue: svc.runtime.queue, maxUploadBytes: config.limits.maxUploadBytes },
      };
      const definition = { name: 'resume-osv', kind: 'osv' as const, source: fixturePath('advisories', 'osv'), intervalMs: null, tlp: null, publicKey: null };
      try {
        const stop = new AbortController();
        const partial = await runImporter(definition, deps, { signal: stop.signal, onProgress: (r) => { if (r.new === 2) stop.abort(); } });
        assert.deepEqual([partial.outcome, partial.new], ['aborted', 2]);
        const resumed = await runImporter(definition, deps);
        assert.equal(resumed.outcome, 'succeeded');
        assert.equal(resumed.new, OSV_FIXTURES.length - 2, 'only the entries the stopped run had not reached');
        assert.equal((await state.readEntries('resume-osv')).size, OSV_FIXTURES.length);
        const again = await runImporter(definition, deps);
        assert.deepEqual([again.seen, again.new], [OSV_FIXTURES.length, 0]);
      } finally {
        await state.close();
      }
      await drained(svc);
    });

    test('one run at a time per importer: a second start while one runs is refused with IMPORTER_BUSY', async () => {
      const release = feeds.hold('/osv/all.zip');
      const started = await api<StartedRun>(svc, 'POST', '/api/v1/admin/importers/osv-pypi/run', {});
      assert.equal(started.status, 202);
      const busy = await api<{ error: { code: string; message: string } }>(svc, 'POST', '/api/v1/admin/importers/osv-pypi/run', {});
      assert.equal(busy.status, 409);
      assert.equal(busy.json.error.code, 'IMPORTER_BUSY');
      assert.match(busy.json.error.message, /supplygraph importer status osv-pypi/);
      const during = (await api<ImporterStatusView>(svc, 'GET', '/api/v1/admin/importers/osv-pypi')).json;
      assert.equal(during.running, true);
      release();
      const run = await finished(svc, 'osv-pypi', started.json.runId);
      assert.equal(run.outcome, 'succeeded');
    });

    test('list, unknown names, ad-hoc runs and metrics', async () => {
      const list = await api<{ importers: ImporterStatusView[] }>(svc, 'GET', '/api/v1/admin/importers');
      assert.deepEqual(list.json.importers.map((i) => i.name), ['osv-pypi', 'vendor-csaf', 'vendor-csaf-dir', 'signed-csaf', 'cvelist', 'sboms']);
      const missing = await api<{ error: { code: string } }>(svc, 'POST', '/api/v1/admin/importers/nope/run', {});
      assert.deepEqual([missing.status, missing.json.error.code], [404, 'IMPORTER_NOT_FOUND']);
      const bad = await api<{ error: { code: string; message: string } }>(svc, 'POST', '/api/v1/admin/importers/run', { kind: 'csaf', source: '/tmp/not-metadata.txt' });
      assert.deepEqual([bad.status, bad.json.error.code], [400, 'IMPORTER_CONFIG_INVALID']);

      const adhoc = await api<StartedRun>(svc, 'POST', '/api/v1/admin/importers/run', { kind: 'osv', source: fixturePath('advisories', 'osv') });
      assert.equal(adhoc.status, 202);
      const run = await finished(svc, adhoc.json.importer, adhoc.json.runId);
      assert.deepEqual([run.outcome, run.seen, run.failed], ['succeeded', OSV_FIXTURES.length, 0]);
      await drained(svc);

      const metrics = await (await fetch(`${svc.url}/metrics`)).text();
      assert.match(metrics, /supplygraph_importer_entries_total\{importer="osv-pypi",result="new"\} \d+/);
      assert.match(metrics, /supplygraph_importer_entries_total\{importer="vendor-csaf",result="failed"\} 1/);
      assert.match(metrics, /supplygraph_importer_runs_total\{importer="cvelist",outcome="succeeded"\} 3/);
    });

    test('supplygraph importer run|list|status from the command line', async () => {
      const cli = (...args: string[]) => execFileAsync(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'importer', ...args, '--server', svc.url], { env: { ...process.env, SUPPLYGRAPH_LOG_LEVEL: 'silent' } });
      const run = await cli('run', 'cvelist', '--json');
      const status = JSON.parse(run.stdout) as ImporterStatusView;
      assert.deepEqual([status.name, status.lastRun?.outcome, status.lastRun?.seen], ['cvelist', 'succeeded', 0]);
      const list = JSON.parse((await cli('list', '--json')).stdout) as ImporterStatusView[];
      assert.equal(list.length, 6);
      const failing = await cli('run', 'vendor-csaf-dir').then(() => null, (err: { code: number; stdout: string }) => err);
      assert.equal(failing, null, 'a run with no failures exits 0');
      const missing = await cli('status', 'nope').then(() => null, (err: { code: number; stderr: string }) => err);
      assert.equal(missing?.code, 2);
      assert.match(missing!.stderr, /IMPORTER_NOT_FOUND|no importer named "nope"/);
      assert.match(missing!.stderr, /supplygraph importer list/);
    });

    test('the graph the importers built checks clean', async () => {
      await drained(svc);
      const res = await fetch(`${svc.url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const report = (await res.json()) as CheckReport;
      assert.equal(report.ok, true, JSON.stringify(report.mismatches, null, 1));
    });
  });
}
