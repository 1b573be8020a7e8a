/**
 * HTTP helpers for tests that care about authentication: every call can carry
 * a bearer token and returns status, headers and the parsed body.
 */

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: T;
}

export function bearer(token: string | null | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function request<T = Record<string, unknown>>(
  url: string,
  path: string,
  init: { method?: string; token?: string | null; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...bearer(init.token), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, headers: res.headers, json: json as T };
}

export function uploadAs(url: string, token: string | null, body: string | Buffer, query = ''): Promise<HttpResult> {
  return request(url, `/api/v1/documents${query}`, { method: 'POST', token, body, headers: { 'content-type': 'application/json' } });
}

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions: { code: string } }>;
  error?: { code: string; message: string };
}

export function graphqlAs<T = Record<string, unknown>>(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<HttpResult<GraphQLBody<T>>> {
  return request<GraphQLBody<T>>(url, '/graphql', { method: 'POST', token, body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json' } });
}

/** Polls a job with `token` until it finishes. */
export async function waitForJobAs(url: string, token: string | null, id: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(url, `/api/v1/jobs/${id}`, { token });
    if (res.status !== 200) throw new Error(`GET /api/v1/jobs/${id} answered ${res.status}: ${JSON.stringify(res.json)}`);
    if (res.json.state === 'completed' || res.json.state === 'failed') return res.json;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${String(res.json.state)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
