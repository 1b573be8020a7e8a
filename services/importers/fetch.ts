/**
 * Feed fetching with conditional GET: the ETag / Last-Modified of the last
 * finished run go out as If-None-Match / If-Modified-Since, and a 304 means
 * there is nothing to do. Bodies are read with a byte cap so a feed cannot
 * exhaust memory; local paths read the same way so every kind takes either.
 */
import { readFile, stat } from 'node:fs/promises';
import { ImporterError } from './errors.js';
import { isUrl } from './config.js';

export type Fetched =
  | { status: 'not-modified' }
  | { status: 'fresh'; body: Buffer; /** Validators to send next time; null when the server gave none. */ validators: string | null };

interface Validators { etag?: string; lastModified?: string }

export interface FetchOptions {
  /** The validators a previous fetch returned. */
  previous?: string | undefined;
  maxBytes: number;
  signal?: AbortSignal | undefined;
}

export async function fetchResource(location: string, options: FetchOptions): Promise<Fetched> {
  if (!isUrl(location)) return { status: 'fresh', body: await readLocal(location, options.maxBytes), validators: null };
  const headers: Record<string, string> = { 'user-agent': 'supplygraph-importer' };
  if (options.previous) {
    const v = JSON.parse(options.previous) as Validators;
    if (v.etag) headers['if-none-match'] = v.etag;
    if (v.lastModified) headers['if-modified-since'] = v.lastModified;
  }
  let res: Response;
  try {
    res = await fetch(location, { headers, signal: options.signal ?? null, redirect: 'follow' });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ImporterError('SOURCE_UNREADABLE', `cannot fetch ${location}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}; check the URL and that this host can reach it`);
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { status: 'not-modified' };
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new ImporterError('FEED_HTTP_STATUS', `GET ${location} answered ${res.status} ${res.statusText}`);
  }
  const body = await readCapped(res, location, options.maxBytes);
  const etag = res.headers.get('etag') ?? undefined;
  const lastModified = res.headers.get('last-modified') ?? undefined;
  return { status: 'fresh', body, validators: etag || lastModified ? JSON.stringify({ etag, lastModified }) : null };
}

/** A plain GET of one entry (no validators: entries are told apart by their fingerprints). */
export async function fetchBytes(location: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  const r = await fetchResource(location, { maxBytes, signal });
  if (r.status !== 'fresh') throw new ImporterError('FEED_HTTP_STATUS', `GET ${location} answered 304 without a conditional request`);
  return r.body;
}

async function readLocal(file: string, maxBytes: number): Promise<Buffer> {
  try {
    const st = await stat(file);
    if (st.size > maxBytes) throw new ImporterError('FEED_TOO_LARGE', `${file} is ${st.size} bytes, over the limit of ${maxBytes} (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES)`);
    return await readFile(file);
  } catch (err) {
    if (err instanceof ImporterError) throw err;
    throw new ImporterError('SOURCE_UNREADABLE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

async function readCapped(res: Response, location: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new ImporterError('FEED_TOO_LARGE', `${location} is ${declared} bytes, over the limit of ${maxBytes} (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES)`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new ImporterError('FEED_TOO_LARGE', `${location} is over the limit of ${maxBytes} bytes (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES)`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
