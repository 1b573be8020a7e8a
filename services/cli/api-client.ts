/**
 * Typed client for the supplygraph REST API (and /graphql), for CLI commands.
 *
 *   const client = new ApiClient({ server: 'http://127.0.0.1:8080', token });
 *   const { jobId } = await client.uploadDocument('sbom.cdx.json');
 *   const job = await client.waitForJob(jobId, { timeoutMs: 600_000 });
 *
 * Every failure is an ApiError with a stable `code` (the server's error code when
 * it sent one, else one of the client codes below), the HTTP `status` when there
 * was a response, and a `hint` telling the user what to do next;
 * describeApiError() joins message and hint for printing.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isJobFailureCode, type IngestJobResult, type IngestWarning, type JobFailure, type JobState, type JobView, type UploadAccepted } from '../wire/jobs.js';
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

// ---------------------------------------------------------------------------
// Wire types

// The job as the server serves it (services/wire/jobs.ts).
export type { IngestTimings, IngestWarning, JobFailure, JobState, UploadAccepted } from '../wire/jobs.js';
export type IngestResult = IngestJobResult;

/** A job as the CLI reads it: the server's JobView, read leniently (unknown data kept as is). */
export interface JobStatus extends Omit<JobView, 'data' | 'createdAt' | 'startedAt' | 'finishedAt'> {
  data: Record<string, unknown>;
  createdAt: string | number | null;
  startedAt: string | number | null;
  finishedAt: string | number | null;
}

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------
// Errors

/** Codes the client itself assigns; server codes (PARSE_ERROR, ...) pass through as strings. */
export type ClientErrorCode =
  | 'UNREACHABLE' // could not connect (refused, DNS, no route)
  | 'NETWORK_ERROR' // connection failed after it was made
  | 'UPLOAD_INTERRUPTED' // connection dropped while sending a body
  | 'REQUEST_TIMEOUT' // one request took too long
  | 'JOB_TIMEOUT' // waitForJob gave up
  | 'ABORTED' // caller's AbortSignal fired
  | 'BAD_RESPONSE' // not the JSON we expected
  | 'INVALID_SERVER_URL'
  | 'FILE_UNREADABLE'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'HTTP_ERROR'
  | 'GRAPHQL_ERROR';

export interface ApiErrorInit {
  status?: number | null;
  hint?: string | null;
  transient?: boolean;
  details?: unknown;
  cause?: unknown;
  retryAfterMs?: number | null;
}

/**
 * Server error code when the server sent one (open: a newer server may answer
 * with a code this CLI does not know), else a ClientErrorCode.
 */
export type ApiClientErrorCode = ClientErrorCode | (string & {});

export class ApiError extends SupplygraphError<ApiClientErrorCode> {
  /** HTTP status, or null when there was no response. */
  readonly status: number | null;
  /** What the user can do about it, or null. */
  readonly hint: string | null;
  /** Parsed error body or other context. */
  readonly details: unknown;
  /** How long the server asked us to wait before trying again (Retry-After on 429/503), or null. */
  readonly retryAfterMs: number | null;

