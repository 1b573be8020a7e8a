/**
 * What crosses between the parse pool and its parse processes.
 *
 * A batch comes back as JSON text, one chunk of CHUNK nodes or edges per
 * message, each sent only when the main process asks for it. Structured clone
 * of a 65 MB SBOM's batch (375,000 nodes, 750,000 edges) cost about 1.3 to 3
 * times what JSON did, and arrived as one message whose deserialisation held
 * the main thread for seconds. Pulled chunks keep every step on the main
 * process to tens of milliseconds, with the event loop free in between.
 */
import type { EdgeRecord, NodeRecord, OntologyBatch } from '../../schema/ontology/batch.js';
import type { IngestErrorCode } from '../parser.js';
import type { ParsedDocument, ParseRequest } from './parse-document.js';

export interface ParseTask {
  id: number;
  raw: Uint8Array;
  request: ParseRequest;
}

/** Main → child: send chunk `index` of the batch of document `pull`. */
export interface ChunkRequest {
  pull: number;
  index: number;
}

/** An error flattened to data: class instances lose their prototype and own fields in a structured clone. */
export interface ParseFailure {
  /** An IngestError's code, or null for anything else (a bug, reported as such). */
  code: IngestErrorCode | null;
  /** The message without the position suffix. */
  message: string;
  at?: string;
}

/** A ParsedDocument without its nodes and edges, which follow as chunks. */
export interface ParseHeader extends Omit<ParsedDocument, 'batch'> {
  document: OntologyBatch['document'];
  warnings: OntologyBatch['warnings'];
  nodeChunks: number;
  edgeChunks: number;
}

export type ParseReply =
  /** Sent once the child has loaded every parser: time limits start from here, not from process start-up. */
  | { ready: true }
  | { ready?: never; id: number; ok: true; header: ParseHeader }
  | { ready?: never; id: number; ok: false; failure: ParseFailure }
  | { ready?: never; id: number; ok?: never; index: number; json: string };

/** Records per chunk: each chunk parses in tens of milliseconds on the main process. */
export const CHUNK = 10_000;

export function headerOf(parsed: ParsedDocument): ParseHeader {
  const { batch, ...rest } = parsed;
  return { ...rest, document: batch.document, warnings: batch.warnings, nodeChunks: Math.ceil(batch.nodes.length / CHUNK), edgeChunks: Math.ceil(batch.edges.length / CHUNK) };
}

/** Chunk `index`: node chunks first, then edge chunks. */
export function chunkJson(batch: OntologyBatch, index: number): string {
  const nodeChunks = Math.ceil(batch.nodes.length / CHUNK);
  const [records, i] = index < nodeChunks ? [batch.nodes, index] : [batch.edges, index - nodeChunks];
  return JSON.stringify(records.slice(i * CHUNK, (i + 1) * CHUNK));
}

/** Rebuilds the batch from its header and chunks fetched in order by `chunk`. */
export async function assemble(header: ParseHeader, chunk: (index: number) => Promise<string>): Promise<ParsedDocument> {
  const { document, warnings, nodeChunks, edgeChunks, ...rest } = header;
  const nodes: NodeRecord[] = [];
  const edges: EdgeRecord[] = [];
  for (let i = 0; i < nodeChunks + edgeChunks; i++) {
    const into: Array<NodeRecord | EdgeRecord> = i < nodeChunks ? nodes : edges;
    for (const r of JSON.parse(await chunk(i)) as Array<NodeRecord | EdgeRecord>) into.push(r);
  }
  return { ...rest, batch: { document, nodes, edges, warnings } };
}
