/**
 * Parse isolation from the compiled JavaScript, as `npm start` runs it: the
 * project is compiled with its own tsconfig (into a scratch folder beside
 * dist/, so the checkout's dist/ is left alone), the compiled server is
 * started as a child process, and its parse processes must load the compiled
 * worker file: a normal SBOM ingests, the issue-19 probe fails its own job,
 * the server keeps answering.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { appSbom } from '../support/sbom-factory.js';
import { tempDir } from '../support/engines.js';
import { upload, waitForJob } from '../support/service.js';
import { nestedComponents } from '../fuzz/hostile-documents.js';

const run = promisify(execFile);
const repo = process.cwd();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof addr === 'object' && addr ? addr.port : 0;
}

describe('parse isolation from the compiled build (node, no tsx)', () => {
  const outDir = path.join(repo, '.tmp', `dist-isolation-${process.pid}`);
  let dataDir = '';
  let child: ChildProcess | undefined;
  let output = '';
  let url = '';

  before(async () => {
    await mkdir(path.dirname(outDir), { recursive: true });
    await run(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--outDir', outDir], { cwd: repo, maxBuffer: 16 * 1024 * 1024 });
    const main = path.join(outDir, 'services', 'cli', 'main.js');
    assert.ok(existsSync(path.join(outDir, 'ingestors', 'isolation', 'parse-worker.js')), 'the worker is compiled beside the pool');
    dataDir = await tempDir('supplygraph-dist-');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [main, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir], {
      cwd: repo,
      // Plain node: no tsx loader anywhere in this process or its parse processes.
      env: { ...process.env, NODE_OPTIONS: '', REDIS_URL: '', NEO4J_URL: '', SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory', SUPPLYGRAPH_LOG_LEVEL: 'warn', SUPPLYGRAPH_PARSE_PROCESSES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      assert.equal(child.exitCode, null, `the compiled server exited: ${output}`);
      const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
      if (ready) break;
      assert.ok(Date.now() < deadline, `the compiled server did not become ready: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(outDir, { recursive: true, force: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('an SBOM ingests through the compiled parse process', async () => {
    const up = await upload(url, JSON.stringify(appSbom('dist-app', [['left-pad', '1.3.0']], null)));
    assert.equal(up.status, 202, JSON.stringify(up.json));
    const job = await waitForJob(url, String(up.json.jobId), 120_000);
    assert.equal(job.state, 'completed', `${JSON.stringify(job.failure)}\n${output}`);
    assert.equal((job.result as { format: string }).format, 'cyclonedx-json');
  });

  test("issue 19's probe fails its own job with DOCUMENT_TOO_COMPLEX and the compiled server stays up", async () => {
    const up = await upload(url, nestedComponents(100_000));
    const job = await waitForJob(url, String(up.json.jobId), 120_000);
    assert.equal((job.failure as { code: string } | null)?.code, 'DOCUMENT_TOO_COMPLEX', JSON.stringify(job));
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    assert.equal(child?.exitCode, null);
  });
});
