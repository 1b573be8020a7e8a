/**
 * The ingest queue contract. Two implementations: in-process (embedded
 * default, job records kept under the data dir) and BullMQ on Redis
 * (production). Jobs carry only a blob digest and options, never the document.
 */
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';
import { isJobFailureCode, type IngestJobData, type IngestJobResult, type JobFailure, type JobFailureCode, type JobState, type JobView } from '../wire/jobs.js';

export type { IngestOptions } from '../../ingestors/parser.js';
export { isJobFailureCode, JOB_FAILURE_CODES, JOB_STATES } from '../wire/jobs.js';
export type { IngestJobData, IngestJobResult, JobFailure, JobFailureCode, JobState, JobView, VulnerabilityMatches } from '../wire/jobs.js';

export interface EnqueueOptions {
  /** Accept the job whatever the backlog (recovery work the service owes, not a new upload). */
  ignoreCaps?: boolean;
}

export interface RunningJob {
  id: string;
  data: IngestJobData;
  /** 1-based attempt number. */
  attempt: number;
  updateProgress(percent: number): Promise<void>;
}

export type JobProcessor = (job: RunningJob) => Promise<IngestJobResult>;

export interface WorkerHandle {
  /** Stop taking jobs; wait for in-flight ones (or release them when `force`). */
  close(force?: boolean): Promise<void>;
}

/**
 * How much accepted work a queue holds before it refuses more: jobs not yet
 * finished (waiting, delayed for a retry, or running) and the bytes of their
 * documents. An empty queue always takes one job, however large.
 */
export interface QueueCaps {
  /** SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS */
  maxWaitingJobs: number;
  /** SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES */
  maxWaitingBytes: number;
}

/** Jobs accepted and not finished, and the bytes of their documents. */
export interface QueueBacklog {
  jobs: number;
  bytes: number;
}

/** Seconds a refused client is told to wait: long enough for a few jobs to finish, short enough to keep a CLI moving. */
export const QUEUE_FULL_RETRY_AFTER_SECONDS = 5;

/** Thrown by enqueue() and checkRoom() when the backlog is at its cap; the API answers 503 with Retry-After. */
export class QueueFullError extends SupplygraphError<'QUEUE_FULL'> {
  readonly retryAfterSeconds = QUEUE_FULL_RETRY_AFTER_SECONDS;
  constructor(readonly backlog: QueueBacklog, readonly caps: QueueCaps, readonly byteSize: number) {
    const byJobs = backlog.jobs + 1 > caps.maxWaitingJobs;
    super('QUEUE_FULL', byJobs
      ? `the ingest queue is full: ${backlog.jobs} jobs are not yet finished (limit ${caps.maxWaitingJobs}, SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS); retry after ${QUEUE_FULL_RETRY_AFTER_SECONDS} s (Retry-After) — the CLI does so by itself`
      : `the ingest queue is full: unfinished jobs hold ${backlog.bytes} bytes and this upload (${byteSize} bytes) would pass the limit of ${caps.maxWaitingBytes} bytes (SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES); retry after ${QUEUE_FULL_RETRY_AFTER_SECONDS} s (Retry-After) — the CLI does so by itself`, { transient: true });
  }
}

/** Throws QueueFullError when one more job of `byteSize` bytes would pass the caps. */
export function assertRoom(backlog: QueueBacklog, caps: QueueCaps | null, byteSize: number): void {
  if (!caps || backlog.jobs === 0) return;
  if (backlog.jobs + 1 > caps.maxWaitingJobs || backlog.bytes + byteSize > caps.maxWaitingBytes) throw new QueueFullError(backlog, caps, byteSize);
}

/**
 * Why a job is failed without running again: the process died while running it
 * on every attempt it had (a document that crashes the worker must not crash-loop it).
 */
export function attemptsExhausted(attempts: number, maxAttempts: number, lastStartedAt: string | null): JobFailure {
  return {
    code: 'ATTEMPTS_EXHAUSTED',
    message: `ATTEMPTS_EXHAUSTED: the process died while running this job, on attempt ${attempts} of ${maxAttempts}${lastStartedAt ? ` (last started at ${lastStartedAt})` : ''}; it is not run again. The document may crash the worker: check it before uploading it again`,
    transient: false,
  };
}

export interface JobQueue {
  readonly kind: 'memory' | 'bullmq';
  /** The backlog limits, or null when uploads are never refused. */
  readonly caps: QueueCaps | null;
  /** Throws QueueFullError when the queue has no room for one more job of `byteSize` bytes (a cheap check before reading an upload). */
  checkRoom(byteSize: number): Promise<void>;
  backlog(): Promise<QueueBacklog>;
  /** Throws QueueFullError when the queue is at its caps. */
  enqueue(data: IngestJobData, options?: EnqueueOptions): Promise<JobView>;
  get(id: string): Promise<JobView | null>;
  list(state: JobState, page: { offset: number; limit: number }): Promise<JobView[]>;
  counts(): Promise<Record<JobState, number>>;
  startWorker(processor: JobProcessor, options: { concurrency: number }): WorkerHandle;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by processors; `transient` decides retry versus fail-now. */
export class JobError extends SupplygraphError<JobFailureCode> {
  constructor(code: JobFailureCode, message: string, transient: boolean, options?: { cause?: unknown }) {
    super(code, message, { transient, cause: options?.cause });
  }
}

/**
 * What a job's status says of a thrown error. A coded error whose code a job may
 * carry keeps it; anything else reached the queue unclassified, which is a bug in
 * the processor: INTERNAL_ERROR, permanent, with a foreign code (an errno such
 * as `EIO`) kept at the front of the message.
 */
export function toJobFailure(err: unknown): JobFailure {
  if (err instanceof SupplygraphError && isJobFailureCode(err.code)) return { code: err.code, message: err.message, transient: err.transient };
  const message = err instanceof Error ? err.message : String(err);
  const foreign = (err as { code?: unknown } | null)?.code;
  return { code: 'INTERNAL_ERROR', message: typeof foreign === 'string' ? `${foreign}: ${message}` : message, transient: false };
}

export function backoffDelay(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
