/**
 * Protection of the HTTP API, end to end on each engine: bearer tokens with
 * scopes (read, ingest, admin), anonymous read on and off, per-caller rate
 * limiting with 429 + Retry-After, and the GraphQL cost limit. The rest of the
 * e2e suite runs with no tokens configured (the open, embedded default).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, ApiError } from '../../services/cli/api-client.js';
import { ENGINES } from '../support/engines.js';
import { graphqlAs, request, uploadAs, waitForJobAs } from '../support/http.js';
import { appSbom } from '../support/sbom-factory.js';
import { startService, type RunningService } from '../support/service.js';

const READ = 'read-token-0123456789abcdef';
const INGEST = 'ingest-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';
const BURST = 'burst-token-0123456789abcdef';
const OTHER = 'other-token-0123456789abcdef';
const TOKENS = `reader:read:${READ},ci:ingest:${INGEST},ops:admin:${ADMIN}`;

const STATS = '{ stats { nodes edges } }';
/** 500 SBOMs × 500 components each: far over the default cost limit of 50 000. */
const COSTLY = '{ sboms(first: 500) { edges { node { id components(first: 500) { edges { node { component { id } } } } } } } }';
const BY_VARIABLE = 'query($n: Int) { sboms(first: $n) { edges { node { id components(first: $n) { edges { node { component { id } } } } } } } }';

interface ErrorBody { error: { code: string; message: string } }