  /** `init.transient`: retrying later may succeed (network trouble, 429, 502-504). */
  constructor(code: ApiClientErrorCode, message: string, init: ApiErrorInit = {}) {
    super(code, message, { transient: init.transient ?? false, cause: init.cause });
    this.status = init.status ?? null;
    this.hint = init.hint ?? null;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  /** 401 or 403: every further request will fail the same way. */
  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** waitForJob ran out of time; `job` is the last state seen (null if none). */
export class JobTimeoutError extends ApiError {
  constructor(
    readonly jobId: string,
    readonly timeoutMs: number,
    readonly job: JobStatus | null,
  ) {
    super(
      'JOB_TIMEOUT',
      `job ${jobId} still ${job?.state ?? 'unknown'} after ${Math.round(timeoutMs / 1000)}s`,
      {
        hint: `it keeps running on the server; check it later with GET /api/v1/jobs/${encodeURIComponent(jobId)}, or wait longer with --timeout`,
      },
    );
  }
}

/** `message` plus `hint` on one line: what to print for the user. */
export function describeApiError(err: unknown): string {
  if (err instanceof ApiError) return err.hint ? `${err.message}: ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

// ---------------------------------------------------------------------------
// Client

export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

export interface ApiClientOptions {
  /** Base URL, e.g. http://127.0.0.1:8080 (a scheme-less host:port gets http://). */
  server: string;
  /** Bearer token; sent as Authorization header when set. */
  token?: string | null;
  /** Per-request time limit for small requests (not uploads). Default 30s. */
  requestTimeoutMs?: number;
  /** An upload fails when no byte moves either way for this long. Default 5 min. */
  uploadIdleTimeoutMs?: number;
  /** Injected fetch for JSON requests (tests; uploads use node:http). Default globalThis.fetch. */
  fetch?: typeof fetch;
  /** User-Agent header. */
  userAgent?: string;
}

export interface UploadOptions {
  /** Name the server records; default the basename of the path. */
  filename?: string;
  /** Force a format instead of sniffing (server-side names, e.g. cyclonedx-json). */
  format?: string;
  /** validate=strict. */
  strict?: boolean;
  /** Producer metadata sent as `meta.<key>=<value>` (e.g. a signed model's purl and name). */
  metadata?: Record<string, string>;
  /** Document labels sent as `label.<key>=<value>`. */
  labels?: Record<string, string>;
  signal?: AbortSignal;
  /** Called as bytes go out (file uploads only). */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface WaitOptions {
  /** Give up after this long (JobTimeoutError). Default 600s. */
  timeoutMs?: number;
  /** First poll delay; doubles-ish (x1.5) up to maxIntervalMs. Default 100ms. */
  initialIntervalMs?: number;
  /** Default 1000ms. */
  maxIntervalMs?: number;
  /** Transient request failures tolerated in a row before giving up. Default 10. */
  maxConsecutiveErrors?: number;
  signal?: AbortSignal;
  /** Called with every job state seen (including the final one). */
  onUpdate?: (job: JobStatus) => void;
}

/** Normalises a --server value to `scheme://host[:port][/base]` without a trailing slash. */
export function normalizeServerUrl(input: string): string {
  const raw = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ApiError('INVALID_SERVER_URL', `invalid server URL "${input}"`, { hint: 'expected something like http://127.0.0.1:8080' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('INVALID_SERVER_URL', `invalid server URL "${input}": only http:// and https:// are supported`);
  }
  if (url.search || url.hash) {
    throw new ApiError('INVALID_SERVER_URL', `invalid server URL "${input}": no query string or fragment, please`);
  }
  return url.toString().replace(/\/+$/, '');
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

export class ApiClient {
  readonly server: string;
  private readonly token: string | null;
  private readonly requestTimeoutMs: number;
  private readonly uploadIdleTimeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly userAgent: string;
  /** Uploads' own connections, so close() can end them (the global agent's would linger until the server drops them). */
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(options: ApiClientOptions) {
    this.server = normalizeServerUrl(options.server);
    this.token = options.token ? options.token : null;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.uploadIdleTimeoutMs = options.uploadIdleTimeoutMs ?? 300_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.userAgent = options.userAgent ?? 'supplygraph-cli';
  }

  /** Ends the client's idle upload connections; the client is not used afterwards. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** Absolute URL for an API path ("/api/v1/jobs/x"). */
  url(apiPath: string, query?: Record<string, string | undefined>): string {
    const u = new URL(this.server + (apiPath.startsWith('/') ? apiPath : `/${apiPath}`));
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  }

  /**
   * POST /api/v1/documents. `source` is a file path (streamed from disk, so
   * large files do not sit in memory) or the bytes themselves.
   */
  async uploadDocument(source: string | Uint8Array, options: UploadOptions = {}): Promise<UploadAccepted> {
    let size: number;
    let filename = options.filename;
    if (typeof source === 'string') {
      try {
        const st = await stat(source);
        if (!st.isFile()) throw new Error('not a regular file');
        size = st.size;
      } catch (err) {
        throw new ApiError('FILE_UNREADABLE', `cannot read ${source}: ${errorText(err)}`, { cause: err });
      }
      filename ??= path.basename(source);
    } else {
      size = source.byteLength;
    }
    if (!filename) throw new ApiError('BAD_REQUEST', 'uploadDocument: a filename is required when uploading bytes');

    const target = this.url('/api/v1/documents', {
      filename,
      format: options.format,
      validate: options.strict ? 'strict' : undefined,
      ...Object.fromEntries(Object.entries(options.metadata ?? {}).map(([k, v]) => [`meta.${k}`, v])),
      ...Object.fromEntries(Object.entries(options.labels ?? {}).map(([k, v]) => [`label.${k}`, v])),
    });
    const headers = { ...this.headers(), 'content-type': 'application/octet-stream', 'content-length': String(size) };
    let answer: { status: number; text: string; retryAfter?: string | null };
    try {
      answer = await this.sendUpload(target, headers, source, size, options.signal, options.onProgress);
    } catch (err) {
      const mapped = this.networkError(err, options.signal, { uploading: { filename, size } });
      // A server refusing a large body may hang up before its 413 reaches us;
      // ask again with the same headers and no body to learn why.
      const refusal = mapped.code === 'UPLOAD_INTERRUPTED' ? await this.probeRefusal(target, headers) : null;
      if (!refusal) throw mapped;
      answer = refusal;
    }
    const json = this.parseJson(answer.status, answer.text, 'POST /api/v1/documents');
    if (answer.status < 200 || answer.status > 299) throw this.httpError(answer.status, json, { filename, size }, answer.retryAfter ?? null);
    return parseUploadAccepted(json);
  }

  /** GET /api/v1/jobs/:id. A 404 is ApiError NOT_FOUND. */
  async getJob(id: string, options: RequestOptions = {}): Promise<JobStatus> {
    const json = await this.requestJson('GET', `/api/v1/jobs/${encodeURIComponent(id)}`, undefined, options.signal);
    return parseJobStatus(json);
  }

  /** GET /api/v1/documents (read scope): one page of stored documents; `query` holds the filters (label may repeat). */
  async listDocuments(query: Array<[string, string]>, options: RequestOptions = {}): Promise<unknown> {
    const qs = new URLSearchParams(query).toString();
    return this.requestJson('GET', `/api/v1/documents${qs ? `?${qs}` : ''}`, undefined, options.signal);
  }

  /** DELETE /api/v1/documents/:id (admin scope). A missing document is ApiError DOCUMENT_NOT_FOUND. */
  async deleteDocument(id: string, options: RequestOptions = {}): Promise<unknown> {
    return this.requestJson('DELETE', `/api/v1/documents/${encodeURIComponent(id)}`, undefined, options.signal);
  }

  /** GET /api/v1/documents/:id/content (read scope): the original bytes. */
  async documentContent(id: string, options: RequestOptions = {}): Promise<Buffer> {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const apiPath = `/api/v1/documents/${encodeURIComponent(id)}/content`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(apiPath), { headers: this.headers(), signal });
    } catch (err) {
      throw this.networkError(err, options.signal, { timeout });
    }
    if (!response.ok) throw this.httpError(response.status, await this.readJson(response, `GET ${apiPath}`), undefined, response.headers.get('retry-after'));
    return Buffer.from(await response.arrayBuffer());
  }

  /** POST /api/v1/admin/check (admin scope): the server's integrity check report, as JSON. */
  async checkIntegrity(maxMismatches: number, options: RequestOptions = {}): Promise<unknown> {
    return this.requestJson('POST', `/api/v1/admin/check?maxMismatches=${maxMismatches}`, {}, options.signal);
  }

  /** GET /api/v1/admin/importers (admin scope). */
  async listImporters(options: RequestOptions = {}): Promise<unknown> {
    return this.requestJson('GET', '/api/v1/admin/importers', undefined, options.signal);
  }

  /** GET /api/v1/admin/importers/:name (admin scope). */
  async importerStatus(name: string, options: RequestOptions = {}): Promise<unknown> {
    return this.requestJson('GET', `/api/v1/admin/importers/${encodeURIComponent(name)}`, undefined, options.signal);
  }

  /** Starts a configured importer (`name`) or a one-off run of a kind on a source; answers once the run holds its lock. */
  async startImporter(target: { name: string } | { kind: string; source: string }, options: RequestOptions = {}): Promise<unknown> {
    if ('name' in target) return this.requestJson('POST', `/api/v1/admin/importers/${encodeURIComponent(target.name)}/run`, {}, options.signal);
    return this.requestJson('POST', '/api/v1/admin/importers/run', { kind: target.kind, source: target.source }, options.signal);
  }

  /**
   * Polls a job until it is completed or failed (returned, not thrown: a failed
   * job is an answer). Throws JobTimeoutError after timeoutMs, ApiError ABORTED
   * when the signal fires, and the last error after too many failed polls in a row.
   */
  async waitForJob(id: string, options: WaitOptions = {}): Promise<JobStatus> {
    const timeoutMs = options.timeoutMs ?? 600_000;
    const maxInterval = options.maxIntervalMs ?? 1000;
    const maxErrors = options.maxConsecutiveErrors ?? 10;
    let interval = Math.min(options.initialIntervalMs ?? 100, maxInterval);
    const deadline = Date.now() + timeoutMs;
    let last: JobStatus | null = null;
    let errorsInARow = 0;

    for (;;) {
      try {
        last = await this.getJob(id, { signal: options.signal });
        errorsInARow = 0;
        options.onUpdate?.(last);
        if (last.state === 'completed' || last.state === 'failed') return last;
      } catch (err) {
        if (!(err instanceof ApiError) || !err.transient || ++errorsInARow > maxErrors) throw err;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new JobTimeoutError(id, timeoutMs, last);
      try {
        await sleep(Math.min(interval, remaining), undefined, { signal: options.signal });
      } catch (err) {
        throw this.networkError(err, options.signal);
      }
      interval = Math.min(maxInterval, Math.ceil(interval * 1.5));
    }
  }

  /**
   * POST /graphql. Returns `data`; throws ApiError GRAPHQL_ERROR when the
   * answer carries errors (details: { errors, data }).
   */
  async graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options: RequestOptions & { operationName?: string } = {},
  ): Promise<TData> {
    const json = await this.requestJson('POST', '/graphql', { query, variables, operationName: options.operationName }, options.signal, true);
    if (!isRecord(json)) throw badResponse('POST /graphql', 'expected a JSON object');
    const errors = Array.isArray(json.errors) ? (json.errors as GraphQLErrorEntry[]) : [];
    if (errors.length > 0) {
      const first = errors[0];
      const code = isRecord(first?.extensions) && typeof first.extensions.code === 'string' ? first.extensions.code : 'GRAPHQL_ERROR';
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      throw new ApiError(code, `GraphQL: ${first?.message ?? 'unknown error'}${more}`, { details: { errors, data: json.data ?? null } });
    }
    if (!('data' in json)) throw badResponse('POST /graphql', 'no "data" in the answer');
    return json.data as TData;
  }

  // -------------------------------------------------------------------------

  private headers(): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    return h;
  }

  /**
   * Small JSON request with the per-request time limit. `graphqlErrorsOk`:
   * GraphQL servers may answer 4xx with a GraphQL error body; hand it back.
   */
  private async requestJson(method: string, apiPath: string, body: unknown, signal: AbortSignal | undefined, graphqlErrorsOk = false): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers = this.headers();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(apiPath), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: combined,
      });
    } catch (err) {
      throw this.networkError(err, signal, { timeout });
    }
    const json = await this.readJson(response, `${method} ${apiPath}`);
    if (response.ok) return json;
    if (graphqlErrorsOk && isRecord(json) && Array.isArray(json.errors) && response.status !== 401 && response.status !== 403) return json;
    throw this.httpError(response.status, json, undefined, response.headers.get('retry-after'));
  }

  /**
   * The upload itself, over node:http(s) rather than fetch: a server that
   * refuses a large body answers 413 while we are still sending, and fetch then
   * reports only the broken pipe, whereas http.request still hands us the answer.
   */
  private sendUpload(
    target: string,
    headers: Record<string, string>,
    source: string | Uint8Array,
    size: number,
    signal: AbortSignal | undefined,
    onProgress: ((sent: number, total: number) => void) | undefined,
  ): Promise<{ status: number; text: string; retryAfter: string | null }> {
    return new Promise((resolve, reject) => {
      const url = new URL(target);
      const request = url.protocol === 'https:' ? https.request : http.request;
      let settled = false;
      let responded = false;
      let grace: NodeJS.Timeout | undefined;
      let file: ReadStream | null = null;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        if (grace) clearTimeout(grace);
        file?.destroy();
        fn();
      };

      const req = request(url, { method: 'POST', headers, signal, agent: url.protocol === 'https:' ? this.agents.https : this.agents.http });
      req.setTimeout(this.uploadIdleTimeoutMs, () => {
        req.destroy(
          new ApiError('REQUEST_TIMEOUT', `upload to ${this.server} stalled: nothing moved for ${Math.round(this.uploadIdleTimeoutMs / 1000)}s`, {
            transient: true,
          }),
        );
      });
      req.on('response', (res) => {
        responded = true;
        const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
        if (!ok && file) {
          // Refused: stop sending the rest of the file.
          file.unpipe(req);
          file.destroy();
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          settle(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: headerValue(res.headers['retry-after']) }));
          if (!ok) req.destroy();
        });
        res.on('error', (err) => settle(() => reject(err)));
        res.on('close', () => {
          if (!res.complete) settle(() => reject(new Error('connection closed in the middle of the answer')));
        });
      });
      req.on('error', (err) => {
        if (responded) return; // the response handlers settle
        if (signal?.aborted) {
          settle(() => reject(err));
          return;
        }
        // An answer already in the socket buffer (a 413 sent while we were still
        // writing) may still be parsed after the write failed: give it a moment.
        grace ??= setTimeout(() => settle(() => reject(err)), 250);
      });

      if (typeof source !== 'string') {
        req.end(source);
        return;
      }
      file = createReadStream(source, { highWaterMark: 1024 * 1024 });
      let sent = 0;
      file.on('data', (chunk: Buffer | string) => {
        sent += chunk.length;
        onProgress?.(sent, size);
      });
      file.on('error', (err) => {
        req.destroy();
        settle(() => reject(new ApiError('FILE_UNREADABLE', `cannot read ${source}: ${err.message}`, { cause: err })));
      });
      file.pipe(req);
    });
  }

  /**
   * Sends the upload's headers (Content-Length included) without a body and
   * returns an error answer if the server gives one within a few seconds
   * (a 413 decided from Content-Length alone); null otherwise. The request is
   * always torn down before any body is sent, so nothing gets ingested.
   */
  private probeRefusal(target: string, headers: Record<string, string>, waitMs = 3000): Promise<{ status: number; text: string; retryAfter: string | null } | null> {
    return new Promise((resolve) => {
      const url = new URL(target);
      const request = url.protocol === 'https:' ? https.request : http.request;
      let settled = false;
      const finish = (value: { status: number; text: string; retryAfter: string | null } | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve(value);
      };
      const req = request(url, { method: 'POST', headers, agent: false });
      const timer = setTimeout(() => finish(null), waitMs);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status < 400) {
          finish(null);
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const retryAfter = headerValue(res.headers['retry-after']);
        res.on('end', () => finish({ status, text: Buffer.concat(chunks).toString('utf8'), retryAfter }));
        res.on('error', () => finish({ status, text: Buffer.concat(chunks).toString('utf8'), retryAfter }));
      });
      req.on('error', () => finish(null));
      req.flushHeaders();
    });
  }

  /** Parses the body as JSON; null for an empty body; BAD_RESPONSE for anything else on success. */
  private async readJson(response: Response, what: string): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new ApiError('NETWORK_ERROR', `${what}: connection lost while reading the answer from ${this.server} (${errorText(err)})`, {
        status: response.status,
        transient: true,
        cause: err,
      });
    }
    return this.parseJson(response.status, text, what);
  }

  private parseJson(status: number, text: string, what: string): unknown {
    const ok = status >= 200 && status < 300;
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (ok) {
        throw badResponse(what, `HTTP ${status} with a body that is not JSON`, `is ${this.server} really a supplygraph server? Use --server to point elsewhere.`);
      }
      return { error: { message: text.trim().slice(0, 300) } };
    }
  }

  private httpError(status: number, body: unknown, upload?: { filename: string; size: number }, retryAfter: string | null = null): ApiError {
    // { error: { code, message } } (supplygraph), or Fastify's own { statusCode, code, error, message }.
    const err = isRecord(body) ? (isRecord(body.error) ? body.error : typeof body.message === 'string' ? body : null) : null;
    const serverCode = err && typeof err.code === 'string' ? err.code : null;
    const serverMessage = err && typeof err.message === 'string' ? err.message : `HTTP ${status}`;
    const init = {
      status, details: body, transient: status === 429 || status === 502 || status === 503 || status === 504,
      retryAfterMs: status === 429 || status === 503 ? parseRetryAfter(retryAfter) : null,
    };

    if (status === 401 || status === 403) {
      const code = serverCode ?? (status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN');
      const hint =
        status === 401
          ? 'the server wants a token: pass --token <token> or set SUPPLYGRAPH_TOKEN'
          : 'the token was refused for this operation: check --token / SUPPLYGRAPH_TOKEN';
      return new ApiError(code, `${status === 401 ? 'not authenticated' : 'not allowed'} (${serverMessage})`, { ...init, hint });
    }
    if (status === 413) {
      const limit = extractLimitBytes(err);
      const what = upload ? `${upload.filename} (${formatSize(upload.size)})` : 'the request';
      const limitText =
        limit === null
          ? 'it is larger than the server accepts'
          : `the server accepts at most ${formatSize(limit)}${limit >= 1024 ? ` (${limit} bytes)` : ''}`;
      return new ApiError('PAYLOAD_TOO_LARGE', `${what} is too large: ${limitText} (${serverMessage})`, {
        ...init,
        hint: 'raise SUPPLYGRAPH_MAX_UPLOAD_BYTES on the server (and restart it) to accept larger uploads',
      });
    }
    if (status === 404 && !serverCode) {
      return new ApiError('NOT_FOUND', serverMessage, { ...init, hint: `is ${this.server} a supplygraph server? Use --server to point elsewhere.` });
    }
    const fallback =
      status === 400 ? 'BAD_REQUEST' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR';
    const hint = status === 429
      ? 'the server is rate-limiting; try again later or lower --concurrency'
      : serverCode === 'QUEUE_FULL'
        ? 'the server has more documents waiting than it accepts; try again later (`supplygraph ingest` waits and retries by itself)'
        : null;
    return new ApiError(serverCode ?? fallback, serverMessage, { ...init, hint });
  }

  private networkError(
    err: unknown,
    signal: AbortSignal | undefined,
    context: { timeout?: AbortSignal; uploading?: { filename: string; size: number } } = {},
  ): ApiError {
    if (err instanceof ApiError) return err;
    if (signal?.aborted) return new ApiError('ABORTED', 'cancelled', { cause: err });
    if (context.timeout?.aborted) {
      return new ApiError('REQUEST_TIMEOUT', `no answer from ${this.server} within ${Math.round(this.requestTimeoutMs / 1000)}s`, {
        transient: true,
        cause: err,
      });
    }
    const codes = causeCodes(err);
    const detail = codes.length > 0 ? codes[0] : errorText(rootCause(err));
    if (codes.some((c) => UNREACHABLE_CODES.has(c))) {
      return new ApiError('UNREACHABLE', `cannot reach supplygraph at ${this.server} (${detail})`, {
        transient: true,
        cause: err,
        hint: 'is `supplygraph serve` (or `npm start`) running? Use --server to point elsewhere.',
      });
    }
    if (context.uploading) {
      const { filename, size } = context.uploading;
      return new ApiError('UPLOAD_INTERRUPTED', `connection to ${this.server} lost while uploading ${filename} (${formatSize(size)}; ${detail})`, {
        transient: true,
        cause: err,
        hint: 'if the file is larger than the server accepts, raise SUPPLYGRAPH_MAX_UPLOAD_BYTES on the server; otherwise retry',
      });
    }
    return new ApiError('NETWORK_ERROR', `request to ${this.server} failed (${detail})`, { transient: true, cause: err });
  }
}

