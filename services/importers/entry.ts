/**
 * What an importer kind produces: the entries of a feed, each with a stable id
 * and a fingerprint (its `modified` date, release time or hash). An entry whose
 * fingerprint is the one recorded for its id was imported already and is not
 * loaded again; that is what makes a run incremental and a rerun after a crash
 * continue without duplicates.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { ImporterDefinition } from './config.js';
import { EntryError } from './errors.js';

export interface ImportEntry {
  id: string;
  fingerprint: string;
  /** The name the ingest job records (as an upload's `filename`). */
  fileName: string;
  /** The document's bytes, verified; null when a filter (TLP) leaves it out. Throws EntryError. */
  load(): Promise<Buffer | null>;
}

export type ImportItem = { entry: ImportEntry } | { failure: EntryError };

export interface KindContext {
  definition: ImporterDefinition;
  /** The cursor the last finished run left (validators, watermarks). */
  cursor: Readonly<Record<string, string>>;
  /** Filled in by the kind; saved only when the run finishes, so a crashed run is redone from the old cursor. */
  nextCursor: Record<string, string>;
  /** SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES: the most one feed file or entry may be. */
  maxBytes: number;
  signal: AbortSignal;
  log: Logger;
}

export type ImporterKindRunner = (ctx: KindContext) => AsyncIterable<ImportItem>;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON of one entry, or the entry's failure with the parser's own words (position of a truncation). */
export function parseEntryJson(bytes: Buffer, entry: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new EntryError('ENTRY_NOT_JSON', entry, `not valid JSON (${(err as Error).message}); the file is truncated or corrupt`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EntryError('ENTRY_INVALID', entry, 'is JSON but not an object');
  return value as Record<string, unknown>;
}

/** Wraps a failure that is not yet an EntryError (an unreadable file, a refused GET) as this entry's. */
export function asEntryError(err: unknown, entry: string): EntryError {
  if (err instanceof EntryError) return err;
  return new EntryError('ENTRY_UNREADABLE', entry, (err as Error).message);
}
