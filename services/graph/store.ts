/**
 * The graph store contract both engines implement. Everything above this line
 * (worker, API, matching) talks to a GraphStore and never to an engine driver.
 */
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import type { CypherDialect } from './dialect.js';
import type { DocumentState } from '../../schema/ontology/nodes.js';
import type { DocumentDeletion } from './derived/document-deletion.js';
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

export type EngineName = 'kuzu' | 'neo4j';

export type QueryParams = Record<string, unknown>;

export interface ReadOptions {
  /** Abort the query after this long (Neo4j transaction timeout / Kuzu interrupt). */
  timeoutMs?: number;
}

export interface WriteResult {
  status: 'written' | 'already-ingested';
  /** For `already-ingested`: how far that earlier write got (a `written` document still needs its derived facts). */
  documentState?: DocumentState;
  nodesCreated: number;
  edgesCreated: number;
  /** For `written`: an interrupted chunked write of this document (state `writing`) was redone. */
  resumed?: boolean;
  /** How long the graph write took; 0 when skipped. */
  durationMs: number;
}

export interface GraphCounts {
  nodes: number;
  edges: number;
  byLabel: Record<string, number>;
  byEdgeType: Record<string, number>;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * What opening the store did about an unclean shutdown of the process before.
 * Only the embedded engine reports one: Neo4j recovers its own transactions.
 * `discarded` means the graph is rebuilt from the document log (services/recovery).
 */
export interface StoreRecovery {
  action: 'none' | 'discarded';
  reason: string;
  discardedBytes: number;
}

export interface GraphStore {
  readonly engine: EngineName;
  readonly dialect: CypherDialect;
  readonly recovery?: StoreRecovery;
  /** Apply pending migrations from migrations/<engine>/, each once. */
  migrate(): Promise<MigrationReport>;
  /** Write one document's batch atomically and idempotently (a document already written is skipped). */
  writeBatch(batch: OntologyBatch): Promise<WriteResult>;
  /** Run a read-only parameterised query. */
  read<T = Record<string, unknown>>(cypher: string, params?: QueryParams, options?: ReadOptions): Promise<T[]>;
  /**
   * Run a parameterised write outside the per-document batch protocol (derived facts such as
   * computed matches). The statements run in order, atomically where the engine allows.
   */
  write(statements: ReadonlyArray<{ cypher: string; params?: QueryParams }>): Promise<void>;
  /**
   * Retract one document atomically: its asserted edges, its record, and every node no other
   * document still asserts (services/graph/derived/document-deletion.ts). `not-found` when absent.
   */
  deleteDocument(key: string): Promise<DocumentDeletion>;
  counts(): Promise<GraphCounts>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const GRAPH_ERROR_CODES = ['GRAPH_UNAVAILABLE', 'GRAPH_QUERY_FAILED', 'GRAPH_TIMEOUT', 'GRAPH_OUT_OF_MEMORY', 'GRAPH_MIGRATION_FAILED', 'GRAPH_WRITE_CONFLICT', 'GRAPH_WRITE_FAILED'] as const;
export type GraphErrorCode = (typeof GRAPH_ERROR_CODES)[number];

/**
 * Transient errors are retried by the queue; the rest fail the job. A timeout is the
 * engine's state (load, a checkpoint, a lock), not the document's: retried too.
 */
const TRANSIENT_GRAPH_CODES: ReadonlySet<GraphErrorCode> = new Set(['GRAPH_UNAVAILABLE', 'GRAPH_WRITE_CONFLICT', 'GRAPH_TIMEOUT']);

export class GraphError extends SupplygraphError<GraphErrorCode> {
  constructor(code: GraphErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, transient: TRANSIENT_GRAPH_CODES.has(code) });
  }
}