for (const engine of ENGINES) {
  describe(`API protection with tokens, no anonymous access: ${engine}`, () => {
    let svc: RunningService;
    before(async () => {
      svc = await startService(engine, { SUPPLYGRAPH_API_TOKENS: TOKENS, SUPPLYGRAPH_MAX_UPLOAD_BYTES: String(64 * 1024) });
    });
    after(async () => { await svc?.stop(); });

    test('health, readiness, metrics and GraphiQL need no token', async () => {
      for (const path of ['/healthz', '/readyz', '/metrics', '/graphiql', '/graphiql/assets/graphiql.css']) {
        const res = await request(svc.url, path);
        assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.json)}`);
      }
      const page = await (await fetch(`${svc.url}/graphiql`)).text();
      assert.match(page, /Bearer <token>/, 'GraphiQL pre-fills an Authorization header when reading needs a token');
      const missing = await request<ErrorBody>(svc.url, '/no/such/route');
      assert.equal(missing.status, 404, 'an unknown route is a 404, not a 401');
    });

    test('no token: 401 with a message saying what to send', async () => {
      const up = await uploadAs(svc.url, null, JSON.stringify(appSbom('anon', [['a', '1']], null)));
      assert.equal(up.status, 401);
      const err = (up.json as unknown as ErrorBody).error;
      assert.equal(err.code, 'UNAUTHORIZED');
      assert.match(err.message, /Authorization: Bearer <token>; see SUPPLYGRAPH_API_TOKENS/);
      assert.match(up.headers.get('www-authenticate') ?? '', /^Bearer realm="supplygraph"/);

      const gql = await graphqlAs(svc.url, null, STATS);
      assert.equal(gql.status, 401);
      assert.equal(gql.json.error?.code, 'UNAUTHORIZED');
      assert.match(gql.json.error?.message ?? '', /"read" scope/);
      assert.equal((await request(svc.url, '/api/v1/jobs')).status, 401);
      assert.equal((await request(svc.url, `/graphql?query=${encodeURIComponent(STATS)}`)).status, 401);
    });

    test('an unknown token or another scheme: 401, never mistaken for anonymous', async () => {
      const unknown = await graphqlAs(svc.url, 'not-a-configured-token-at-all', STATS);
      assert.equal(unknown.status, 401);
      assert.match(unknown.json.error?.message ?? '', /not one this server knows/);
      assert.match(unknown.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
      const basic = await request<ErrorBody>(svc.url, '/api/v1/jobs', { headers: { authorization: `Basic ${Buffer.from(`x:${READ}`).toString('base64')}` } });
      assert.equal(basic.status, 401);
      assert.match(basic.json.error.message, /not "Bearer <token>"/);
    });

    test('an unauthenticated upload is refused before its body is read (401, not 413)', async () => {
      const big = Buffer.alloc(256 * 1024, 0x20);
      big[0] = 0x7b;
      assert.equal((await uploadAs(svc.url, null, big)).status, 401);
      assert.equal((await uploadAs(svc.url, READ, big)).status, 403);
      assert.equal((await uploadAs(svc.url, INGEST, big)).status, 413);
    });

    test('a read token queries and lists jobs but may not upload (403 naming the scope)', async () => {
      const gql = await graphqlAs<{ stats: { nodes: number } }>(svc.url, READ, STATS);
      assert.equal(gql.status, 200, JSON.stringify(gql.json));
      assert.equal(gql.json.errors, undefined);
      assert.equal(typeof gql.json.data?.stats.nodes, 'number');
      const viaGet = await request(svc.url, `/graphql?query=${encodeURIComponent(STATS)}`, { token: READ });
      assert.equal(viaGet.status, 200);
      assert.equal((await request(svc.url, '/api/v1/jobs?state=completed', { token: READ })).status, 200);

      const up = await uploadAs(svc.url, READ, JSON.stringify(appSbom('reader', [['a', '1']], null)));
      assert.equal(up.status, 403);
      const err = (up.json as unknown as ErrorBody).error;
      assert.equal(err.code, 'FORBIDDEN');
      assert.match(err.message, /token "reader" has scope read; POST \/api\/v1\/documents needs "ingest"/);
      assert.match(up.headers.get('www-authenticate') ?? '', /error="insufficient_scope", scope="ingest"/);
    });

    test('an ingest token uploads (202) and follows its job, but may not query or list jobs', async () => {
      const up = await uploadAs(svc.url, INGEST, JSON.stringify(appSbom('ingested', [['left-pad', '1.3.0']], null)));
      assert.equal(up.status, 202, JSON.stringify(up.json));
      const job = await waitForJobAs(svc.url, INGEST, String(up.json.jobId));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));

      const gql = await graphqlAs(svc.url, INGEST, STATS);
      assert.equal(gql.status, 403);
      assert.match(gql.json.error?.message ?? '', /token "ci" has scope ingest; POST \/graphql needs "read"/);
      assert.equal((await request(svc.url, '/api/v1/jobs', { token: INGEST })).status, 403);
    });

    test('an admin token does everything', async () => {
      const up = await uploadAs(svc.url, ADMIN, JSON.stringify(appSbom('admin-app', [['chalk', '5.3.0']], null)));
      assert.equal(up.status, 202, JSON.stringify(up.json));
      const job = await waitForJobAs(svc.url, ADMIN, String(up.json.jobId));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      const list = await request<{ jobs: unknown[] }>(svc.url, '/api/v1/jobs?state=completed', { token: ADMIN });
      assert.equal(list.status, 200);
      assert.ok(list.json.jobs.length >= 1);
      const gql = await graphqlAs<{ dependents: { sboms: { edges: Array<{ node: { name: string } }> } } }>(svc.url, ADMIN,
        'query($p: String!) { dependents(purl: $p) { sboms { edges { node { name } } } } }', { p: 'pkg:npm/chalk@5.3.0' });
      assert.equal(gql.status, 200, JSON.stringify(gql.json));
      assert.deepEqual(gql.json.data?.dependents.sboms.edges.map((e) => e.node.name), ['admin-app 1.0.0']);
    });

    test('the CLI client sends its token; a missing one is an UNAUTHORIZED ApiError with a hint', async () => {
      const client = new ApiClient({ server: svc.url, token: INGEST });
      const accepted = await client.uploadDocument(Buffer.from(JSON.stringify(appSbom('via-cli', [['ms', '2.1.3']], null))), { filename: 'via-cli.cdx.json' });
      const job = await client.waitForJob(accepted.jobId, { timeoutMs: 60_000 });
      assert.equal(job.state, 'completed');
      const anon = new ApiClient({ server: svc.url });
      await assert.rejects(() => anon.graphql(STATS), (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.status, 401);
        assert.equal(err.code, 'UNAUTHORIZED');
        assert.match(err.hint ?? '', /--token/);
        return true;
      });
    });

    test('a too costly query: 400 QUERY_TOO_COSTLY giving cost and limit; variables are priced', async () => {
      const res = await graphqlAs(svc.url, READ, COSTLY);
      assert.equal(res.status, 400);
      assert.equal(res.json.errors?.[0]?.extensions.code, 'QUERY_TOO_COSTLY');
      assert.match(res.json.errors?.[0]?.message ?? '', /query cost \d+ is over the limit of 50000 \(SUPPLYGRAPH_MAX_QUERY_COST\)/);
      const big = await graphqlAs(svc.url, READ, BY_VARIABLE, { n: 400 });
      assert.equal(big.status, 400);
      assert.equal(big.json.errors?.[0]?.extensions.code, 'QUERY_TOO_COSTLY');
      const small = await graphqlAs(svc.url, READ, BY_VARIABLE, { n: 20 });
      assert.equal(small.status, 200, JSON.stringify(small.json));
      assert.equal(small.json.errors, undefined);
    });
  });

  describe(`API protection with anonymous read and a small rate limit: ${engine}`, () => {
    let svc: RunningService;
    before(async () => {
      svc = await startService(engine, {
        SUPPLYGRAPH_API_TOKENS: `${TOKENS},burst:read:${BURST},other:read:${OTHER}`,
        SUPPLYGRAPH_ANONYMOUS_READ: 'true',
        SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE: '5',
      });
    });
    after(async () => { await svc?.stop(); });

    test('anonymous callers read but may not upload', async () => {
      const page = await (await fetch(`${svc.url}/graphiql`)).text();
      assert.doesNotMatch(page, /Bearer <token>/);
      const gql = await graphqlAs(svc.url, null, STATS);
      assert.equal(gql.status, 200, JSON.stringify(gql.json));
      const up = await uploadAs(svc.url, null, JSON.stringify(appSbom('anon', [['a', '1']], null)));
      assert.equal(up.status, 401);
      assert.match((up.json as unknown as ErrorBody).error.message, /needs a token with the "ingest" scope and anonymous callers may only read/);
    });

    test('the sixth request in a minute from one token gets 429 with Retry-After; others keep their budget', async () => {
      for (let i = 0; i < 5; i++) {
        const ok = await graphqlAs(svc.url, BURST, STATS);
        assert.equal(ok.status, 200, `request ${i + 1}: ${JSON.stringify(ok.json)}`);
        assert.equal(ok.headers.get('x-ratelimit-limit'), '5');
      }
      const limited = await graphqlAs(svc.url, BURST, STATS);
      assert.equal(limited.status, 429);
      assert.equal(limited.json.error?.code, 'RATE_LIMITED');
      assert.match(limited.json.error?.message ?? '', /more than 5 requests in a minute from token "burst" \(SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE\); retry in/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, `Retry-After: ${limited.headers.get('retry-after')}`);

      assert.equal((await graphqlAs(svc.url, OTHER, STATS)).status, 200, 'another token has its own budget');
      for (let i = 0; i < 10; i++) {
        for (const path of ['/healthz', '/readyz', '/metrics']) assert.equal((await request(svc.url, path)).status, 200, `${path} is not rate-limited`);
      }
    });

    test('guessing tokens is rate-limited per address', async () => {
      // Refused tokens count against the address's budget (which the anonymous test above already used part of).
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await graphqlAs(svc.url, `guess-${i}-0123456789abcdef`, STATS)).status);
      const firstLimited = statuses.indexOf(429);
      assert.ok(firstLimited > 0, `some guesses are answered 401 before the limit trips: ${statuses.join(',')}`);
      assert.ok(statuses.slice(0, firstLimited).every((s) => s === 401) && statuses.slice(firstLimited).every((s) => s === 429), statuses.join(','));
    });
  });
}
