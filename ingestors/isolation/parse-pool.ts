/**
 * Parse isolation: decompression, decoding and parsing of every document run
 * in a pool of child processes, never on the event loop that answers HTTP and
 * drives the queue. Each document runs under two limits:
 *
 *   memory  the child's V8 heap is capped (SUPPLYGRAPH_PARSE_MEMORY_MB); a
 *           document that needs more kills only its child → DOCUMENT_TOO_COMPLEX
 *   time    a child still busy after SUPPLYGRAPH_PARSE_TIMEOUT_MS is killed
 *           → PARSE_TIMEOUT
 *
 * Why processes and not worker threads: a worker thread's heap cap is
 * best-effort. An allocation that V8 cannot interrupt (one large array grown by
 * push, JSON.parse of one huge value) passes the cap and aborts the *whole
 * process* with "Reached heap limit" (nodejs/node#47224; CI saw it on the
 * 100,000-deep regression document). A child process dies alone, every time.
 *
 * A dead child is replaced on the next document; the server lives on.
 * SUPPLYGRAPH_PARSE_PROCESSES children parse queued documents in parallel
 * while the graph writes stay on the main process. The OntologyBatch comes
 * back as JSON text in chunks the main process pulls one at a time
 * (messages.ts says why).
 *
 * Runs from TypeScript sources under tsx (tests, `npm run dev`) and from the
 * compiled dist/ (`npm start`): the child's entry is the sibling of this module
 * with this module's own extension.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { IngestError } from '../parser.js';
import type { ParsedDocument, ParseRequest } from './parse-document.js';
import { assemble, type ChunkRequest, type ParseHeader, type ParseReply, type ParseTask } from './messages.js';

export interface ParsePoolSettings {
  /** Parser child processes (SUPPLYGRAPH_PARSE_PROCESSES). */
  processes: number;
  /** V8 old-generation heap per child, MB (SUPPLYGRAPH_PARSE_MEMORY_MB). */
  memoryMb: number;
}

export const DEFAULT_PARSE_MEMORY_MB = 4096;
export const DEFAULT_PARSE_TIMEOUT_MS = 300_000;
/**
 * V8 stack of a child, KB: what a worker thread had (4 MB), so recursion
 * limits did not change with the move to processes. The OS gives the main
 * thread 8 MB (`ulimit -s`), so V8 overflows cleanly before the OS would.
 */
const CHILD_STACK_KB = 3984;
/** How much of a dying child's stderr is kept to tell an out-of-memory abort from a crash. */
const STDERR_TAIL = 8192;

/** One fewer than the cores, so the main process keeps one; at least one. */
export function defaultParseProcesses(): number {
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
  child: ChildProcess;
  /** Whether the child has loaded its code; a document given to it before then waits. */
  ready: boolean;
  /** The document this child is parsing (or about to, once ready, or handing over), if any. */
  busy: { id: number; pending: Pending; timer: NodeJS.Timeout | null; onChunk: ((json: string) => void) | null } | null;
  /** The end of the child's stderr: V8 prints "heap out of memory" there before it aborts. */
  stderr: string;
}

const CHILD_URL: URL = import.meta.url.endsWith('.ts') ? new URL('./parse-worker.ts', import.meta.url) : new URL('./parse-worker.js', import.meta.url);

/**
 * From sources the child needs tsx's loader before it can import the .ts
 * entry; both paths are absolute, so any working directory works.
 */
function childEntry(memoryMb: number): { modulePath: string; execArgv: string[] } {
  const execArgv = [`--max-old-space-size=${memoryMb}`, `--stack-size=${CHILD_STACK_KB}`];
  if (CHILD_URL.pathname.endsWith('.ts')) execArgv.push('--import', import.meta.resolve('tsx'));
  return { modulePath: fileURLToPath(CHILD_URL), execArgv };
}

