/**
 * Where an importer remembers what it has done, so a run after a crash
 * continues where the last one stopped and a run after a finished one fetches
 * only what changed. Embedded deployments keep it in the data directory,
 * production ones in Redis (next to the queue), behind this one interface.
 */
export type RunOutcome = 'succeeded' | 'failed' | 'aborted';

export interface EntryFailureRecord {
  entry: string;
  code: string;
  message: string;
}

export interface RunRecord {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunOutcome | null;
  seen: number;
  new: number;
  failed: number;
  /** The first failures of the run (at most MAX_RECORDED_FAILURES). */
  failures: EntryFailureRecord[];
  error: { code: string; message: string } | null;
}

export interface ImporterStatusRecord {
  lastRun: RunRecord | null;
  lastError: { code: string; message: string; at: string } | null;
  /** What the importer was when it last ran (an ad-hoc importer has no entry in the file). */
  definition?: { kind: string; source: string };
  /** Conditional-GET validators and watermarks of the last finished run, by key (e.g. a feed URL). */
  cursor: Record<string, string>;
}

export const MAX_RECORDED_FAILURES = 50;

export function emptyStatus(): ImporterStatusRecord {
  return { lastRun: null, lastError: null, cursor: {} };
}

export interface ImporterStateStore {
  readStatus(importer: string): Promise<ImporterStatusRecord>;
  writeStatus(importer: string, status: ImporterStatusRecord): Promise<void>;
  /** Entry id → fingerprint (its `modified`, hash, …) of every entry imported so far. */
  readEntries(importer: string): Promise<Map<string, string>>;
  /** Recorded as soon as the entry is enqueued: a crash after it does not import it again. */
  recordEntry(importer: string, entry: string, fingerprint: string): Promise<void>;
  /** After a finished run: keep one record per entry (an append-only record grows with every update otherwise). */
  compactEntries(importer: string, entries: ReadonlyMap<string, string>): Promise<void>;
  close(): Promise<void>;
}
