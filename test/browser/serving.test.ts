/**
 * How the console and the documents' content are served: the page and its
 * hashed assets need no token, deep links load the page, unknown assets are
 * 404, and a document's original bytes need the read scope.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startService, type RunningService } from '../support/service.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { ensureConsoleBuilt } from './harness.js';

const READ = 'reader-token-0123456789';
const ADMIN = 'admin-token-0123456789';

async function ingested(svc: RunningService, body: Buffer): Promise<{ documentKey: string; blobDigest: string }> {
  const res = await fetch(`${svc.url}/api/v1/documents`, { method: 'POST', body, headers: { authorization: `Bearer ${ADMIN}` } });
  assert.equal(res.status, 202);
  const { jobId, blobDigest } = (await res.json()) as { jobId: string; blobDigest: string };
  for (;;) {
    const job = (await (await fetch(`${svc.url}/api/v1/jobs/${jobId}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { state: string; result: { documentKey: string } | null };
    if (job.state === 'completed') return { documentKey: job.result!.documentKey, blobDigest };
    assert.notEqual(job.state, 'failed');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('console and document content serving', () => {
  let svc: RunningService;
  before(async () => {
    ensureConsoleBuilt();
    svc = await startService('kuzu', { SUPPLYGRAPH_API_TOKENS: `reader:read:${READ},ops:admin:${ADMIN}` });
  });
  after(async () => { await svc?.stop(); });

  test('the page, its deep links and its hashed assets need no token; unknown assets and paths are 404', async () => {
    for (const p of ['/', '/?q=CVE-2099-0001', '/vulnerability?id=CVE-2099-0001', '/package?purl=pkg%3Anpm%2Flodash', '/model?ref=x', '/sbom?id=x', '/graph', '/upload', '/importers', '/dataset?ref=x']) {
      const res = await fetch(`${svc.url}${p}`);
      assert.equal(res.status, 200, p);
      assert.match(res.headers.get('content-type')!, /text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    }
    const html = await (await fetch(`${svc.url}/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')), html);
    for (const a of assets) {
      const res = await fetch(`${svc.url}${a}`);
      assert.equal(res.status, 200, a);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    }
    assert.ok(!html.includes('http://') && !html.includes('https://'), 'nothing is loaded from elsewhere');
    assert.equal((await fetch(`${svc.url}/assets/index-00000000.js`)).status, 404);
    assert.equal((await fetch(`${svc.url}/no-such-page`)).status, 404);
    assert.equal((await fetch(`${svc.url}/graphiql`)).status, 200, 'GraphiQL stays');
    // The data behind the page still needs a token.
    assert.equal((await fetch(`${svc.url}/graphql?query=%7Bstats%7Bnodes%7D%7D`)).status, 401);
  });

  test('GET /api/v1/documents/:id/content returns the original bytes to a reader, and says why when it cannot', async () => {
    const bytes = Buffer.from(JSON.stringify(cyclonedx({ components: [{ name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }] }), null, 2));
    const { documentKey } = await ingested(svc, bytes);
    const url = `${svc.url}/api/v1/documents/${documentKey}/content`;

    assert.equal((await fetch(url)).status, 401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${READ}` } });
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes);
    assert.match(res.headers.get('content-disposition')!, /attachment/);
    const bare = await fetch(`${svc.url}/api/v1/documents/${documentKey.slice(7)}/content`, { headers: { authorization: `Bearer ${READ}` } });
    assert.equal(bare.status, 200, 'the bare hex works too');

    const code = async (path: string) => ((await (await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${READ}` } })).json()) as { error: { code: string } }).error.code;
    assert.equal(await code('/api/v1/documents/not-a-digest/content'), 'BAD_DOCUMENT_ID');
    assert.equal(await code(`/api/v1/documents/sha256:${'0'.repeat(64)}/content`), 'DOCUMENT_NOT_FOUND');

    const zipped = Buffer.from(JSON.stringify(cyclonedx({ components: [{ name: 'react', version: '18.3.1', purl: 'pkg:npm/react@18.3.1' }] })));
    const gz = await ingested(svc, gzipSync(zipped));
    assert.equal(await code(`/api/v1/documents/${gz.documentKey}/content`), 'DOCUMENT_CONTENT_UNAVAILABLE');
  });
});
