/**
 * Hostile and broken documents through the real worker, on each engine: each
 * fails its own job with a precise reason or ingests with precise warnings;
 * the worker keeps serving and the graph stays consistent.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ENGINES } from '../support/engines.js';
import { appSbom, cyclonedx, npm } from '../support/sbom-factory.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';
import { checkGraph } from '../../services/integrity/check.js';

type Job = { state: string; failure: { code: string; message: string } | null; result: { status: string; warnings: Array<{ code: string; at?: string }> } | null; attempts: number };

async function ingest(svc: RunningService, body: string | Buffer): Promise<Job> {
  const up = await upload(svc.url, body);
  assert.equal(up.status, 202, JSON.stringify(up.json));
  return (await waitForJob(svc.url, String(up.json.jobId))) as unknown as Job;
}

for (const engine of ENGINES) {
  describe(`hostile inputs: ${engine}`, () => {
    let svc: RunningService;
    let before_: { nodes: number; edges: number };
    const stats = async () => (await graphql<{ stats: { nodes: number; edges: number } }>(svc.url, '{ stats { nodes edges } }')).data.stats;

    before(async () => {
      svc = await startService(engine, { SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES: String(8 * 1024 * 1024) });
      const ok = await ingest(svc, JSON.stringify(appSbom('baseline', [['left', '1.0.0']], null)));
      assert.equal(ok.state, 'completed');
      before_ = await stats();
    });
    after(async () => { await svc?.stop(); });

    test('truncated JSON: parse error with the position, not retried, nothing written', async () => {
      const text = JSON.stringify(appSbom('trunc', [['x', '1']], null), null, 1);
      const job = await ingest(svc, text.slice(0, 200));
      assert.equal(job.state, 'failed');
      assert.equal(job.failure?.code, 'PARSE_ERROR');
      assert.match(job.failure?.message ?? '', /truncated.*line \d+, column \d+/s);
      assert.equal(job.attempts, 1);
      assert.deepEqual(await stats(), before_);
    });

    test('decompression bomb: fails with DECOMPRESSION_LIMIT', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
      const job = await ingest(svc, bomb);
      assert.equal(job.failure?.code, 'DECOMPRESSION_LIMIT');
      assert.deepEqual(await stats(), before_);
    });

    test('broken refs, a cycle, an invalid purl and a bad hash: ingested with precise warnings', async () => {
      const doc = cyclonedx({
        components: [npm('h-a', '1'), npm('h-b', '1'), { name: 'weird', version: '1', purl: 'pkg:npm/%zz@@', ref: 'weird', hashes: [{ alg: 'constructor', content: 'abcd' }] }],
        dependencies: [
          { ref: 'pkg:npm/h-a@1', dependsOn: ['pkg:npm/h-b@1', 'missing-ref'] },
          { ref: 'pkg:npm/h-b@1', dependsOn: ['pkg:npm/h-a@1'] },
        ],
      });
      const job = await ingest(svc, JSON.stringify(doc));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      const codes = job.result!.warnings.map((w) => w.code).sort();
      assert.ok(codes.includes('DANGLING_REF'), codes.join());
      assert.ok(codes.includes('INVALID_PURL'), codes.join());
      assert.ok(codes.includes('INVALID_HASH'), codes.join());
      const dangling = job.result!.warnings.find((w) => w.code === 'DANGLING_REF')!;
      assert.match(dangling.at ?? '', /^\/dependencies\/0\/dependsOn\/1$/);
      const deps = await graphql<{ dependencies: { totalCount: number } }>(svc.url, '{ dependencies(purl: "pkg:npm/h-a@1", transitive: true) { totalCount } }');
      assert.equal(deps.data.dependencies.totalCount, 1, 'the cycle terminates');
    });

    test('nesting: 450 levels ingest without recursion; 10,000 levels fail DOCUMENT_TOO_COMPLEX before parsing', async () => {
      const nested = (depth: number, prefix: string): string => {
        const open = Array.from({ length: depth }, (_, i) => `{"type":"library","bom-ref":"${prefix}${i}","name":"${prefix}${i}","version":"1","purl":"pkg:npm/${prefix}${i}@1","components":[`).join('');
        return `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${open}{"type":"library","name":"bottom","version":"0","purl":"pkg:npm/bottom@0"}${']}'.repeat(depth)}]}`;
      };
      const job = await ingest(svc, gzipSync(nested(450, 'deep')));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      const deps = await graphql<{ dependencies: { totalCount: number } }>(svc.url, '{ dependencies(purl: "pkg:npm/deep0@1", transitive: true, maxDepth: 30) { totalCount } }');
      assert.equal(deps.errors, undefined, JSON.stringify(deps.errors));
      assert.equal(deps.data.dependencies.totalCount, 30, 'bounded by maxDepth');
      const tooDeep = await ingest(svc, gzipSync(nested(10_000, 'deeper')));
      assert.equal(tooDeep.failure?.code, 'DOCUMENT_TOO_COMPLEX', JSON.stringify(tooDeep));
      assert.match(tooDeep.failure?.message ?? '', /SUPPLYGRAPH_MAX_NESTING_DEPTH/);
      assert.equal(tooDeep.attempts, 1, 'not retried');
    });

    test('XML with a DTD (billion laughs) is refused', async () => {
      const xml = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library"><name>&lol2;</name></component></components></bom>';
      const job = await ingest(svc, xml);
      assert.equal(job.state, 'failed');
      assert.match(`${job.failure?.code} ${job.failure?.message}`, /DTD|ENTITY|entit/i);
    });

    test('the worker keeps serving afterwards, and what is stored is exactly what the good documents say', async () => {
      const job = await ingest(svc, JSON.stringify(appSbom('after-all', [['right', '2.0.0']], null)));
      assert.equal(job.state, 'completed');
      assert.equal((await fetch(`${svc.url}/readyz`)).status, 200);
      const report = await checkGraph({ store: svc.runtime.store, blobs: svc.runtime.blobs, limits: svc.runtime.config.limits });
      assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 10), null, 1));
    });
  });
}
