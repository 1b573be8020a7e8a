/**
 * The auth and rate-limit Fastify plugins on a bare app (no graph, no queue):
 * route declarations, fail-closed default, hook order, error shape.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import authPlugin from '../../../services/api/auth/plugin.js';
import rateLimitPlugin from '../../../services/api/auth/rate-limit.js';
import { parseTokenSpec } from '../../../services/api/auth/tokens.js';
import { errorHandler } from '../../../services/api/errors.js';

const READ = 'read-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';

async function app(opts: { tokens?: string; anonymousRead?: boolean; perMinute?: number } = {}): Promise<FastifyInstance> {
  const a = Fastify();
  a.setErrorHandler(errorHandler({ uploadBytes: 1024, requestBytes: 1024 }));
  await a.register(authPlugin, { tokens: opts.tokens ? parseTokenSpec(opts.tokens) : [], anonymousRead: opts.anonymousRead ?? false });
  await a.register(rateLimitPlugin, { perMinute: opts.perMinute ?? 0 });
  a.get('/open', { config: { scope: 'public' } }, async () => ({ ok: true }));
  a.get('/probe', { config: { scope: 'public', rateLimit: false } }, async () => ({ ok: true }));
  a.get('/read', { config: { scope: 'read' } }, async (req) => ({ caller: req.principal.name, kind: req.principal.kind }));
  a.post('/upload', { config: { scope: 'ingest' } }, async () => ({ ok: true }));
  a.get('/undeclared', async () => ({ ok: true }));
  await a.ready();
  return a;
}

const TOKENS = `reader:read:${READ},ops:admin:${ADMIN}`;

describe('auth plugin', () => {
  test('without tokens everything is open and the caller is anonymous', async () => {
    const a = await app();
    for (const url of ['/open', '/read', '/undeclared']) assert.equal((await a.inject({ url })).statusCode, 200, url);
    assert.equal((await a.inject({ url: '/upload', method: 'POST', payload: { x: 1 } })).statusCode, 200);
    assert.deepEqual((await a.inject({ url: '/read', headers: { authorization: 'Bearer anything-at-all' } })).json(), { caller: 'anonymous', kind: 'anonymous' });
    await a.close();
  });

  test('with tokens: the principal reaches the handler; errors have the API shape', async () => {
    const a = await app({ tokens: TOKENS });
    assert.deepEqual((await a.inject({ url: '/read', headers: { authorization: `Bearer ${READ}` } })).json(), { caller: 'reader', kind: 'token' });
    const anon = await a.inject({ url: '/read' });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'UNAUTHORIZED');
    assert.equal(anon.headers['www-authenticate'], 'Bearer realm="supplygraph"');
    const forbidden = await a.inject({ url: '/upload', method: 'POST', payload: { x: 1 }, headers: { authorization: `Bearer ${READ}` } });
    assert.equal(forbidden.statusCode, 403);
    assert.deepEqual(forbidden.json(), { error: { code: 'FORBIDDEN', message: 'token "reader" has scope read; POST /upload needs "ingest" (or "admin")' } });
    assert.equal((await a.inject({ url: '/open' })).statusCode, 200);
    assert.equal((await a.inject({ url: '/missing' })).statusCode, 404, 'not-found is not an auth failure');
    await a.close();
  });

  test('a route that declares no scope needs admin', async () => {
    const a = await app({ tokens: TOKENS, anonymousRead: true });
    assert.equal((await a.inject({ url: '/undeclared', headers: { authorization: `Bearer ${READ}` } })).statusCode, 403);
    assert.equal((await a.inject({ url: '/undeclared', headers: { authorization: `Bearer ${ADMIN}` } })).statusCode, 200);
    assert.equal((await a.inject({ url: '/read' })).statusCode, 200, 'anonymous read');
    await a.close();
  });
});

describe('rate-limit plugin', () => {
  test('per token, then per address; refused requests count; exempt routes do not', async () => {
    const a = await app({ tokens: TOKENS, perMinute: 2 });
    const as = (token: string | null, url = '/read') => a.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    assert.deepEqual([(await as(READ)).statusCode, (await as(READ)).statusCode], [200, 200]);
    const limited = await as(READ);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'RATE_LIMITED');
    assert.match(limited.json().error.message, /token "reader"/);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await as(ADMIN)).statusCode, 200, 'another token has its own budget');
    assert.deepEqual([(await as(null)).statusCode, (await as('wrong-token-0123456789')).statusCode, (await as(null)).statusCode], [401, 401, 429]);
    for (let i = 0; i < 5; i++) assert.equal((await as(null, '/probe')).statusCode, 200);
    assert.equal((await as(null, '/open')).statusCode, 429, 'public is not the same as unmetered');
    await a.close();
  });

  test('0 turns rate limiting off', async () => {
    const a = await app({ perMinute: 0 });
    for (let i = 0; i < 20; i++) assert.equal((await a.inject({ url: '/read' })).statusCode, 200);
    assert.equal((await a.inject({ url: '/read' })).headers['x-ratelimit-limit'], undefined);
    await a.close();
  });
});