// ---------------------------------------------------------------------------
// helpers

function headerValue(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Error codes found along the cause chain (and inside AggregateErrors). */
function causeCodes(err: unknown): string[] {
  const out: string[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (!isRecord(e) && !(e instanceof Error)) return;
    if (depth > 5) return;
    const rec = e as Record<string, unknown>;
    if (typeof rec.code === 'string') out.push(rec.code);
    if (Array.isArray(rec.errors)) for (const inner of rec.errors) visit(inner, depth + 1);
    if (rec.cause !== undefined) visit(rec.cause, depth + 1);
  };
  visit(err, 0);
  return out;
}

function rootCause(err: unknown): unknown {
  let e = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause !== undefined; i++) e = e.cause;
  return e;
}

function badResponse(what: string, why: string, hint?: string): ApiError {
  return new ApiError('BAD_RESPONSE', `${what}: unexpected answer (${why})`, { hint: hint ?? null });
}

function formatSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
  return u === 0 ? `${s} bytes` : `${s} ${units[u]}`;
}

/** The upload limit from a 413 error body: a numeric field, or "<n> bytes" in the message. */
export function extractLimitBytes(error: Record<string, unknown> | null): number | null {
  if (!error) return null;
  const containers = [error, isRecord(error.details) ? error.details : null];
  for (const c of containers) {
    if (!c) continue;
    for (const key of ['limit', 'limitBytes', 'maxBytes', 'maxUploadBytes', 'max']) {
      const v = c[key];
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
    }
  }
  if (typeof error.message === 'string') {
    const m = /(\d[\d,_]*)\s*bytes/i.exec(error.message);
    if (m) {
      const n = Number(m[1].replace(/[,_]/g, ''));
      if (Number.isFinite(n) && n > 0) return n;
    }
  }
  return null;
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function timestamp(v: unknown): string | number | null {
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

const JOB_STATES: ReadonlySet<string> = new Set<JobState>(['waiting', 'active', 'delayed', 'completed', 'failed']);

export function parseUploadAccepted(json: unknown): UploadAccepted {
  if (!isRecord(json) || typeof json.jobId !== 'string' || json.jobId === '') {
    throw badResponse('POST /api/v1/documents', 'no jobId in the answer');
  }
  return {
    jobId: json.jobId,
    blobDigest: str(json.blobDigest),
    byteSize: num(json.byteSize),
    statusUrl: str(json.statusUrl, `/api/v1/jobs/${encodeURIComponent(json.jobId)}`),
  };
}

export function parseJobStatus(json: unknown): JobStatus {
  if (!isRecord(json) || typeof json.id !== 'string' || typeof json.state !== 'string' || !JOB_STATES.has(json.state)) {
    throw badResponse('GET /api/v1/jobs/:id', 'not a job status');
  }
  return {
    id: json.id,
    state: json.state as JobState,
    attempts: num(json.attempts),
    maxAttempts: num(json.maxAttempts),
    progress: num(json.progress),
    data: isRecord(json.data) ? json.data : {},
    result: parseResult(json.result),
    failure: parseFailure(json.failure),
    createdAt: timestamp(json.createdAt),
    startedAt: timestamp(json.startedAt),
    finishedAt: timestamp(json.finishedAt),
  };
}

function parseResult(v: unknown): IngestResult | null {
  if (!isRecord(v)) return null;
  const timings = isRecord(v.timings) ? v.timings : {};
  const matches = isRecord(v.vulnerabilityMatches) ? v.vulnerabilityMatches : {};
  const warnings = Array.isArray(v.warnings)
    ? v.warnings.filter(isRecord).map((w): IngestWarning => {
        const out: IngestWarning = { code: str(w.code, 'WARNING'), message: str(w.message) };
        if (typeof w.at === 'string') out.at = w.at;
        return out;
      })
    : [];
  return {
    status: v.status === 'already-ingested' ? 'already-ingested' : 'written',
    documentKey: str(v.documentKey),
    ingestedAt: str(v.ingestedAt),
    format: str(v.format),
    kind: str(v.kind),
    nodes: num(v.nodes),
    edges: num(v.edges),
    nodesCreated: num(v.nodesCreated),
    edgesCreated: num(v.edgesCreated),
    warnings,
    vulnerabilityMatches: { edgesAdded: num(matches.edgesAdded), edgesRemoved: num(matches.edgesRemoved), unknown: num(matches.unknown) },
    timings: { readMs: num(timings.readMs), parseMs: num(timings.parseMs), writeMs: num(timings.writeMs), totalMs: num(timings.totalMs) },
    ...(v.resumed === true ? { resumed: true } : {}),
  };
}

function parseFailure(v: unknown): JobFailure | null {
  if (!isRecord(v)) return null;
  if (isJobFailureCode(v.code)) return { code: v.code, message: str(v.message), transient: v.transient === true };
  // A newer server's code this CLI does not know: shown in the message rather than lost.
  const code = str(v.code);
  return { code: 'INTERNAL_ERROR', message: code ? `${code}: ${str(v.message)}` : str(v.message), transient: v.transient === true };
}
