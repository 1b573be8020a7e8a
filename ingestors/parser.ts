/**
 * What every format ingestor implements (GUAC's parser interface): recognise
 * a document from its content, and turn it into one OntologyBatch. Parsers are
 * pure: no database, no network, no clock except `ingestedAt` passed in.
 */
import type { DocumentKind } from '../schema/ontology/nodes.js';
import type { OntologyBatch } from '../schema/ontology/batch.js';
import type { TrustPolicy } from '../verify/index.js';
import { SupplygraphError } from '../schema/errors/supplygraph-error.js';

/** What a producer may say about a document besides its bytes; carried by the ingest job to the parser. */
export interface IngestOptions {
  /** Force a format instead of detecting it from content. */
  format?: string;
  validate?: 'lenient' | 'strict';
  /** Free-form facts from the producer (e.g. a model's name or purl for a signature). */
  metadata?: Record<string, string>;
}

export interface DocumentInput {
  /** The decoded document bytes (after decompression). */
  bytes: Buffer;
  /** sha256 hex of `bytes`: the document's identity. */
  sha256: string;
  /** Parsed JSON when the document is JSON (parsed once, shared by all detectors). */
  json: unknown;
  /** UTF-8 text when the document is not JSON (XML, tag-value, YAML). */
  text: string | null;
  options: IngestOptions;
  ingestedAt: string;
  /**
   * Inputs that are not in the document but decide what it means. Passed in, never
   * looked up, so parsers stay pure: the trust policy for signatures.
   */
  context?: ParseContext;
}

export interface ParseContext {
  trustPolicy: TrustPolicy;
}

export interface DocumentParser {
  /** Stable format id, e.g. `cyclonedx-json`. */
  readonly format: string;
  readonly kind: DocumentKind;
  /** Cheap content check; no parser may claim a document another format owns. */
  detect(input: DocumentInput): boolean;
  parse(input: DocumentInput): OntologyBatch | Promise<OntologyBatch>;
}

export const INGEST_ERROR_CODES = [
  'PARSE_ERROR',
  'UNSUPPORTED_FORMAT',
  'INVALID_DOCUMENT',
  'DOCUMENT_TOO_LARGE',
  'DECOMPRESSION_LIMIT',
  'DECOMPRESSION_FAILED',
  'SCHEMA_VIOLATION',
  'SIGNATURE_INVALID',
  // Over a parse limit: nesting depth, or the parse process's memory (ingestors/isolation).
  'DOCUMENT_TOO_COMPLEX',
  // The parse process ran past SUPPLYGRAPH_PARSE_TIMEOUT_MS and was stopped.
  'PARSE_TIMEOUT',
] as const;
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/** A problem with the document itself: permanent, never retried. */
export class IngestError extends SupplygraphError<IngestErrorCode> {
  constructor(
    code: IngestErrorCode,
    message: string,
    /** JSON pointer, line:column or byte offset of the problem. */
    readonly at?: string,
  ) {
    super(code, at ? `${message} (at ${at})` : message);
  }
}
