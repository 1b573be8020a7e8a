/**
 * Soak: the conditions under which the embedded graph once stored wrong facts —
 * many documents ingested two at a time, advisories updated in place while
 * GraphQL readers hammer the same nodes, checkpoints, and a restart between two
 * rounds — end with every job completed and `check` reporting zero mismatches,
 * on both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { loadConfig } from '../../services/config/config.js';
import { startRuntime, type Runtime } from '../../services/runtime.js';
import { checkGraph } from '../../services/integrity/check.js';
import { ENGINES, neo4jUrl, redisUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { waitFor } from '../support/processes.js';
import { stormCorpus, type StormDocument } from '../support/storm.js';

const READERS = 4;
const QUERIES = [
  '{ stats { nodes edges } }',
  '{ vulnerability(id: "GHSA-storm-0001") { aliases advisories { id title published modified } affected(first: 20) { totalCount edges { node { packageVersion { id } status } } } } }',
  '{ vulnerability(id: "CVE-2099-9002") { advisories { published modified } } }',
  '{ sboms(first: 5) { totalCount edges { node { id name componentCount } } } }',
  '{ dependents(purl: "pkg:npm/u37") { sboms { totalCount } } }',
];

for (const engine of ENGINES) {
  describe(`soak: ${engine}`, () => {
    let dataDir: string;
    let runtime: Runtime | null = null;
    let url = '';
    const queueName = `soak-${crypto.randomUUID()}`;
    const open = async (): Promise<void> => {
      const env: NodeJS.ProcessEnv = {
        SUPPLYGRAPH_LOG_LEVEL: 'silent', SUPPLYGRAPH_JOB_BACKOFF_MS: '50', SUPPLYGRAPH_WORKER_CONCURRENCY: '2',
        ...(engine === 'neo4j'
          ? { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(), SUPPLYGRAPH_QUEUE_NAME: queueName }
          : { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' }),
      };
      runtime = await startRuntime(loadConfig(env, { port: 0, host: '127.0.0.1', dataDir }), { api: true, worker: true });
      const addr = runtime.api!.server.address();
      url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    };
    before(async () => {
      dataDir = await tempDir('supplygraph-soak-');
      if (engine === 'neo4j') {
        await open();
        await wipeNeo4j(runtime!.store);
        await runtime!.close();
      }
      await open();
    });
    after(async () => {
      await runtime?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    /** Uploads every document at once and keeps READERS GraphQL clients busy until all jobs are done. */
    const round = async (docs: StormDocument[]): Promise<void> => {
      const ids: string[] = [];
      for (const d of docs) {
        const res = await fetch(`${url}/api/v1/documents?filename=${encodeURIComponent(d.name)}`, { method: 'POST', body: d.body });
        assert.equal(res.status, 202);
        ids.push(((await res.json()) as { jobId: string }).jobId);
      }
      let done = false;
      let reads = 0;
      const readers = Array.from({ length: READERS }, async (_, r) => {
        for (let i = r; !done; i++) {
          const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERIES[i % QUERIES.length] }) });
          const body = (await res.json()) as { errors?: unknown };
          assert.equal(body.errors, undefined, JSON.stringify(body.errors));
          reads += 1;
        }
      });
      try {
        const jobs = await waitFor('every job to finish', async () => {
          const all = await Promise.all(ids.map(async (id) => (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as { state: string; failure: unknown }));
          return all.every((j) => j.state === 'completed' || j.state === 'failed') ? all : null;
        }, 600_000, 200);
        assert.deepEqual(jobs.filter((j) => j.state !== 'completed'), []);
      } finally {
        done = true;
        await Promise.all(readers);
      }
      assert.ok(reads > READERS, `the readers ran alongside (${reads} reads)`);
    };

    test('two rounds with concurrent readers and a restart end with check clean', async () => {
      const corpus = stormCorpus({ sboms: 10, componentsPerSbom: 300, advisories: 16, updates: 10 });
      const firstRound = corpus.filter((d) => !d.name.includes('2099-03-01'));
      await round(firstRound);
      await runtime!.close();
      await open();
      // The second round updates advisories in place (new title, modified, fixed version) under read load.
      await round(corpus.filter((d) => d.name.includes('2099-03-01')));
      const report = await checkGraph({ store: runtime!.store, blobs: runtime!.blobs, limits: runtime!.config.limits });
      assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 20), null, 1));
      assert.equal(report.documents, corpus.length);
      const titles = await runtime!.store.read<{ key: string; modified: string; published: string; title: string }>(
        'MATCH (a:Advisory) RETURN a.key AS key, a.modified AS modified, a.published AS published, a.title AS title');
      assert.equal(titles.length, 16);
      for (const t of titles) {
        const k = Number(/GHSA-storm-(\d+)/.exec(t.key)![1]);
        assert.equal(t.published, `2099-01-${String((k % 27) + 1).padStart(2, '0')}T00:00:00Z`, `${t.key}: published is its own`);
        assert.equal(t.modified, k < 10 ? '2099-03-01T00:00:00Z' : '2099-02-01T00:00:00Z', `${t.key}: the current version speaks`);
      }
    });
  });
}
