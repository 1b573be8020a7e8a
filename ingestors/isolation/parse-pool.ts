/**
 * Parse isolation: decompression, decoding and parsing of every document run
 * in a pool of worker threads, never on the event loop that answers HTTP and
 * drives the queue. Each document runs under two limits:
 *
 *   memory  the thread's V8 heap is capped (SUPPLYGRAPH_PARSE_MEMORY_MB); a
 *           document that needs more kills only its thread → DOCUMENT_TOO_COMPLEX
 *   time    a thread still busy after SUPPLYGRAPH_PARSE_TIMEOUT_MS is terminated
 *           → PARSE_TIMEOUT
 *
 * A dead thread is replaced on the next document; the process lives on.
 * SUPPLYGRAPH_PARSE_THREADS threads parse queued documents in parallel while
 * the graph writes stay on the main thread. The OntologyBatch comes back as
 * JSON text in chunks the main thread pulls one at a time (messages.ts says why).
 *
 * Runs from TypeScript sources under tsx (tests, `npm run dev`) and from the
 * compiled dist/ (`npm start`): the worker file is the sibling of this module
 * with this module's own extension.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { IngestError } from '../parser.js';
import type { ParsedDocument, ParseRequest } from './parse-document.js';
import { assemble, type ChunkRequest, type ParseHeader, type ParseReply, type ParseTask } from './messages.js';

export interface ParsePoolSettings {
  /** Worker threads (SUPPLYGRAPH_PARSE_THREADS). */
  threads: number;
  /** V8 old-generation heap per thread, MB (SUPPLYGRAPH_PARSE_MEMORY_MB). */
  memoryMb: number;
}

export const DEFAULT_PARSE_MEMORY_MB = 4096;
export const DEFAULT_PARSE_TIMEOUT_MS = 300_000;

/** One fewer than the cores, so the main thread keeps one; at least one. */
export function defaultParseThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

interface Pending {
  raw: Uint8Array;
  request: ParseRequest;
  timeoutMs: number;
  resolve(result: ParsedDocument): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Whether the thread has loaded its code; a document given to it before then waits. */
  ready: boolean;
  /** The document this thread is parsing (or about to, once ready, or handing over), if any. */
  busy: { id: number; pending: Pending; timer: NodeJS.Timeout | null; onChunk: ((json: string) => void) | null } | null;
}

const WORKER_URL: URL = import.meta.url.endsWith('.ts') ? new URL('./parse-worker.ts', import.meta.url) : new URL('./parse-worker.js', import.meta.url);

/**
 * From sources the thread needs tsx's loader before it can import the .ts
 * worker; Node 20 does not apply `--import tsx` in execArgv to a worker's entry
 * file, so a one-line bootstrap registers it first. Both paths are absolute,
 * so any working directory works.
 */