/** The parent's environment minus what would make a plain child act as something else. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // The test runner marks its own children through this; ours is not a test file.
  delete env.NODE_TEST_CONTEXT;
  // Flags in NODE_OPTIONS (a heap size, --inspect) were meant for the server, not its parsers.
  delete env.NODE_OPTIONS;
  return env;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly settings: ParsePoolSettings) {
    if (!Number.isSafeInteger(settings.processes) || settings.processes < 1) throw new RangeError(`parse processes must be a whole number ≥ 1, not ${settings.processes}`);
  }

  /** Parses one stored document in a child process; rejects with IngestError for the document's own problems. */
  parse(raw: Uint8Array, request: ParseRequest, timeoutMs: number): Promise<ParsedDocument> {
    if (this.closed) return Promise.reject(new Error('the parse pool is closed'));
    return new Promise<ParsedDocument>((resolve, reject) => {
      // A document in the pool is work in progress: keep the process alive until it settles, whatever
      // state its child is in (children are unref'd while idle, and one may be replaced mid-way).
      const keepAlive = setInterval(() => undefined, 60_000);
      const settle = <T>(f: (v: T) => void) => (v: T): void => { clearInterval(keepAlive); f(v); };
      this.queue.push({ raw, request, timeoutMs, resolve: settle(resolve), reject: settle(reject) });
      this.dispatch();
    });
  }

  /** Children alive now (a dead one is replaced only when a document needs it). */
  get processCount(): number {
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
      return stop(s.child);
    }));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === null);
      if (!slot && this.slots.length < this.settings.processes) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const entry = childEntry(this.settings.memoryMb);
    const child = fork(entry.modulePath, [], {
      execArgv: entry.execArgv,
      env: childEnv(),
      // Structured clone: the document's bytes cross as a Uint8Array, not as base64 text.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { child, ready: false, busy: null, stderr: '' };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => { slot.stderr = (slot.stderr + text).slice(-STDERR_TAIL); });
    child.on('message', (reply: ParseReply) => this.onReply(slot, reply));
    child.on('error', (err: Error) => this.onDeath(slot, `could not be run: ${err.message}`));
    child.on('exit', (code, signal) => this.onDeath(slot, signal ? `was killed by ${signal}` : `exited with code ${code}`));
    // An idle child must not keep the server alive.
    unref(child);
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    slot.busy = { id: this.nextId++, pending, timer: null, onChunk: null };
    ref(slot.child);
    if (slot.ready) this.begin(slot);
  }

  /** Hands the slot's document to its child; the time limit runs from here. */
  private begin(slot: Slot): void {
    const busy = slot.busy!;
    const { pending } = busy;
    busy.timer = setTimeout(() => {
      this.fail(slot, new IngestError('PARSE_TIMEOUT',
        `parsing the document took longer than ${pending.timeoutMs} ms and was stopped; raise SUPPLYGRAPH_PARSE_TIMEOUT_MS to allow more time`));
    }, pending.timeoutMs);
    const task: ParseTask = { id: busy.id, raw: pending.raw, request: pending.request };
    slot.child.send(task);
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
    else busy.pending.reject(new Error(`parse process: ${reply.failure.message}`));
  }

  /** Pulls the batch chunk by chunk: each arrives as its own message, so the event loop runs between chunks. */
  private async receive(slot: Slot, header: ParseHeader): Promise<void> {
    const busy = slot.busy!;
    const chunk = (index: number): Promise<string> => new Promise<string>((resolve) => {
      busy.onChunk = resolve;
      slot.child.send({ pull: busy.id, index } satisfies ChunkRequest);
    });
    let parsed;
    try {
      parsed = await assemble(header, chunk);
    } catch (err) {
      // Only our own JSON can be in the chunks; failing to read it back is a bug, not the document's fault.
      if (slot.busy === busy) this.fail(slot, new Error(`reading the parse process's batch failed: ${(err as Error).message}`, { cause: err }));
      return;
    }
    // The child may have died mid-transfer, in which case the document has already failed.
    if (slot.busy !== busy) return;
    this.release(slot);
    busy.pending.resolve(parsed);
  }

  private release(slot: Slot): void {
    slot.busy = null;
    unref(slot.child);
    this.dispatch();
  }

  private onDeath(slot: Slot, how: string): void {
    if (!this.slots.includes(slot)) return;
    this.fail(slot, /heap out of memory|Reached heap limit|Allocation failed/.test(slot.stderr)
      ? new IngestError('DOCUMENT_TOO_COMPLEX',
        `parsing the document needed more than ${this.settings.memoryMb} MB of memory and was stopped; split the document, or raise SUPPLYGRAPH_PARSE_MEMORY_MB`)
      : new Error(`the parse process ${how}${slot.stderr ? `: ${lastLine(slot.stderr)}` : ''}`));
  }

  /** Ends the slot's document with `err` and retires its child; the next document gets a fresh one. */
  private fail(slot: Slot, err: unknown): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.busy) {
      if (slot.busy.timer) clearTimeout(slot.busy.timer);
      slot.busy.pending.reject(err);
      slot.busy = null;
    }
    void stop(slot.child);
    this.dispatch();
  }
}

// The child, its IPC channel and its stderr pipe are three handles; each alone would keep the loop alive.
function ref(child: ChildProcess): void {
  child.ref();
  child.channel?.ref();
  (child.stderr as Socket | null)?.ref();
}

function unref(child: ChildProcess): void {
  child.unref();
  child.channel?.unref();
  (child.stderr as Socket | null)?.unref();
}

/** Kills the child (a parser has nothing to save) and resolves once it is gone. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    // An idle child is unref'd; without this the caller's event loop could end before 'exit' arrives.
    child.ref();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return lines.at(-1)?.trim() ?? '';
}

export interface ParseIsolationLimits {
  maxDecompressedBytes: number;
  maxNestingDepth?: number;
  parseProcesses?: number;
  parseMemoryMb?: number;
  parseTimeoutMs?: number;
}

const shared = new Map<string, ParsePool>();

/** The server-wide pool for these settings (one per distinct process count and memory cap). */
export function sharedParsePool(limits: ParseIsolationLimits): ParsePool {
  const settings: ParsePoolSettings = { processes: limits.parseProcesses ?? defaultParseProcesses(), memoryMb: limits.parseMemoryMb ?? DEFAULT_PARSE_MEMORY_MB };
  const key = `${settings.processes}/${settings.memoryMb}`;
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
