/**
 * kill -9 in the middle of an import, on each engine: the process running the
 * importer (embedded: `supplygraph serve`; production: a `supplygraph worker`
 * next to an API process) is killed while it waits for the third document of
 * a feed. A run after the restart continues with the documents the killed one
 * had not queued — none imported twice — and the graph checks clean.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, neo4jUrl, redisUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { spawnServer, spawnWorker, waitFor, type WorkerProcess } from '../support/processes.js';
import { startFeedServer } from '../support/feed-server.js';
import { writeSbomIndex } from '../support/feeds.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { loadConfig } from '../../services/config/config.js';
import { startRuntime, type Runtime } from '../../services/runtime.js';
import type { ImporterStatusView, StartedRun } from '../../services/importers/service.js';
import type { CheckReport } from '../../services/integrity/check.js';

const DOCUMENTS = 5;
const sbom = (i: number): string => JSON.stringify(cyclonedx({
  subject: { name: `svc-${i}`, version: '1.0.0', purl: `pkg:npm/svc-${i}@1.0.0`, ref: 'app', type: 'application' },
  components: [{ name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', ref: 'lp' }],
  dependencies: [{ ref: 'app', dependsOn: ['lp'] }],
}));

async function json<T>(url: string, method = 'GET'): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
  return { status: res.status, body: (await res.json()) as T };
}

for (const engine of ENGINES) {
  describe(`importer crash and resume: ${engine}`, () => {
    const children: WorkerProcess[] = [];
    let inProcess: Runtime | null = null;
    after(async () => {
      await Promise.all(children.map((c) => c.stop()));
      await inProcess?.close(true);
    });

    test('a run killed after two documents is continued by the next without duplicates', async () => {
      const root = await tempDir('supplygraph-crash-feeds-');
      const feeds = await startFeedServer(root);
      try {
        await writeSbomIndex(root, feeds.url, Object.fromEntries(Array.from({ length: DOCUMENTS }, (_, i) => [`svc-${i}.cdx.json`, sbom(i)])));
        const configFile = path.join(root, 'importers.yaml');
        await writeFile(configFile, `importers:\n  - { name: sboms, kind: sbom-dir, source: "${feeds.url}/sboms/index.json", interval: 1h }\n`);
        const dataDir = await tempDir('supplygraph-crash-');
        const env: Record<string, string> = {
          SUPPLYGRAPH_IMPORTERS_CONFIG: configFile, SUPPLYGRAPH_DATA_DIR: dataDir, SUPPLYGRAPH_LOG_LEVEL: 'info',
          ...(engine === 'neo4j'
            ? { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(), SUPPLYGRAPH_QUEUE_NAME: `crash-${crypto.randomUUID()}`, SUPPLYGRAPH_BLOB_DIR: path.join(dataDir, 'blobs'), SUPPLYGRAPH_JOB_LOCK_MS: '1000' }
            : { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' }),
        };
        const held = feeds.hold('/sboms/svc-2.cdx.json');

        // The process that runs the importer on its schedule (it has never run, so at once).
        let url: string;
        let importerProcess: WorkerProcess;
        const completedJobs = async (): Promise<number> => (await json<{ counts: { completed: number } }>(`${url}/api/v1/jobs?state=completed`)).body.counts.completed;
        if (engine === 'neo4j') {
          inProcess = await startRuntime(loadConfig({ ...env, SUPPLYGRAPH_LOG_LEVEL: 'silent' }, { port: 0, host: '127.0.0.1', dataDir, worker: false }), { api: true, worker: false });
          await wipeNeo4j(inProcess.store);
          const addr = inProcess.api!.server.address();
          url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
          importerProcess = spawnWorker(env);
        } else {
          importerProcess = spawnServer(env, ['--port', '0']);
          url = await waitFor('serve to listen', async () => /listening on (http:\/\/[\d.]+:\d+)/.exec(importerProcess.output())?.[1]);
        }
        children.push(importerProcess);
        await waitFor('the importer to reach the third document', async () => feeds.requests.includes('/sboms/svc-2.cdx.json'), 120_000);
        // Killed with the graph idle, so the crash is the importer's alone.
        await waitFor('the first two documents to be ingested', async () => (await completedJobs()) >= 2, 120_000);
        importerProcess.kill9();
        await importerProcess.exited;
        held();

        if (engine === 'kuzu') {
          const restarted = spawnServer(env, ['--port', '0']);
          children.push(restarted);
          url = await waitFor('serve to listen again', async () => /listening on (http:\/\/[\d.]+:\d+)/.exec(restarted.output())?.[1], 120_000);
        } else {
          children.push(spawnWorker(env));
        }
        const before = (await json<ImporterStatusView>(`${url}/api/v1/admin/importers/sboms`)).body;
        assert.equal(before.lastRun?.finishedAt, null, 'the killed run never finished');
        // The killed holder's Redis lock lapses after SUPPLYGRAPH_JOB_LOCK_MS; until then a start is refused as busy.
        const started = await waitFor('the importer to be free', async () => {
          const r = await json<StartedRun & { error?: { code: string } }>(`${url}/api/v1/admin/importers/sboms/run`, 'POST');
          if (r.status === 409) return null;
          assert.equal(r.status, 202, JSON.stringify(r.body));
          return r.body;
        }, 60_000);
        const run = await waitFor('the resumed run to finish', async () => {
          const s = (await json<ImporterStatusView>(`${url}/api/v1/admin/importers/sboms`)).body;
          return s.lastRun?.runId === started.runId && s.lastRun.finishedAt ? s.lastRun : null;
        }, 120_000);
        assert.deepEqual([run.outcome, run.seen, run.new, run.failed], ['succeeded', DOCUMENTS, DOCUMENTS - 2, 0]);

        await waitFor('every queued document to be ingested', async () => {
          const c = (await json<{ counts: Record<string, number> }>(`${url}/api/v1/jobs?state=completed`)).body.counts;
          return c.waiting! + c.active! + c.delayed! === 0 && c.failed === 0;
        }, 120_000);
        const report = (await json<CheckReport>(`${url}/api/v1/admin/check`, 'POST')).body;
        assert.equal(report.ok, true, JSON.stringify(report.mismatches, null, 1));
        assert.equal(report.documents, DOCUMENTS, 'each document once');
      } finally {
        await feeds.close();
      }
    });
  });
}
