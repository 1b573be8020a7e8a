/**
 * The embedded store's redo log: one line per document whose processing
 * finished (and per document deleted), appended after the graph committed it.
 * The graph is derived from the stored documents; this log says which ones and
 * with what options, in order, so that after a crash the embedded store can be
 * rolled back to a checkpoint (or discarded) and brought forward again by
 * replaying documents (replay.ts) — without trusting the engine's own recovery.
 *
 * Appends are single `write`s of one line to a file opened in append mode, so a
 * crash leaves at most a torn last line, which reading skips.
 */
import { appendFile, readFile, writeFile, rename } from 'node:fs/promises';
import type { IngestOptions } from '../queue/job-queue.js';

export interface DocumentLogIngested {
  op: 'ingested';
  documentKey: string;
  blobDigest: string;
  byteSize: number;
  fileName: string | null;
  options: IngestOptions;
  /** When the document was first processed; a replay keeps it (Document.ingestedAt). */
  ingestedAt: string;
  /** Labels given with the upload (merged into the document's labels). */
  labels?: Record<string, string>;
}

export interface DocumentLogLabelled {
  op: 'labelled';
  documentKey: string;
  /** The document's whole label set from now on. */
  labels: Record<string, string>;
}

export interface DocumentLogDeleted {
  op: 'deleted';
  documentKey: string;
  at: string;
}

export type DocumentLogEntry = DocumentLogIngested | DocumentLogDeleted | DocumentLogLabelled;

export class DocumentLog {
  constructor(readonly file: string) {}

  async append(entry: DocumentLogEntry): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(entry)}\n`);
  }

  /** false when the store predates the log (or is new). */
  async exists(): Promise<boolean> {
    return (await this.readText()) !== null;
  }

  /**
   * The documents the graph must hold, in the order they were first finished:
   * a document deleted after it was ingested is gone; one ingested again keeps
   * its first position and first ingest time; `labels` is the label set the
   * document has now (upload labels merged, later relabelling applied).
   */
  async documents(): Promise<DocumentLogIngested[]> {
    const text = await this.readText();
    if (text === null) return [];
    const live = new Map<string, DocumentLogIngested>();
    for (const line of text.split('\n')) {
      const entry = parseLine(line);
      if (!entry) continue;
      const known = live.get(entry.documentKey);
      if (entry.op === 'deleted') live.delete(entry.documentKey);
      else if (entry.op === 'labelled') { if (known) known.labels = { ...entry.labels }; }
      else if (!known) live.set(entry.documentKey, { ...entry, labels: { ...(entry.labels ?? {}) } });
      else if (entry.labels) known.labels = { ...known.labels, ...entry.labels };
    }
    return [...live.values()];
  }

  /** Writes the log from scratch (a store that predates it); atomic by rename. */
  async replaceWith(entries: readonly DocumentLogIngested[]): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await rename(tmp, this.file);
  }

  private async readText(): Promise<string | null> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}

function parseLine(line: string): DocumentLogEntry | null {
  if (line.trim() === '') return null;
  try {
    const v = JSON.parse(line) as Partial<DocumentLogEntry>;
    if (typeof v.documentKey !== 'string') return null;
    if (v.op === 'deleted') return v as DocumentLogDeleted;
    if (v.op === 'labelled' && typeof v.labels === 'object' && v.labels !== null) return v as DocumentLogLabelled;
    if (v.op === 'ingested' && typeof v.blobDigest === 'string' && typeof v.ingestedAt === 'string') return v as DocumentLogIngested;
    return null;
  } catch {
    // A line torn by a crash mid-append: the job it belongs to was not acknowledged and runs again.
    return null;
  }
}
