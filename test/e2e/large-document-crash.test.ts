/**
 * A large SBOM written in many chunks by a real `supplygraph serve`, killed (kill -9)
 * while the document is in state `writing`: after a restart on the same data the job
 * is finished, the graph holds exactly what the document says, and `check` is clean.
 * On both engines (embedded Kuzu with the in-process queue; Neo4j).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseCycloneDxJson } from '../../ingestors/cyclonedx/json.js';
import { Neo4jGraphStore } from '../../services/graph/neo4j/neo4j-store.js';
import type { CheckReport } from '../../services/integrity/check.js';
import { ENGINES, neo4jUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { largeSbom } from '../support/large-sbom.js';
import { documentInput } from '../support/parse.js';
import { spawnServer, waitFor, type WorkerProcess } from '../support/processes.js';

/** About 20 MB: 24,000 components, some 360,000 node and edge rows, 18 chunks of 20,000. */
const COMPONENTS = 24_000;
const doc = largeSbom(COMPONENTS);
const key = `sha256:${createHash('sha256').update(doc).digest('hex')}`;

/** What the document says: distinct nodes per label (and its Document), edges per type. */
function expectedCounts(): { byLabel: Record<string, number>; byEdgeType: Record<string, number> } {
  const batch = parseCycloneDxJson(documentInput(JSON.parse(doc.toString('utf8'))));
  const keys = new Map<string, Set<string>>([['Document', new Set([key])]]);
  for (const n of batch.nodes) {
    const set = keys.get(n.label) ?? new Set<string>();
    keys.set(n.label, set);
    set.add(n.props.key);
  }
  const byEdgeType: Record<string, number> = {};
  for (const e of batch.edges) byEdgeType[e.type] = (byEdgeType[e.type] ?? 0) + 1;
  return { byLabel: Object.fromEntries([...keys].map(([l, s]) => [l, s.size])), byEdgeType };
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const nonZero = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).filter(([, v]) => v > 0));

for (const engine of ENGINES) {
  describe(`large document, chunked write, kill -9 mid-write: ${engine}`, () => {
    const running: WorkerProcess[] = [];
    after(async () => {
      await Promise.all(running.map((p) => p.stop()));
    });

    const start = async (env: Record<string, string>): Promise<{ server: WorkerProcess; url: string }> => {
      const server = spawnServer(env);
      running.push(server);
      const url = await waitFor('the server to listen', async () => /listening on (http:\/\/\S+)/.exec(server.output())?.[1], 120_000, 100);
      return { server, url };
    };

    test('the document is finished on restart, with exactly its counts, and check is clean', async () => {
      const dataDir = await tempDir('supplygraph-large-crash-');
      const env: Record<string, string> = {
        SUPPLYGRAPH_DATA_DIR: dataDir, SUPPLYGRAPH_PORT: '0', SUPPLYGRAPH_HOST: '127.0.0.1',
        SUPPLYGRAPH_WRITE_CHUNK_ROWS: '20000', SUPPLYGRAPH_JOB_ATTEMPTS: '20', SUPPLYGRAPH_JOB_BACKOFF_MS: '500',
        SUPPLYGRAPH_PARSE_TIMEOUT_MS: '600000', SUPPLYGRAPH_QUEUE: 'memory',
        ...(engine === 'neo4j'
          // A short lease so the restarted server may take over the dead one's claim soon.
          ? { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_WRITE_LEASE_MS: '2000' }
          : { SUPPLYGRAPH_GRAPH: 'kuzu' }),
      };
      if (engine === 'neo4j') {
        const s = await Neo4jGraphStore.open({ url: neo4jUrl() });
        await wipeNeo4j(s);
        await s.close();
      }
      const expected = expectedCounts();

      const first = await start(env);
      const res = await fetch(`${first.url}/api/v1/documents?filename=large.cdx.json`, { method: 'POST', body: doc, headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 202);
      const { jobId } = (await res.json()) as { jobId: string };
      // Killed only once some chunks are committed and the document is still being written.
      const state = async (url: string): Promise<string | null> =>
        (await graphql<{ document: { state: string } | null }>(url, 'query($id: ID!) { document(id: $id) { state } }', { id: key })).document?.state ?? null;
      await waitFor('the document to be in state writing', async () => (await state(first.url)) === 'WRITING', 600_000, 50);
      first.server.kill9();
      await first.server.exited;

      const second = await start(env);
      const done = await waitFor('the job to finish after the restart', async () => {
        const j = (await (await fetch(`${second.url}/api/v1/jobs/${jobId}`)).json()) as { state: string; failure: unknown; result: { status: string; resumed?: boolean } | null };
        return j.state === 'completed' || j.state === 'failed' ? j : null;
      }, 900_000, 500);
      assert.equal(done.state, 'completed', JSON.stringify(done.failure));
      assert.equal(done.result?.status, 'written');
      if (engine === 'neo4j') {
        assert.equal(done.result?.resumed, true, 'the restarted worker redid the interrupted chunked write');
      } else {
        // The embedded store trusts nothing Kuzu left after a crash: it was discarded and the job wrote the document afresh.
        const ready = (await (await fetch(`${second.url}/readyz`)).json()) as { recovery: { action: string } };
        assert.equal(ready.recovery.action, 'discarded');
      }
      assert.equal(await state(second.url), 'COMPLETE');

      const stats = await graphql<{ stats: { byLabel: Array<{ name: string; count: number }>; byEdgeType: Array<{ name: string; count: number }> } }>(second.url, '{ stats { byLabel { name count } byEdgeType { name count } } }');
      assert.deepEqual(nonZero(Object.fromEntries(stats.stats.byLabel.map((x) => [x.name, x.count]))), expected.byLabel);
      assert.deepEqual(nonZero(Object.fromEntries(stats.stats.byEdgeType.map((x) => [x.name, x.count]))), expected.byEdgeType);

      const check = await fetch(`${second.url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(check.status, 200);
      const report = (await check.json()) as CheckReport;
      assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 10), null, 1));
      await second.server.stop();
    });
  });
}
