/**
 * The ingest queue contract. Two implementations: in-process (embedded
 * default, job records kept under the data dir) and BullMQ on Redis
 * (production). Jobs carry only a blob digest and options, never the document.
 */
import type { IngestWarning } from '../../schema/ontology/batch.js';

export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';
export const JOB_STATES: readonly JobState[] = ['waiting', 'active', 'delayed', 'completed', 'failed'];

export interface IngestJobData {
  /** `sha256:<hex>` of the uploaded bytes in the blob store. */
  blobDigest: string;
  byteSize: number;
  fileName: string | null;
  submittedAt: string;
  options: IngestOptions;
}

export interface IngestOptions {
  /** Force a format instead of detecting it from content. */
  format?: string;
  validate?: 'lenient' | 'strict';
  /** Free-form facts from the producer (e.g. a model's name or purl for a signature). */
  metadata?: Record<string, string>;
}

export interface IngestJobResult {
  status: 'written' | 'already-ingested';
  documentKey: string;
  format: string;
  kind: string;
  /** What the document asserted (after de-duplication inside the document). */
  nodes: number;
  edges: number;
  /** What was new to the graph. */
  nodesCreated: number;
  edgesCreated: number;
  warnings: IngestWarning[];
  /** AFFECTS edges this document added or replaced (advisories and SBOMs). */
  vulnerabilityMatches: { edgesAdded: number; edgesRemoved: number; unknown: number };
  timings: { readMs: number; parseMs: number; writeMs: number; totalMs: number };
}

export interface JobFailure {
  code: string;
  message: string;
  /** Transient failures are retried with backoff; permanent ones fail at once. */
  transient: boolean;
}

export interface JobView {
  id: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  /** 0–100. */
  progress: number;
  data: IngestJobData;
  result: IngestJobResult | null;
  failure: JobFailure | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
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

export interface JobQueue {
  readonly kind: 'memory' | 'bullmq';
  enqueue(data: IngestJobData): Promise<JobView>;
  get(id: string): Promise<JobView | null>;
  list(state: JobState, page: { offset: number; limit: number }): Promise<JobView[]>;
  counts(): Promise<Record<JobState, number>>;
  startWorker(processor: JobProcessor, options: { concurrency: number }): WorkerHandle;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by processors; `transient` decides retry versus fail-now. */
export class JobError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JobError';
  }
}

export function toJobFailure(err: unknown): JobFailure {
  if (err instanceof JobError) return { code: err.code, message: err.message, transient: err.transient };
  const e = err as { code?: unknown; message?: unknown; transient?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : 'INTERNAL_ERROR',
    message: typeof e?.message === 'string' ? e.message : String(err),
    transient: e?.transient === true,
  };
}

export function backoffDelay(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
