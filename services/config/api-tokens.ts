/**
 * API tokens as configured: parsing the list (the lookup of a presented token is
 * services/api/auth/tokens.ts). Configuration owns the format, so reading the
 * configuration needs nothing from the API.
 *
 * Two spellings are accepted, in SUPPLYGRAPH_API_TOKENS or in the file named
 * by SUPPLYGRAPH_API_TOKENS_FILE:
 *
 *   compact   name:scope+scope:token   entries separated by commas or newlines;
 *             blank lines and lines starting with # are ignored. The token is
 *             everything after the second colon (it may contain colons).
 *   JSON      [{"name": "ci", "scopes": ["ingest"], "token": "..."},
 *              {"name": "ops", "scopes": ["admin"], "sha256": "<64 hex digits>"}]
 *             — `sha256` (the hex SHA-256 of the token) keeps the secret itself
 *             out of the configuration altogether.
 *
 * Only SHA-256 digests of the tokens are kept.
 */
import { createHash } from 'node:crypto';
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

export const SCOPES = ['read', 'ingest', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** One configured token: who it is, what it may do, and the SHA-256 (hex) of its secret. */
export interface ApiTokenEntry {
  name: string;
  scopes: Scope[];
  sha256: string;
}

/** A token specification that cannot be used; the message never contains a secret. */
export class TokenSpecError extends SupplygraphError<'TOKEN_SPEC_INVALID'> {
  constructor(message: string) {
    super('TOKEN_SPEC_INVALID', message);
  }
}

export const MIN_TOKEN_LENGTH = 16;
const MAX_TOKEN_LENGTH = 4096;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;
/** Visible ASCII only: a token travels in an HTTP header. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Parses a token list (compact or JSON, see the module comment). An empty
 * list is an error: a variable or file that is set but names no token is a
 * mistake, and silently running without authentication would hide it.
 */
export function parseTokenSpec(text: string): ApiTokenEntry[] {
  const trimmed = text.trim();
  const entries = trimmed.startsWith('[') ? parseJson(trimmed) : parseCompact(trimmed);
  if (entries.length === 0) throw new TokenSpecError('lists no tokens; give at least one as name:scope+scope:token (or a JSON list), or unset it to run without authentication');
  return checkUnique(entries);
}

/** Joins several token lists (variable and file), checking names and secrets are unique across them. */
export function mergeTokenLists(...lists: ApiTokenEntry[][]): ApiTokenEntry[] {
  return checkUnique(lists.flat());
}

function parseCompact(text: string): ApiTokenEntry[] {
  const out: ApiTokenEntry[] = [];
  let n = 0;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    for (const raw of line.split(',')) {
      const item = raw.trim();
      if (item === '') continue;
      n++;
      const first = item.indexOf(':');
      const second = first < 0 ? -1 : item.indexOf(':', first + 1);
      if (first < 0 || second < 0) {
        throw new TokenSpecError(`entry ${n} is not name:scope+scope:token (scopes: ${SCOPES.join(', ')}; several joined with +)`);
      }
      const name = checkName(item.slice(0, first), n);
      const scopes = checkScopes(item.slice(first + 1, second).split('+'), n, name);
      const token = checkToken(item.slice(second + 1), n, name);
      out.push({ name, scopes, sha256: tokenDigest(token) });
    }
  }
  return out;
}

