/**
 * End to end, on each engine: documents go in over HTTP, the worker ingests
 * them, GraphQL answers; bad documents fail their own job with a reason while
 * everything else keeps working.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENGINES } from '../support/engines.js';
import { appSbom, cyclonedx, npm } from '../support/sbom-factory.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';

const DEPENDENTS = `query($purl: String!, $transitive: Boolean) {
  dependents(purl: $purl, transitive: $transitive) {
    targets { id }
    components { totalCount edges { node { depth path component { id kind } } } }
    sboms { totalCount edges { node { id name } } }
    subjects { subject { id } sbom { id } }
  }
}`;

async function ingest(svc: RunningService, doc: unknown): Promise<Record<string, unknown>> {
  const up = await upload(svc.url, JSON.stringify(doc));
  assert.equal(up.status, 202, JSON.stringify(up.json));
  return waitForJob(svc.url, String(up.json.jobId));
}

for (const engine of ENGINES) {
  describe(`end to end: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine, { SUPPLYGRAPH_MAX_UPLOAD_BYTES: String(64 * 1024), SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES: String(1024 * 1024) }); });
    after(async () => { await svc?.stop(); });

    test('health and readiness', async () => {
      assert.equal((await fetch(`${svc.url}/healthz`)).status, 200);
      const ready = await fetch(`${svc.url}/readyz`);
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as { engine: string; checks: Record<string, { ok: boolean }> };
      assert.equal(body.engine, engine);
      assert.ok(body.checks.graph?.ok && body.checks.queue?.ok);
    });

    test('SBOMs ingest through HTTP and GraphQL answers dependents and dependencies', async () => {
      const jobs = await Promise.all([
        ingest(svc, appSbom('shop', [['express', '4.18.2'], ['lodash', '4.17.21']], ['ms', '2.1.3'])),
        ingest(svc, appSbom('blog', [['koa', '2.14.0']], ['ms', '2.1.3'])),
        ingest(svc, appSbom('cli', [['chalk', '5.3.0']], null)),
      ]);
      for (const j of jobs) {
        assert.equal(j.state, 'completed', JSON.stringify(j.failure));
        const r = j.result as { status: string; nodesCreated: number; edgesCreated: number; format: string };
        assert.equal(r.status, 'written');
        assert.equal(r.format, 'cyclonedx-json');
        assert.ok(r.edgesCreated > 0);
      }
      const res = await graphql<{ dependents: { targets: unknown[]; components: { totalCount: number; edges: Array<{ node: { component: { id: string } } }> }; sboms: { totalCount: number; edges: Array<{ node: { name: string } }> }; subjects: Array<{ subject: { id: string } }> } }>(svc.url, DEPENDENTS, { purl: 'pkg:npm/ms@2.1.3' });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const d = res.data.dependents;
      assert.equal(d.targets.length, 1);
      assert.deepEqual(d.components.edges.map((e) => e.node.component.id).sort(), ['pkg:npm/blog@1.0.0', 'pkg:npm/express@4.18.2', 'pkg:npm/koa@2.14.0', 'pkg:npm/lodash@4.17.21', 'pkg:npm/shop@1.0.0']);
      assert.deepEqual(d.sboms.edges.map((e) => e.node.name).sort(), ['blog 1.0.0', 'shop 1.0.0']);
      assert.deepEqual(d.subjects.map((s) => s.subject.id).sort(), ['pkg:npm/blog@1.0.0', 'pkg:npm/shop@1.0.0']);

      const directOnly = await graphql<{ dependents: { components: { totalCount: number } } }>(svc.url, DEPENDENTS, { purl: 'pkg:npm/koa@2.14.0', transitive: false });
      assert.equal(directOnly.data.dependents.components.totalCount, 1);

      const deps = await graphql<{ dependencies: { totalCount: number; edges: Array<{ node: { depth: number; component: { id: string } } }> } }>(svc.url,
        'query { dependencies(purl: "pkg:npm/shop@1.0.0", transitive: true) { totalCount edges { node { depth component { id } } } } }');
      assert.equal(deps.data.dependencies.totalCount, 3);
      assert.ok(deps.data.dependencies.edges.every((e) => e.node.depth === 1));

      const sboms = await graphql<{ sboms: { totalCount: number; edges: Array<{ node: { id: string; componentCount: number; subject: Array<{ id: string }>; components: { totalCount: number } } }> } }>(svc.url,
        '{ sboms(first: 10) { totalCount edges { node { id componentCount subject { id } components(first: 2) { totalCount } } } } }');
      assert.equal(sboms.data.sboms.totalCount, 3);
      for (const e of sboms.data.sboms.edges) assert.equal(e.node.components.totalCount, e.node.componentCount);

      const pkg = await graphql<{ package: { name: string; versions: Array<{ purl: string; sboms: Array<{ id: string }> }> } }>(svc.url, '{ package(purl: "pkg:npm/ms") { name versions { purl sboms { id } } } }');
      assert.equal(pkg.data.package.name, 'ms');
      assert.equal(pkg.data.package.versions[0]!.sboms.length, 2);
    });

    test('the same document twice: one document node, the second job says already ingested', async () => {
      const doc = appSbom('twice', [['left-pad', '1.3.0']], null);
      const first = await ingest(svc, doc);
      const stats = async () => (await graphql<{ stats: { nodes: number; edges: number } }>(svc.url, '{ stats { nodes edges } }')).data.stats;
      const before = await stats();
      const second = await ingest(svc, doc);
      assert.equal((first.result as { status: string }).status, 'written');
      assert.equal((second.result as { status: string }).status, 'already-ingested');
      assert.deepEqual(await stats(), before);
    });

    test('a dependency cycle ingests and queries terminate', async () => {
      const doc = cyclonedx({ components: [npm('ring-a', '1'), npm('ring-b', '1')], dependencies: [
        { ref: 'pkg:npm/ring-a@1', dependsOn: ['pkg:npm/ring-b@1'] },
        { ref: 'pkg:npm/ring-b@1', dependsOn: ['pkg:npm/ring-a@1'] },
      ] });
      const job = await ingest(svc, doc);
      assert.equal(job.state, 'completed');
      const res = await graphql<{ dependents: { components: { edges: Array<{ node: { component: { id: string } } }> } } }>(svc.url, DEPENDENTS, { purl: 'pkg:npm/ring-a@1' });
      assert.deepEqual(res.data.dependents.components.edges.map((e) => e.node.component.id), ['pkg:npm/ring-b@1']);
    });

    test('a truncated document fails its own job with the position; other jobs are unaffected', async () => {
      const text = JSON.stringify(appSbom('cut', [['a', '1']], null));
      const bad = await upload(svc.url, text.slice(0, text.length - 40));
      const good = await upload(svc.url, JSON.stringify(appSbom('fine', [['b', '1']], null)));
      const badJob = await waitForJob(svc.url, String(bad.json.jobId));
      const goodJob = await waitForJob(svc.url, String(good.json.jobId));
      assert.equal(badJob.state, 'failed');
      const failure = badJob.failure as { code: string; message: string; transient: boolean };
      assert.equal(failure.code, 'PARSE_ERROR');
      assert.match(failure.message, /line 1, column \d+/);
      assert.equal(failure.transient, false);
      assert.equal(badJob.attempts, 1, 'a document that cannot be parsed is not retried');
      assert.equal(goodJob.state, 'completed');
      const failed = (await (await fetch(`${svc.url}/api/v1/jobs?state=failed`)).json()) as { jobs: Array<{ id: string }> };
      assert.ok(failed.jobs.some((j) => j.id === bad.json.jobId));
    });

    test('upload limits and non-documents are refused at the door', async () => {
      const big = await upload(svc.url, `{"pad":"${'x'.repeat(70 * 1024)}"}`);
      assert.equal(big.status, 413);
      assert.equal((big.json.error as { code: string }).code, 'PAYLOAD_TOO_LARGE');
      const notJson = await upload(svc.url, 'hello, world');
      assert.equal(notJson.status, 400);
      assert.match((notJson.json.error as { message: string }).message, /not JSON/);
      const empty = await fetch(`${svc.url}/api/v1/documents`, { method: 'POST' });
      assert.equal(empty.status, 400);
      const unsupported = await ingest(svc, { hello: 'world' });
      assert.equal(unsupported.state, 'failed');
      assert.equal((unsupported.failure as { code: string }).code, 'UNSUPPORTED_FORMAT');
    });

    test('GraphQL limits: depth, page size, bad purl', async () => {
      const deep = await graphql(svc.url, '{ sboms { edges { node { components { edges { node { component { id } } } } } } } }'.replace('{ sboms', '{ a: sboms'));
      assert.equal(deep.errors, undefined);
      let nested = 'id';
      for (let i = 0; i < 15; i++) nested = `edges { node { ${i % 2 ? 'components' : 'subject'} { ${nested} } } }`;
      const tooDeep = await fetch(`${svc.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ sboms { ${nested} } }` }) });
      assert.equal(tooDeep.status, 400);
      const tooDeepBody = (await tooDeep.json()) as { errors: Array<{ extensions: { code: string } }> };
      assert.ok(tooDeepBody.errors.some((e) => e.extensions.code === 'QUERY_TOO_DEEP' || e.extensions.code === 'GRAPHQL_VALIDATION_FAILED'));
      const bigPage = await graphql(svc.url, '{ sboms(first: 100000) { totalCount } }');
      assert.equal(bigPage.errors?.[0]?.extensions.code, 'BAD_USER_INPUT');
      const badPurl = await graphql(svc.url, '{ dependents(purl: "not a purl") { targets { id } } }');
      assert.equal(badPurl.errors?.[0]?.extensions.code, 'BAD_PURL');
    });

    test('compressed uploads ingest; a decompression bomb fails its own job with a clear reason', async () => {
      const doc = JSON.stringify(appSbom('zipped', [['gz-dep', '1.0.0']], null));
      const gz = await upload(svc.url, gzipSync(doc));
      const gzJob = await waitForJob(svc.url, String(gz.json.jobId));
      assert.equal(gzJob.state, 'completed', JSON.stringify(gzJob.failure));
      assert.equal((gzJob.result as { documentKey: string }).documentKey, `sha256:${createHash('sha256').update(doc).digest('hex')}`, 'the document is identified by its decompressed bytes');
      const bomb = gzipSync(Buffer.concat([Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.5","pad":"'), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from('"}')]));
      assert.ok(bomb.byteLength < 64 * 1024, 'small on the wire');
      const b = await upload(svc.url, bomb);
      const bombJob = await waitForJob(svc.url, String(b.json.jobId));
      assert.equal(bombJob.state, 'failed');
      assert.equal((bombJob.failure as { code: string }).code, 'DECOMPRESSION_LIMIT');
      assert.equal((await fetch(`${svc.url}/readyz`)).status, 200, 'the service is still ready');
    });

    test('GraphiQL is served from local assets', async () => {
      const page = await fetch(`${svc.url}/graphiql`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /graphiql\/assets\/graphiql\.js/);
      const js = await fetch(`${svc.url}/graphiql/assets/graphiql.js`);
      assert.equal(js.status, 200);
      assert.ok((await js.text()).length > 100_000);
    });

    test('the CLI ingests a folder, waits, and reports per file with --json', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-cli-'));
      try {
        await writeFile(path.join(dir, 'one.cdx.json'), JSON.stringify(appSbom('cli-one', [['x1', '1']], null)));
        await writeFile(path.join(dir, 'two.cdx.json'), JSON.stringify(appSbom('cli-two', [['x2', '1']], null)));
        await writeFile(path.join(dir, 'broken.json'), '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [');
        const { code, stdout } = await runCli(['ingest', dir, '--server', svc.url, '--json']);
        assert.equal(code, 1, 'one failed file makes the exit code non-zero');
        const out = JSON.parse(stdout) as { ok: number; failed: number; files: Array<{ file: string; failure: { code: string } | null }> };
        assert.equal(out.ok, 2);
        assert.equal(out.failed, 1);
        assert.equal(out.files.find((f) => f.file.endsWith('broken.json'))?.failure?.code, 'PARSE_ERROR');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
