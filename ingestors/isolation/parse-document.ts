/**
 * Everything from a document's stored bytes to its OntologyBatch, in one pure
 * function: decompress, size check, identity (sha256), decode, detect, parse.
 * The parse pool (parse-pool.ts) runs it in a child process; nothing here
 * touches the database, the network or the clock.
 */
import { createHash } from 'node:crypto';
import type { DocumentKind } from '../../schema/ontology/nodes.js';
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import type { TrustPolicy } from '../../verify/index.js';
import { decodeDocument } from '../common/decode.js';
import { decompressDocument } from '../common/decompress.js';
import { IngestError, type DocumentInput, type IngestOptions } from '../parser.js';
import { parserFor } from '../registry.js';

export interface DocumentLimits {
  /** SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES. */
  maxDecompressedBytes: number;
  /** SUPPLYGRAPH_MAX_NESTING_DEPTH; the decoder's default when absent. */
  maxNestingDepth?: number;
}

export interface ParseRequest {
  options: IngestOptions;
  ingestedAt: string;
  trustPolicy: TrustPolicy;
  limits: DocumentLimits;
}

export interface ParsedDocument {
  batch: OntologyBatch;
  /** The parser that read it (what the job result reports). */
  parser: { format: string; kind: DocumentKind };
  sha256: string;
  timings: { decompressMs: number; parseMs: number };
}

export async function parseStoredDocument(raw: Buffer, request: ParseRequest): Promise<ParsedDocument> {
  const t0 = performance.now();
  const limit = request.limits.maxDecompressedBytes;
  // Compressed uploads are stored as sent; the document (and its identity) is what they expand to.
  const { bytes } = await decompressDocument(raw, { maxDecompressedBytes: limit });
  if (bytes.byteLength > limit) {
    throw new IngestError('DOCUMENT_TOO_LARGE', `the document is ${bytes.byteLength} bytes, over the limit of ${limit} (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES)`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const t1 = performance.now();
  const decoded = decodeDocument(bytes, { maxNestingDepth: request.limits.maxNestingDepth });
  const input: DocumentInput = {
    bytes, sha256, json: decoded.json, text: decoded.text, options: request.options, ingestedAt: request.ingestedAt,
    context: { trustPolicy: request.trustPolicy },
  };
  const parser = parserFor(input);
  const batch = await parser.parse(input);
  if (decoded.warnings.length > 0) {
    // Not unshift(...): a document can carry more warnings than a call may take arguments.
    batch.warnings = [...decoded.warnings, ...batch.warnings];
    batch.document.warningCount = batch.warnings.length;
  }
  return { batch, parser: { format: parser.format, kind: parser.kind }, sha256, timings: { decompressMs: t1 - t0, parseMs: performance.now() - t1 } };
}