function workerEntry(): { filename: string | URL; eval: boolean } {
  if (!WORKER_URL.pathname.endsWith('.ts')) return { filename: WORKER_URL, eval: false };
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(WORKER_URL.href);
  return { filename: `import(${api}).then((tsx) => { tsx.register(); return import(${entry}); });`, eval: true };
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly settings: ParsePoolSettings) {
    if (!Number.isSafeInteger(settings.threads) || settings.threads < 1) throw new RangeError(`parse threads must be a whole number ≥ 1, not ${settings.threads}`);
  }

  /** Parses one stored document in a worker thread; rejects with IngestError for the document's own problems. */
  parse(raw: Uint8Array, request: ParseRequest, timeoutMs: number): Promise<ParsedDocument> {
    if (this.closed) return Promise.reject(new Error('the parse pool is closed'));
    return new Promise<ParsedDocument>((resolve, reject) => {
      // A document in the pool is work in progress: keep the process alive until it settles, whatever
      // state its thread is in (threads are unref'd while idle, and one may be replaced mid-way).
      const keepAlive = setInterval(() => undefined, 60_000);
      const settle = <T>(f: (v: T) => void) => (v: T): void => { clearInterval(keepAlive); f(v); };
      this.queue.push({ raw, request, timeoutMs, resolve: settle(resolve), reject: settle(reject) });
      this.dispatch();
    });
  }

  /** Threads alive now (a dead one is replaced only when a document needs it). */
  get threadCount(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the parse pool closed before the document was parsed'));
    await Promise.all(this.slots.splice(0).map((s) => {
      if (s.busy) {
        if (s.busy.timer) clearTimeout(s.busy.timer);
        s.busy.pending.reject(new Error('the parse pool closed while the document was being parsed'));
      }
      return s.worker.terminate();
    }));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === null);
      if (!slot && this.slots.length < this.settings.threads) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const worker = new Worker(entry.filename, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.memoryMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, busy: null };
    worker.on('message', (reply: ParseReply) => this.onReply(slot, reply));
    worker.on('error', (err: Error) => this.onDeath(slot, err));
    worker.on('exit', (code) => this.onDeath(slot, new Error(`the parse thread exited with code ${code}`)));
    // An idle thread must not keep the process alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    slot.busy = { id: this.nextId++, pending, timer: null, onChunk: null };
    slot.worker.ref();
    if (slot.ready) this.begin(slot);
  }

  /** Hands the slot's document to its thread; the time limit runs from here. */
  private begin(slot: Slot): void {
    const busy = slot.busy!;
    const { pending } = busy;
    busy.timer = setTimeout(() => {
      this.fail(slot, new IngestError('PARSE_TIMEOUT',
        `parsing the document took longer than ${pending.timeoutMs} ms and was stopped; raise SUPPLYGRAPH_PARSE_TIMEOUT_MS to allow more time`));
    }, pending.timeoutMs);
    const task: ParseTask = { id: busy.id, raw: pending.raw, request: pending.request };
    slot.worker.postMessage(task);
  }

  private onReply(slot: Slot, reply: ParseReply): void {
    if (reply.ready) {
      slot.ready = true;
      if (slot.busy) this.begin(slot);
      return;
    }
    const busy = slot.busy;
    if (!busy || busy.id !== reply.id) return;
    if (reply.ok === undefined) {
      busy.onChunk?.(reply.json);
      return;
    }
    if (busy.timer) clearTimeout(busy.timer);
    busy.timer = null;
    if (reply.ok) {
      void this.receive(slot, reply.header);
      return;
    }
    this.release(slot);
    if (reply.failure.code) busy.pending.reject(new IngestError(reply.failure.code, reply.failure.message, reply.failure.at));
    else busy.pending.reject(new Error(`parse thread: ${reply.failure.message}`));
  }

  /** Pulls the batch chunk by chunk: each arrives as its own message, so the event loop runs between chunks. */
  private async receive(slot: Slot, header: ParseHeader): Promise<void> {
    const busy = slot.busy!;
    const chunk = (index: number): Promise<string> => new Promise<string>((resolve) => {
      busy.onChunk = resolve;
      slot.worker.postMessage({ pull: busy.id, index } satisfies ChunkRequest);
    });
    let parsed;
    try {
      parsed = await assemble(header, chunk);
    } catch (err) {
      // Only our own JSON can be in the chunks; failing to read it back is a bug, not the document's fault.
      if (slot.busy === busy) this.fail(slot, new Error(`reading the parse thread's batch failed: ${(err as Error).message}`, { cause: err }));
      return;
    }
    // The thread may have died mid-transfer, in which case the document has already failed.
    if (slot.busy !== busy) return;
    this.release(slot);
    busy.pending.resolve(parsed);
  }

  private release(slot: Slot): void {
    slot.busy = null;
    slot.worker.unref();
    this.dispatch();
  }

  private onDeath(slot: Slot, err: Error): void {
    if (!this.slots.includes(slot)) return;
    const code = (err as NodeJS.ErrnoException).code;
    this.fail(slot, code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new IngestError('DOCUMENT_TOO_COMPLEX',
        `parsing the document needed more than ${this.settings.memoryMb} MB of memory and was stopped; split the document, or raise SUPPLYGRAPH_PARSE_MEMORY_MB`)
      : new Error(`the parse thread died: ${err.message}`, { cause: err }));
  }

  /** Ends the slot's document with `err` and retires its thread; the next document gets a fresh one. */
  private fail(slot: Slot, err: unknown): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.busy) {
      if (slot.busy.timer) clearTimeout(slot.busy.timer);
      slot.busy.pending.reject(err);
      slot.busy = null;
    }
    void slot.worker.terminate();
    this.dispatch();
  }
}

export interface ParseIsolationLimits {
  maxDecompressedBytes: number;
  maxNestingDepth?: number;
  parseThreads?: number;
  parseMemoryMb?: number;
  parseTimeoutMs?: number;
}

const shared = new Map<string, ParsePool>();

/** The process-wide pool for these settings (one per distinct thread count and memory cap). */
export function sharedParsePool(limits: ParseIsolationLimits): ParsePool {
  const settings: ParsePoolSettings = { threads: limits.parseThreads ?? defaultParseThreads(), memoryMb: limits.parseMemoryMb ?? DEFAULT_PARSE_MEMORY_MB };
  const key = `${settings.threads}/${settings.memoryMb}`;
  let pool = shared.get(key);
  if (!pool) {
    pool = new ParsePool(settings);
    shared.set(key, pool);
  }
  return pool;
}

/**
 * The worker's one entry: the stored bytes in, the batch and the parser that
 * read it out, parsed off the event loop under the configured limits.
 */
export function parseIsolated(raw: Uint8Array, request: Omit<ParseRequest, 'limits'> & { limits: ParseIsolationLimits }): Promise<ParsedDocument> {
  const { limits } = request;
  return sharedParsePool(limits).parse(raw, {
    options: request.options,
    ingestedAt: request.ingestedAt,
    trustPolicy: request.trustPolicy,
    limits: { maxDecompressedBytes: limits.maxDecompressedBytes, maxNestingDepth: limits.maxNestingDepth },
  }, limits.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS);
}
