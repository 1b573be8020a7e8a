/** What crosses between the parse pool and its worker threads (structured clone). */
import type { IngestErrorCode } from '../parser.js';
import type { ParsedDocument, ParseRequest } from './parse-document.js';

export interface ParseTask {
  id: number;
  raw: Uint8Array;
  request: ParseRequest;
}

/** An error flattened to data: class instances lose their prototype and own fields in a structured clone. */
export interface ParseFailure {
  /** An IngestError's code, or null for anything else (a bug, reported as such). */
  code: IngestErrorCode | null;
  /** The message without the position suffix. */
  message: string;
  at?: string;
}

export type ParseReply =
  | { id: number; ok: true; result: ParsedDocument }
  | { id: number; ok: false; failure: ParseFailure };