function parseJson(text: string): ApiTokenEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // The parser's message quotes the input, which may hold a secret: give the position only.
    const at = /position (\d+)/.exec((err as Error).message);
    throw new TokenSpecError(`starts with [ but is not valid JSON${at ? ` (error at character ${at[1]})` : ''}`);
  }
  if (!Array.isArray(value)) throw new TokenSpecError('must be a JSON list of {"name", "scopes", "token" or "sha256"} objects');
  return value.map((item: unknown, i): ApiTokenEntry => {
    const n = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new TokenSpecError(`entry ${n} is not an object with "name", "scopes" and "token" (or "sha256")`);
    const rec = item as Record<string, unknown>;
    const unknownKeys = Object.keys(rec).filter((k) => !['name', 'scopes', 'token', 'sha256'].includes(k));
    if (unknownKeys.length) throw new TokenSpecError(`entry ${n} has unknown field(s) ${unknownKeys.join(', ')}; allowed: name, scopes, token, sha256`);
    if (typeof rec.name !== 'string') throw new TokenSpecError(`entry ${n} needs a "name" string`);
    const name = checkName(rec.name, n);
    if (!Array.isArray(rec.scopes) || !rec.scopes.every((s): s is string => typeof s === 'string')) {
      throw new TokenSpecError(`entry ${n} ("${name}") needs "scopes", a list drawn from ${SCOPES.join(', ')}`);
    }
    const scopes = checkScopes(rec.scopes, n, name);
    const hasToken = rec.token !== undefined;
    const hasDigest = rec.sha256 !== undefined;
    if (hasToken === hasDigest) throw new TokenSpecError(`entry ${n} ("${name}") needs exactly one of "token" and "sha256"`);
    if (hasToken) {
      if (typeof rec.token !== 'string') throw new TokenSpecError(`entry ${n} ("${name}"): "token" must be a string`);
      return { name, scopes, sha256: tokenDigest(checkToken(rec.token, n, name, true)) };
    }
    if (typeof rec.sha256 !== 'string' || !HEX_DIGEST.test(rec.sha256.replace(/^sha256:/, ''))) {
      throw new TokenSpecError(`entry ${n} ("${name}"): "sha256" must be 64 hex digits (the SHA-256 of the token, e.g. \`printf %s "$TOKEN" | sha256sum\`)`);
    }
    return { name, scopes, sha256: rec.sha256.replace(/^sha256:/, '').toLowerCase() };
  });
}

function checkName(raw: string, n: number): string {
  const name = raw.trim();
  if (!NAME.test(name)) throw new TokenSpecError(`entry ${n}: name "${name.slice(0, 64)}" must be 1-64 letters, digits, or . _ @ - (starting with a letter or digit)`);
  return name;
}

function checkScopes(raw: readonly string[], n: number, name: string): Scope[] {
  const scopes = new Set<Scope>();
  for (const s of raw.map((x) => x.trim())) {
    if (!(SCOPES as readonly string[]).includes(s)) {
      throw new TokenSpecError(`entry ${n} ("${name}"): unknown scope "${s.slice(0, 32)}"; scopes are ${SCOPES.join(', ')} (join several with +)`);
    }
    scopes.add(s as Scope);
  }
  if (scopes.size === 0) throw new TokenSpecError(`entry ${n} ("${name}") has no scopes; give some of ${SCOPES.join(', ')}`);
  return SCOPES.filter((s) => scopes.has(s));
}

function checkToken(token: string, n: number, name: string, json = false): string {
  const where = `entry ${n} ("${name}")`;
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new TokenSpecError(`${where}: the token has ${token.length} characters; use at least ${MIN_TOKEN_LENGTH} random ones (e.g. \`openssl rand -hex 32\`)`);
  }
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenSpecError(`${where}: the token is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!TOKEN_CHARS.test(token)) {
    throw new TokenSpecError(`${where}: the token may contain only visible ASCII characters (no spaces${json ? '' : ' or commas'})`);
  }
  return token;
}

function checkUnique(entries: ApiTokenEntry[]): ApiTokenEntry[] {
  const names = new Set<string>();
  const digests = new Map<string, string>();
  for (const e of entries) {
    if (names.has(e.name)) throw new TokenSpecError(`token name "${e.name}" is used twice; names must be unique (they identify the caller in logs and rate limits)`);
    names.add(e.name);
    const other = digests.get(e.sha256);
    if (other !== undefined) throw new TokenSpecError(`tokens "${other}" and "${e.name}" have the same secret; give each its own`);
    digests.set(e.sha256, e.name);
  }
  return entries;
}
