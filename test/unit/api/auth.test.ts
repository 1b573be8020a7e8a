/**
 * API tokens (services/api/auth/tokens.ts), the identify/authorize policy
 * (services/api/auth/policy.ts) and the auth settings of loadConfig.
 */
import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../services/config/config.js';
import { authorize, identify, type AuthSettings } from '../../../services/api/auth/policy.js';
import { hasScope, mergeTokenLists, parseTokenSpec, tokenDigest, TokenRegistry, TokenSpecError } from '../../../services/api/auth/tokens.js';

const T1 = 'aaaaaaaaaaaaaaaa-first';
const T2 = 'bbbbbbbbbbbbbbbb:with:colons';
const T3 = 'cccccccccccccccc-third';

describe('parseTokenSpec', () => {
  test('compact form: name:scope+scope:token, separated by commas or newlines, # comments', () => {
    const entries = parseTokenSpec(`# deploy tokens\nreader:read:${T1}, ci:ingest+read:${T2}\n\n  ops:admin:${T3}  \n`);
    assert.deepEqual(entries.map((e) => [e.name, e.scopes]), [['reader', ['read']], ['ci', ['read', 'ingest']], ['ops', ['admin']]]);
    assert.equal(entries[1]!.sha256, tokenDigest(T2), 'the token is everything after the second colon');
  });

  test('only digests are kept, never the secret', () => {
    const entries = parseTokenSpec(`reader:read:${T1}`);
    assert.equal(entries[0]!.sha256, crypto.createHash('sha256').update(T1).digest('hex'));
    assert.ok(!JSON.stringify(entries).includes(T1));
  });

  test('JSON form with token or sha256', () => {
    const digest = tokenDigest(T2);
    const entries = parseTokenSpec(JSON.stringify([
      { name: 'reader', scopes: ['read'], token: T1 },
      { name: 'ops', scopes: ['admin', 'read'], sha256: `sha256:${digest.toUpperCase()}` },
    ]));
    assert.deepEqual(entries, [
      { name: 'reader', scopes: ['read'], sha256: tokenDigest(T1) },
      { name: 'ops', scopes: ['read', 'admin'], sha256: digest },
    ]);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['empty', '  # nothing\n', /lists no tokens/],
    ['empty JSON list', '[]', /lists no tokens/],
    ['missing token part', 'reader:read', /entry 1 is not name:scope\+scope:token/],
    ['unknown scope', `reader:write:${T1}`, /unknown scope "write"; scopes are read, ingest, admin/],
    ['no scope', `reader::${T1}`, /unknown scope ""/],
    ['short token', 'reader:read:short', /the token has 5 characters; use at least 16/],
    ['bad name', `bad name:read:${T1}`, /name "bad name" must be/],
    ['duplicate name', `a:read:${T1},a:ingest:${T2}`, /name "a" is used twice/],
    ['duplicate secret', `a:read:${T1},b:ingest:${T1}`, /tokens "a" and "b" have the same secret/],
    ['invalid JSON', `[{"name": "x", "token": "${T1}"`, /not valid JSON/],
    ['JSON object, not list', '[1]', /entry 1 is not an object/],
    ['JSON both token and sha256', JSON.stringify([{ name: 'x', scopes: ['read'], token: T1, sha256: tokenDigest(T1) }]), /exactly one of "token" and "sha256"/],
    ['JSON bad digest', JSON.stringify([{ name: 'x', scopes: ['read'], sha256: 'abc' }]), /"sha256" must be 64 hex digits/],
    ['JSON unknown field', JSON.stringify([{ name: 'x', scopes: ['read'], token: T1, role: 'x' }]), /unknown field\(s\) role/],
    ['JSON scopes not a list', JSON.stringify([{ name: 'x', scopes: 'read', token: T1 }]), /needs "scopes", a list/],
    ['token with a space (JSON)', JSON.stringify([{ name: 'x', scopes: ['read'], token: `${T1} x` }]), /only visible ASCII/],
  ];
  for (const [what, spec, message] of bad) {
    test(`rejects: ${what}`, () => {
      assert.throws(() => parseTokenSpec(spec), (err: unknown) => {
        assert.ok(err instanceof TokenSpecError);
        assert.match(err.message, message);
        assert.ok(!err.message.includes(T1) && !err.message.includes('short'), `no secret in: ${err.message}`);
        return true;
      });
    });
  }

  test('mergeTokenLists checks uniqueness across lists', () => {
    assert.throws(() => mergeTokenLists(parseTokenSpec(`a:read:${T1}`), parseTokenSpec(`a:read:${T2}`)), /used twice/);
    assert.equal(mergeTokenLists(parseTokenSpec(`a:read:${T1}`), parseTokenSpec(`b:read:${T2}`)).length, 2);
  });
});

describe('TokenRegistry', () => {
  const registry = new TokenRegistry(parseTokenSpec(`reader:read:${T1},ci:ingest:${T2},ops:admin:${T3}`));

  test('finds a token by its secret, and nothing for anything else', () => {
    assert.equal(registry.enabled, true);
    assert.equal(registry.lookup(T1)?.name, 'reader');
    assert.equal(registry.lookup(T2)?.name, 'ci');
    assert.equal(registry.lookup(T3)?.name, 'ops');
    assert.equal(registry.lookup(`${T1}x`), null);
    assert.equal(registry.lookup(T1.slice(0, -1)), null);
    assert.equal(registry.lookup(''), null);
    assert.equal(new TokenRegistry([]).enabled, false);
  });

  test('compares against every digest in constant time, whichever matches', () => {
    const calls: Array<[number, number]> = [];
    const original = crypto.timingSafeEqual;
    const spy = mock.method(crypto, 'timingSafeEqual', (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.push([a.byteLength, b.byteLength]);
      return original(a, b);
    });
    syncBuiltinESMExports();
    try {
      for (const token of [T1, T3, 'no-such-token-at-all']) {
        calls.length = 0;
        registry.lookup(token);
        assert.equal(calls.length, 3, `all three digests compared for ${token === T1 ? 'the first' : token === T3 ? 'the last' : 'no'} match`);
        assert.ok(calls.every(([a, b]) => a === 32 && b === 32), 'equal-length SHA-256 digests are compared, not the raw tokens');
      }
    } finally {
      spy.mock.restore();
      syncBuiltinESMExports();
    }
  });
});

describe('scopes', () => {
  test('admin implies every scope; others only themselves', () => {
    assert.ok(hasScope(['admin'], 'read') && hasScope(['admin'], 'ingest') && hasScope(['admin'], 'admin'));
    assert.ok(hasScope(['read'], 'read'));
    assert.ok(!hasScope(['read'], 'ingest'));
    assert.ok(!hasScope(['ingest'], 'read'));
    assert.ok(!hasScope(['read', 'ingest'], 'admin'));
    assert.ok(!hasScope([], 'read'));
  });
});

describe('identify and authorize', () => {
  const tokens = new TokenRegistry(parseTokenSpec(`reader:read:${T1},ci:ingest:${T2},ops:admin:${T3}`));
  const closed: AuthSettings = { tokens, anonymousRead: false };
  const readable: AuthSettings = { tokens, anonymousRead: true };
  const open: AuthSettings = { tokens: new TokenRegistry([]), anonymousRead: true };

  test('a Bearer token (scheme case-insensitive) becomes its principal', () => {
    assert.deepEqual(identify(`Bearer ${T1}`, closed), { principal: { kind: 'token', name: 'reader', scopes: ['read'] }, failure: null });
    assert.equal(identify(`bearer  ${T2} `, closed).principal.name, 'ci');
  });

  test('no header: anonymous, with read only when anonymous read is on', () => {
    assert.deepEqual(identify(undefined, closed).principal, { kind: 'anonymous', name: 'anonymous', scopes: [] });
    assert.deepEqual(identify(undefined, readable).principal.scopes, ['read']);
  });

  test('bad credentials are remembered as a failure', () => {
    assert.match(identify('Bearer nope-nope-nope-nope', readable).failure ?? '', /not one this server knows/);
    assert.match(identify(`Basic ${T1}`, readable).failure ?? '', /not "Bearer <token>"/);
    assert.match(identify(`Bearer ${T1} extra`, readable).failure ?? '', /not "Bearer <token>"/);
  });

  test('with no tokens configured the API is open and tokens are ignored', () => {
    assert.deepEqual(identify(undefined, open), { principal: { kind: 'anonymous', name: 'anonymous', scopes: ['read', 'ingest', 'admin'] }, failure: null });
    assert.equal(identify('Bearer whatever', open).failure, null);
    assert.deepEqual(authorize(identify(undefined, open), 'ingest', 'POST /api/v1/documents'), { ok: true });
  });

  test('public routes ignore credentials, even bad ones', () => {
    assert.deepEqual(authorize(identify('Bearer bad-bad-bad-bad-bad', closed), 'public', 'GET /healthz'), { ok: true });
  });

  test('401 without a token, naming the scope and what to send', () => {
    const d = authorize(identify(undefined, closed), 'read', 'POST /graphql');
    assert.equal(d.ok, false);
    if (d.ok) return;
    assert.equal(d.status, 401);
    assert.equal(d.code, 'UNAUTHORIZED');
    assert.equal(d.message, 'POST /graphql needs a token with the "read" scope and this server does not allow anonymous access: send Authorization: Bearer <token>; see SUPPLYGRAPH_API_TOKENS');
    assert.equal(d.wwwAuthenticate, 'Bearer realm="supplygraph"');
    const anonUpload = authorize(identify(undefined, readable), 'ingest', 'POST /api/v1/documents');
    assert.ok(!anonUpload.ok && anonUpload.status === 401 && /anonymous callers may only read/.test(anonUpload.message));
  });

  test('401 for a bad token even where anonymous read would do', () => {
    const d = authorize(identify('Bearer bad-bad-bad-bad-bad', readable), 'read', 'POST /graphql');
    assert.ok(!d.ok && d.status === 401 && /error="invalid_token"/.test(d.wwwAuthenticate));
  });

  test('403 when the token lacks the scope, naming it', () => {
    const d = authorize(identify(`Bearer ${T1}`, closed), 'ingest', 'POST /api/v1/documents');
    assert.ok(!d.ok);
    if (d.ok) return;
    assert.equal(d.status, 403);
    assert.equal(d.code, 'FORBIDDEN');
    assert.equal(d.message, 'token "reader" has scope read; POST /api/v1/documents needs "ingest" (or "admin")');
    assert.equal(d.wwwAuthenticate, 'Bearer realm="supplygraph", error="insufficient_scope", scope="ingest"');
  });

  test('any of several scopes; admin passes everything; undeclared routes need admin', () => {
    assert.deepEqual(authorize(identify(`Bearer ${T2}`, closed), ['read', 'ingest'], 'GET /api/v1/jobs/:id'), { ok: true });
    assert.deepEqual(authorize(identify(`Bearer ${T1}`, closed), ['read', 'ingest'], 'GET /api/v1/jobs/:id'), { ok: true });
    for (const scope of ['read', 'ingest', 'admin'] as const) assert.deepEqual(authorize(identify(`Bearer ${T3}`, closed), scope, 'X'), { ok: true });
    assert.deepEqual(authorize(identify(`Bearer ${T3}`, closed), undefined, 'X'), { ok: true });
    const d = authorize(identify(`Bearer ${T1}`, closed), undefined, 'GET /new/route');
    assert.ok(!d.ok && d.status === 403 && /needs "admin"/.test(d.message));
  });
});

describe('loadConfig: authentication and limits', () => {
  test('defaults: no tokens, open API, rate limit 600, cost limit 50000', () => {
    const c = loadConfig({});
    assert.deepEqual(c.auth, { tokens: [], anonymousRead: true });
    assert.equal(c.limits.rateLimitPerMinute, 600);
    assert.equal(c.limits.maxQueryCost, 50_000);
  });

  test('tokens turn anonymous read off unless asked for', () => {
    const c = loadConfig({ SUPPLYGRAPH_API_TOKENS: `reader:read:${T1}` });
    assert.equal(c.auth.tokens.length, 1);
    assert.equal(c.auth.anonymousRead, false);
    assert.equal(loadConfig({ SUPPLYGRAPH_API_TOKENS: `reader:read:${T1}`, SUPPLYGRAPH_ANONYMOUS_READ: 'yes' }).auth.anonymousRead, true);
    assert.ok(!JSON.stringify(c).includes(T1), 'the configuration holds no secret');
  });

  test('tokens from a file are added to those from the variable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'supplygraph-tokens-'));
    try {
      const file = path.join(dir, 'tokens');
      writeFileSync(file, `# one per line\nci:ingest:${T2}\nops:admin:${T3}\n`);
      const c = loadConfig({ SUPPLYGRAPH_API_TOKENS: `reader:read:${T1}`, SUPPLYGRAPH_API_TOKENS_FILE: file });
      assert.deepEqual(c.auth.tokens.map((t) => t.name), ['reader', 'ci', 'ops']);
      const json = path.join(dir, 'tokens.json');
      writeFileSync(json, JSON.stringify([{ name: 'ops', scopes: ['admin'], sha256: tokenDigest(T3) }]));
      assert.equal(loadConfig({ SUPPLYGRAPH_API_TOKENS_FILE: json }).auth.tokens[0]!.sha256, tokenDigest(T3));
      writeFileSync(file, `reader:read:${T2}\n`);
      assertConfigError(() => loadConfig({ SUPPLYGRAPH_API_TOKENS: `reader:read:${T1}`, SUPPLYGRAPH_API_TOKENS_FILE: file }), 'SUPPLYGRAPH_API_TOKENS_FILE', /used twice/);
      writeFileSync(file, 'broken');
      assertConfigError(() => loadConfig({ SUPPLYGRAPH_API_TOKENS_FILE: file }), 'SUPPLYGRAPH_API_TOKENS_FILE', /not name:scope/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('malformed settings stop start-up naming the variable', () => {
    assertConfigError(() => loadConfig({ SUPPLYGRAPH_API_TOKENS: 'reader:read:short' }), 'SUPPLYGRAPH_API_TOKENS', /at least 16/);
    assertConfigError(() => loadConfig({ SUPPLYGRAPH_API_TOKENS_FILE: '/nonexistent/supplygraph-tokens' }), 'SUPPLYGRAPH_API_TOKENS_FILE', /cannot read .*ENOENT/);
    assertConfigError(() => loadConfig({ SUPPLYGRAPH_ANONYMOUS_READ: 'false' }), 'SUPPLYGRAPH_ANONYMOUS_READ', /no API token is configured/);
    assertConfigError(() => loadConfig({ SUPPLYGRAPH_ANONYMOUS_READ: 'maybe' }), 'SUPPLYGRAPH_ANONYMOUS_READ', /not true or false/);
    assertConfigError(() => loadConfig({ SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE: '-1' }), 'SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE', /whole number/);
    assertConfigError(() => loadConfig({ SUPPLYGRAPH_MAX_QUERY_COST: 'lots' }), 'SUPPLYGRAPH_MAX_QUERY_COST', /whole number/);
    assert.equal(loadConfig({ SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE: '0' }).limits.rateLimitPerMinute, 0);
  });
});

function assertConfigError(f: () => unknown, variable: string, message: RegExp): void {
  assert.throws(f, (err: unknown) => {
    assert.ok(err instanceof ConfigError, String(err));
    assert.equal(err.variable, variable);
    assert.match(err.message, message);
    return true;
  });
}
