/**
 * The console's only way to the data: the public GraphQL endpoint and REST API,
 * with the token the user pasted (kept in sessionStorage: gone when the tab closes).
 */
const TOKEN_KEY = 'supplygraph.token';

export function getToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function setToken(token: string): void {
  if (token.trim()) sessionStorage.setItem(TOKEN_KEY, token.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new Event('supplygraph-token'));
}

/** A refused or failed API call, with the server's code and message. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = getToken();
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

async function refusal(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string }; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.error) return new ApiError(res.status, body.error.code ?? 'ERROR', body.error.message ?? text);
    if (body.errors?.length) return new ApiError(res.status, body.errors[0]!.extensions?.code ?? 'ERROR', body.errors.map((e) => e.message).join('; '));
  } catch {
    // not JSON: fall through to the raw text
  }
  return new ApiError(res.status, 'HTTP_ERROR', text.slice(0, 300) || res.statusText);
}

export interface GqlResult<T> {
  data: T;
  /** Field errors next to partial data (e.g. a malformed purl in one alias of a search). */
  errors: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

/** A GraphQL call that tolerates field errors (returned beside the partial data). */
export async function gqlPartial<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<GqlResult<T>> {
  const res = await fetch('/graphql', { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify({ query, variables }), signal });
  if (!res.ok) throw await refusal(res);
  const body = (await res.json()) as { data: T | null; errors?: GqlResult<T>['errors'] };
  if (body.data === null || body.data === undefined) {
    const e = body.errors?.[0];
    throw new ApiError(res.status, e?.extensions?.code ?? 'ERROR', (body.errors ?? []).map((x) => x.message).join('; ') || 'no data');
  }
  return { data: body.data, errors: body.errors ?? [] };
}

/** A GraphQL call where any error is a failure. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const r = await gqlPartial<T>(query, variables, signal);
  if (r.errors.length) throw new ApiError(200, r.errors[0]!.extensions?.code ?? 'ERROR', r.errors.map((e) => e.message).join('; '));
  return r.data;
}

export async function restJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: headers((init.headers as Record<string, string> | undefined) ?? {}) });
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as T;
}

export async function restBlob(path: string): Promise<Blob> {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) throw await refusal(res);
  return res.blob();
}

/** What to tell the user about an error: 401/403 name the fix. */
export function explain(err: unknown): { title: string; detail: string } {
  if (err instanceof ApiError) {
    if (err.status === 401) return { title: 'Not authorised (401)', detail: `${err.message}. Paste a token with the needed scope under “Token” at the top right.` };
    if (err.status === 403) return { title: 'Forbidden (403): this token lacks the scope', detail: err.message };
    if (err.status === 429) return { title: 'Rate limited (429)', detail: err.message };
    return { title: `Error ${err.code}`, detail: err.message };
  }
  return { title: 'Error', detail: err instanceof Error ? err.message : String(err) };
}
