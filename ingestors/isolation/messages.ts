/**
 * What crosses between the parse pool and its worker threads.
 *
 * A batch is sent as JSON text in chunks rather than as one structured clone:
 * for a 65 MB SBOM (375,000 nodes, 750,000 edges) structured clone cost about
 * three times JSON's, and its deserialisation would hold the main thread for
 * seconds in one piece. Text crosses threads as a flat copy; the main thread
 * parses it a chunk at a time, letting the event loop run between chunks.
 */
import type { EdgeRecord, NodeRecord, OntologyBatch } from '../../schema/ontology/batch.js';
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

/** A ParsedDocument with its nodes and edges as chunks of JSON arrays. */
export interface EncodedParse extends Omit<ParsedDocument, 'batch'> {
  document: OntologyBatch['document'];
  warnings: OntologyBatch['warnings'];
  nodeChunks: string[];
  edgeChunks: string[];
}

export type ParseReply =
  /** Sent once the thread has loaded every parser: time limits start from here, not from thread start-up. */
  | { ready: true }
  | { ready?: never; id: number; ok: true; result: EncodedParse }
  | { ready?: never; id: number; ok: false; failure: ParseFailure };

/** Records per chunk: each chunk parses in tens of milliseconds on the main thread. */
const CHUNK = 10_000;

export function encodeParse(parsed: ParsedDocument): EncodedParse {
  const { batch, ...rest } = parsed;
  return { ...rest, document: batch.document, warnings: batch.warnings, nodeChunks: chunks(batch.nodes), edgeChunks: chunks(batch.edges) };
}

function chunks(records: readonly unknown[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < records.length; i += CHUNK) out.push(JSON.stringify(records.slice(i, i + CHUNK)));
  return out;
}

/** Rebuilds the batch, yielding to the event loop between chunks. */
export async function decodeParse(encoded: EncodedParse, yieldToEventLoop: () => Promise<unknown>): Promise<ParsedDocument> {
  const { document, warnings, nodeChunks, edgeChunks, ...rest } = encoded;
  const nodes: NodeRecord[] = [];
  const edges: EdgeRecord[] = [];
  for (const [texts, into] of [[nodeChunks, nodes], [edgeChunks, edges]] as const) {
    for (let i = 0; i < texts.length; i++) {
      for (const r of JSON.parse(texts[i]!) as Array<NodeRecord & EdgeRecord>) into.push(r);
      texts[i] = '';
      await yieldToEventLoop();
    }
  }
  return { ...rest, batch: { document, nodes, edges, warnings } };
}
