/**
 * The ingest job as it travels: what the queue stores, what GET /api/v1/jobs
 * serves and what the CLI reads. One definition, imported by the queue, the
 * API and the CLI, so the sides cannot drift apart.
 */
import type { IngestWarning } from '../../schema/ontology/batch.js';
import { INGEST_ERROR_CODES, type IngestOptions } from '../../ingestors/parser.js';
import { GRAPH_ERROR_CODES } from '../graph/store.js';

export type { IngestWarning } from '../../schema/ontology/batch.js';

export interface IngestTimings {
  readMs: number;
  parseMs: number;
  writeMs: number;
  totalMs: number;
}

/** AFFECTS edges one document added or replaced. */
export interface VulnerabilityMatches {
  edgesAdded: number;
  edgesRemoved: number;
  unknown: number;
}

export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';
export const JOB_STATES: readonly JobState[] = ['waiting', 'active', 'delayed', 'completed', 'failed'];

export interface IngestJobData {
  /** `sha256:<hex>` of the uploaded bytes in the blob store. */
  blobDigest: string;
  byteSize: number;
  fileName: string | null;
  submittedAt: string;
  options: IngestOptions;
  /** A document processed again from the embedded store's document log after a crash (services/recovery): its first ingest time, kept. */
  ingestedAt?: string;
  /** true for such a replay (shown in the job list; never refused by the queue caps). */
  replay?: boolean;
  /** Labels given at upload (`label.<k>=<v>`), stored on the Document; not a parse option. */
  labels?: Record<string, string>;
}

export interface IngestJobResult {
  /** `written`: this job stored the document's facts; `already-ingested`: they were stored before. */
  status: 'written' | 'already-ingested';
  /** true when the document was stored but left unfinished (a crash or failure after the write) and this job finished it. */
  resumed?: boolean;
  documentKey: string;
  /** The ingest time the document was processed with (Document.ingestedAt when this job wrote it). */
  ingestedAt: string;
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
  vulnerabilityMatches: VulnerabilityMatches;
  timings: IngestTimings;
}

/** Failures the worker and the queue report themselves (not the document's, not the graph's). */
export const WORKER_FAILURE_CODES = [
  // The stored document is not visible to this worker (yet): retried.
  'BLOB_NOT_FOUND',
  // A full disk, a refused or reset connection: the machine's state, retried.
  'INFRASTRUCTURE_UNAVAILABLE',
  // A bug: permanent, and logged with its stack.
  'INTERNAL_ERROR',
  // The process died while running this job on every attempt it had.
  'ATTEMPTS_EXHAUSTED',
  // BullMQ gave up on a job whose worker kept dying (its own text, kept as the message).
  'JOB_STALLED',
] as const;

/** Every code a failed job's status can carry (docs/architecture.md#error-codes). */
export const JOB_FAILURE_CODES = [...INGEST_ERROR_CODES, ...GRAPH_ERROR_CODES, ...WORKER_FAILURE_CODES] as const;
export type JobFailureCode = (typeof JOB_FAILURE_CODES)[number];

const JOB_FAILURE_CODE_SET: ReadonlySet<string> = new Set(JOB_FAILURE_CODES);
export function isJobFailureCode(value: unknown): value is JobFailureCode {
  return typeof value === 'string' && JOB_FAILURE_CODE_SET.has(value);
}

export interface JobFailure {
  code: JobFailureCode;
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

/** 202 answer of POST /api/v1/documents. */
export interface UploadAccepted {
  jobId: string;
  blobDigest: string;
  byteSize: number;
  statusUrl: string;
}
