/**
 * The `importers` / `importer(name:)` GraphQL queries on each engine: an
 * importer against a local OSV feed runs, and its status — the same one the
 * admin REST routes answer — is read over GraphQL with an admin token; a read
 * token (enough for every other query) is refused with FORBIDDEN.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, tempDir } from '../support/engines.js';
import { startService, type RunningService } from '../support/service.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { OSV_FIXTURES, writeOsvZip } from '../support/feeds.js';
import type { ImporterStatusView, StartedRun } from '../../services/importers/service.js';
import type { CheckReport } from '../../services/integrity/check.js';

const READ = 'reader-token-0123456789';
const ADMIN = 'admin-token-0123456789';

const STATUS = `
  name kind source configured interval running nextRunAt
  lastRun { runId startedAt finishedAt outcome seen new failed failures { entry code message } error { code message } }
  lastError { code message at }`;

interface GqlAnswer<T> { data: T | null; errors?: Array<{ message: string; path?: string[]; extensions: { code: string } }> }

async function gql<T>(svc: RunningService, token: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlAnswer<T>> {
  const res = await fetch(`${svc.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  assert.equal(res.status, 200);
  return (await res.json()) as GqlAnswer<T>;
}

async function admin<T>(svc: RunningService, method: string, apiPath: string): Promise<T> {
  const res = await fetch(`${svc.url}${apiPath}`, { method, headers: { authorization: `Bearer ${ADMIN}` } });
  assert.ok(res.ok, `${method} ${apiPath}: ${res.status}`);
  return (await res.json()) as T;
}

for (const engine of ENGINES) {
  describe(`importers over GraphQL: ${engine}`, () => {
    let svc: RunningService;
    let feeds: FeedServer;

    before(async () => {
      const root = await tempDir('supplygraph-feeds-');
      feeds = await startFeedServer(root);
      await writeOsvZip(root);
      const config = path.join(root, 'importers.yaml');
      await writeFile(config, ['importers:', `  - { name: osv-pypi, kind: osv, source: "${feeds.url}/osv/all.zip", interval: 24h }`].join('\n'));
      svc = await startService(engine, { SUPPLYGRAPH_IMPORTERS_CONFIG: config, SUPPLYGRAPH_API_TOKENS: `reader:read:${READ},ops:admin:${ADMIN}` });
    });
    after(async () => {
      await svc?.stop();
      await feeds?.close();
    });

    test('a read token is refused with FORBIDDEN, naming the admin scope', async () => {
      const list = await gql<{ importers: unknown }>(svc, READ, `{ importers { name } }`);
      assert.equal(list.data, null);
      assert.equal(list.errors?.[0]?.extensions.code, 'FORBIDDEN');
      assert.match(list.errors![0]!.message, /importers needs a token with the admin scope; reader has read/);
      const one = await gql<{ importer: unknown }>(svc, READ, `{ importer(name: "osv-pypi") { name } }`);
      assert.deepEqual([one.data?.importer, one.errors?.[0]?.extensions.code], [null, 'FORBIDDEN']);
    });

    test('an admin token reads the status of a run started over REST, the same as GET /api/v1/admin/importers/:name', async () => {
      // The 24h schedule's first run starts with the service; wait for it, then run once more by hand.
      let first: ImporterStatusView;
      do {
        first = await admin<ImporterStatusView>(svc, 'GET', '/api/v1/admin/importers/osv-pypi');
        if (!first.lastRun?.finishedAt) await new Promise((r) => setTimeout(r, 50));
      } while (!first.lastRun?.finishedAt);

      const before = await gql<{ importers: ImporterStatusView[] }>(svc, ADMIN, `{ importers { ${STATUS} } }`);
      assert.equal(before.errors, undefined, JSON.stringify(before.errors));
      assert.equal(before.data!.importers.length, 1);
      const listed = before.data!.importers[0]!;
      assert.deepEqual([listed.name, listed.kind, listed.source, listed.configured, listed.interval], ['osv-pypi', 'osv', `${feeds.url}/osv/all.zip`, true, '1d']);
      assert.equal(listed.lastRun!.outcome, 'succeeded');
      assert.deepEqual([listed.lastRun!.seen, listed.lastRun!.new, listed.lastRun!.failed], [OSV_FIXTURES.length + 1, OSV_FIXTURES.length, 1]);
      assert.deepEqual(listed.lastRun!.failures.map((f) => [f.entry, f.code]), [['broken.json', 'ENTRY_NOT_JSON']]);
      assert.equal(listed.lastError?.code, 'ENTRY_NOT_JSON');
      assert.equal(Date.parse(listed.nextRunAt!) - Date.parse(listed.lastRun!.startedAt), 86_400_000);

      const started = await admin<StartedRun>(svc, 'POST', '/api/v1/admin/importers/osv-pypi/run');
      let run: ImporterStatusView;
      do {
        const answer = await gql<{ importer: ImporterStatusView }>(svc, ADMIN, `query($name: String!) { importer(name: $name) { ${STATUS} } }`, { name: 'osv-pypi' });
        assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
        run = answer.data!.importer;
        if (run.lastRun?.runId !== started.runId || !run.lastRun.finishedAt) await new Promise((r) => setTimeout(r, 50));
      } while (run.lastRun?.runId !== started.runId || !run.lastRun.finishedAt);
      assert.deepEqual([run.lastRun.outcome, run.lastRun.seen, run.lastRun.new, run.lastRun.failed], ['succeeded', 0, 0, 0], 'all.zip unchanged: nothing read');
      assert.equal(run.lastError, null, 'a run with no failure clears the last error');
      assert.equal(run.running, false);
      assert.deepEqual(run, await admin<ImporterStatusView>(svc, 'GET', '/api/v1/admin/importers/osv-pypi'), 'GraphQL answers what REST answers');

      const missing = await gql<{ importer: ImporterStatusView | null }>(svc, ADMIN, `{ importer(name: "nope") { name } }`);
      assert.deepEqual(missing, { data: { importer: null } });
    });

    test('the graph the importer built checks clean', async () => {
      for (;;) {
        const c = await svc.runtime.queue.counts();
        if (c.waiting + c.active + c.delayed === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const report = await fetch(`${svc.url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: '{}' }).then(async (r) => (await r.json()) as CheckReport);
      assert.equal(report.ok, true, JSON.stringify(report.mismatches, null, 1));
    });
  });
}
