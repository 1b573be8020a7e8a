/**
 * The production engine: Neo4j over Bolt. Each document is written in one
 * transaction; the Document node is MERGEd first, which takes the uniqueness
 * lock on its key, so two workers racing on the same document serialize and the
 * second sees it already complete. Nodes are MERGEd (index seeks on the
 * uniqueness constraints), asserted edges are CREATEd: a document's edges can
 * only be written once because its Document node guards them.
 * Transient failures (deadlocks, leader switches) are retried by the driver's
 * managed transactions; what still fails surfaces as a transient GraphError so
 * the queue retries the job.
 */
import { deleteDocumentFacts, type DocumentDeletion } from '../derived/document-deletion.js';
import { randomUUID } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { EDGE_TYPES } from '../../../schema/ontology/edges.js';
import { NODE_LABELS } from '../../../schema/ontology/nodes.js';
import { loadMigrations } from '../migrations.js';
import { chunk, edgeRowGroups, nodeRowGroups, type Row } from '../rows.js';
import type { DocumentState } from '../../../schema/ontology/nodes.js';
import { GraphError, type GraphCounts, type GraphStore, type MigrationReport, type QueryParams, type ReadOptions, type WriteResult } from '../store.js';
import { neo4jDialect } from './dialect.js';
import { needsChunks, writeChunks, type WriteChunk } from '../write-chunks.js';

export interface Neo4jStoreOptions {
  url: string;
  user?: string;
  password?: string;
  database?: string;
  defaultReadTimeoutMs?: number;
  /** How long the driver keeps retrying a transient transaction failure. */
  maxTransactionRetryMs?: number;
  /** Rows per transaction for a large document (SUPPLYGRAPH_WRITE_CHUNK_ROWS). */
  writeChunkRows?: number;
  /** How long a chunked write's claim holds without progress (SUPPLYGRAPH_WRITE_LEASE_MS). */
  writeLeaseMs?: number;
}

const ROWS_PER_STATEMENT = 5_000;
const DEFAULT_WRITE_CHUNK_ROWS = 100_000;
const DEFAULT_WRITE_LEASE_MS = 60_000;
/** Edges removed per transaction when an interrupted write is redone. */
const REMOVE_PER_TRANSACTION = 10_000;

/** A chunked write whose claim on its document passed to another writer (or was never its own). */
class ClaimLostError extends GraphError {
  constructor(documentKey: string) {
    super('GRAPH_WRITE_CONFLICT', `document ${documentKey} is being written by another worker (its claim is still live, or it took this one over)`);
  }
}

/** Neo4j's answers when a schema rule being created already exists (made by a concurrent process). */
const SCHEMA_RULE_EXISTS: ReadonlySet<string> = new Set([
  'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
  'Neo.ClientError.Schema.IndexAlreadyExists',
  'Neo.ClientError.Schema.ConstraintAlreadyExists',
]);

export class Neo4jGraphStore implements GraphStore {
  readonly engine = 'neo4j' as const;
  readonly dialect = neo4jDialect;

  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
    private readonly defaultReadTimeoutMs: number,
    private readonly writeChunkRows: number,
    private readonly writeLeaseMs: number,
  ) {}

  static async open(options: Neo4jStoreOptions): Promise<Neo4jGraphStore> {
    const auth = options.user ? neo4j.auth.basic(options.user, options.password ?? '') : undefined;
    const driver = neo4j.driver(options.url, auth, {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: options.maxTransactionRetryMs ?? 30_000,
      connectionAcquisitionTimeout: 20_000,
      logging: { level: 'error', logger: () => undefined },
    });
    const store = new Neo4jGraphStore(driver, options.database || undefined, options.defaultReadTimeoutMs ?? 30_000,
      options.writeChunkRows ?? DEFAULT_WRITE_CHUNK_ROWS, options.writeLeaseMs ?? DEFAULT_WRITE_LEASE_MS);
    return store;
  }

  async migrate(): Promise<MigrationReport> {
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    await this.runSchema('CREATE CONSTRAINT schema_migration_id IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.id IS UNIQUE');
    const done = new Set((await this.read<{ id: string }>('MATCH (m:SchemaMigration) RETURN m.id AS id')).map((r) => r.id));
    for (const m of await loadMigrations('neo4j')) {
      if (done.has(m.id)) {
        report.alreadyApplied.push(m.id);
        continue;
      }
      try {
        // Schema statements cannot share a transaction with data writes in Neo4j.
        for (const s of m.statements) await this.runSchema(s);
        await this.runSchema('MERGE (m:SchemaMigration {id: $id}) ON CREATE SET m.appliedAt = $at', { id: m.id, at: new Date().toISOString() });
      } catch (err) {
        throw this.wrap(err, `migration ${m.id} failed`);
      }
      report.applied.push(m.id);
    }
    await this.run('CALL db.awaitIndexes(120)');
    return report;
  }

  async writeBatch(batch: OntologyBatch): Promise<WriteResult> {
    if (needsChunks(batch.nodes.length + batch.edges.length, this.writeChunkRows)) return this.writeChunked(batch);
    const whole = await this.writeWhole(batch);
    // Left `writing` by an interrupted chunked write (perhaps under another chunk size): redone, never reported present.
    return whole.status === 'already-ingested' && whole.documentState === 'writing' ? this.writeChunked(batch) : whole;
  }

  private async writeWhole(batch: OntologyBatch): Promise<WriteResult> {
    const started = performance.now();
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(async (tx) => {
        const nonce = randomUUID();
        const head = await tx.run(
          'MERGE (d:Document {key: $key}) ON CREATE SET d.writeNonce = $nonce RETURN d.writeNonce = $nonce AS mine, d.state AS state',
          { key: batch.document.key, nonce },
        );
        if (head.records[0]?.get('mine') !== true) {
          const documentState = (head.records[0]?.get('state') as DocumentState | null) ?? 'complete';
          return { status: 'already-ingested' as const, documentState, nodesCreated: 0, edgesCreated: 0, durationMs: 0 };
        }

        const { nodesCreated, edgesCreated } = await writeRows(tx, { nodes: nodeRowGroups(batch), edges: edgeRowGroups(batch) });
        const doc = stripNulls([{ ...batch.document, state: 'written' }])[0];
        await tx.run('MATCH (d:Document {key: $key}) SET d += $doc REMOVE d.writeNonce', { key: batch.document.key, doc });
        return { status: 'written' as const, nodesCreated: nodesCreated + 1, edgesCreated, durationMs: performance.now() - started };
      });
    } catch (err) {
      throw this.wrap(err, `writing document ${batch.document.key} failed`);
    } finally {
      await session.close();
    }
  }

  /**
   * A large document in transactions of at most `writeChunkRows` rows, so no transaction
   * needs more than Neo4j's default transaction memory. The Document node is committed
   * first in state `writing` with this writer's nonce and a lease (server time), which
   * every chunk renews in the same transaction that writes it; only the last step makes
   * it `written`. A writer that dies leaves the document `writing`: once its lease has
   * run out, the next attempt takes the claim over, removes the edges the document had
   * asserted and writes every chunk again (nodes are MERGEd, so those present stay). A
   * live claim held by someone else is a transient conflict: the job is retried later.
   */
  private async writeChunked(batch: OntologyBatch): Promise<WriteResult> {
    const started = performance.now();
    const key = batch.document.key;
    const nonce = randomUUID();
    const lease = this.writeLeaseMs;
    const claim = await this.inWrite(async (tx) => {
      const r = await tx.run(
        'MERGE (d:Document {key: $key}) ON CREATE SET d += $doc, d.writeNonce = $nonce, d.writeLeaseUntil = timestamp() + $lease ' +
        // Only ON CREATE can have set this call's fresh nonce yet.
        "WITH d, d.writeNonce = $nonce AS created, d.state AS state, coalesce(d.writeLeaseUntil, 0) < timestamp() AS expired " +
        "FOREACH (_ IN CASE WHEN NOT created AND state = 'writing' AND expired THEN [1] ELSE [] END | SET d.writeNonce = $nonce, d.writeLeaseUntil = timestamp() + $lease) " +
        'RETURN created, state, d.writeNonce = $nonce AS mine',
        { key, nonce, lease: neo4j.int(lease), doc: stripNulls([{ ...batch.document, state: 'writing' }])[0] },
      );
      const rec = r.records[0]!;
      return { created: rec.get('created') === true, state: (rec.get('state') as DocumentState | null) ?? 'complete', mine: rec.get('mine') === true };
    });
    if (claim.state !== 'writing') return { status: 'already-ingested', documentState: claim.state, nodesCreated: 0, edgesCreated: 0, durationMs: 0 };
    if (!claim.mine) throw new ClaimLostError(key);
    const renew = async (tx: ManagedTransaction): Promise<void> => {
      const r = await tx.run('MATCH (d:Document {key: $key}) WHERE d.writeNonce = $nonce SET d.writeLeaseUntil = timestamp() + $lease RETURN count(d) AS n', { key, nonce, lease: neo4j.int(lease) });
      if (Number(r.records[0]?.get('n') ?? 0) !== 1) throw new ClaimLostError(key);
    };
    if (!claim.created) {
      for (const t of EDGE_TYPES) {
        if (t === 'HAS_VERSION') continue;
        for (;;) {
          const removed = await this.inWrite(async (tx) => {
            await renew(tx);
            const r = await tx.run(`MATCH ()-[r:${t}]->() WHERE r.doc = $key WITH r LIMIT ${REMOVE_PER_TRANSACTION} DELETE r RETURN count(*) AS n`, { key });
            return Number(r.records[0]?.get('n') ?? 0);
          });
          if (removed < REMOVE_PER_TRANSACTION) break;
        }
      }
    }
    let nodesCreated = claim.created ? 1 : 0;
    let edgesCreated = 0;
    for (const part of writeChunks(nodeRowGroups(batch), edgeRowGroups(batch), this.writeChunkRows)) {
      const counts = await this.inWrite(async (tx) => {
        await renew(tx);
        return writeRows(tx, part);
      });
      nodesCreated += counts.nodesCreated;
      edgesCreated += counts.edgesCreated;
    }
    await this.inWrite(async (tx) => {
      await renew(tx);
      const doc = stripNulls([{ ...batch.document, state: 'written' }])[0];
      await tx.run('MATCH (d:Document {key: $key}) SET d += $doc REMOVE d.writeNonce, d.writeLeaseUntil', { key, doc });
    });
    return { status: 'written', resumed: !claim.created, nodesCreated, edgesCreated, durationMs: performance.now() - started };
  }

  private async inWrite<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } catch (err) {
      throw this.wrap(err, 'writing a chunk failed');
    } finally {
      await session.close();
    }
  }

  async read<T = Record<string, unknown>>(cypher: string, params: QueryParams = {}, options: ReadOptions = {}): Promise<T[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(cypher, params), { timeout: options.timeoutMs ?? this.defaultReadTimeoutMs });
      return result.records.map((r) => r.toObject() as T);
    } catch (err) {
      throw this.wrap(err, 'query failed');
    } finally {
      await session.close();
    }
  }

  async write(statements: ReadonlyArray<{ cypher: string; params?: QueryParams }>): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite(async (tx: ManagedTransaction) => {
        for (const s of statements) await tx.run(s.cypher, s.params ?? {});
      });
    } catch (err) {
      throw this.wrap(err, 'write failed');
    } finally {
      await session.close();
    }
  }

  async deleteDocument(key: string): Promise<DocumentDeletion> {
    return deleteDocumentFacts(this, key, { lockCandidates: true });
  }

  async counts(): Promise<GraphCounts> {
    const byLabel: Record<string, number> = {};
    const byEdgeType: Record<string, number> = {};
    for (const l of NODE_LABELS) byLabel[l] = Number((await this.read<{ c: number }>(`MATCH (n:${l}) RETURN count(n) AS c`))[0]?.c ?? 0);
    for (const t of EDGE_TYPES) byEdgeType[t] = Number((await this.read<{ c: number }>(`MATCH ()-[r:${t}]->() RETURN count(r) AS c`))[0]?.c ?? 0);
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    return { nodes: sum(byLabel), edges: sum(byEdgeType), byLabel, byEdgeType };
  }

  async ping(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (err) {
      throw this.wrap(err, 'Neo4j is not reachable');
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /**
   * One migration statement in its own managed transaction. An API and its workers that
   * start together on a fresh database migrate at once, and Neo4j then reports deadlocks
   * between their schema statements (transient: the driver retries them) and may refuse an
   * `IF NOT EXISTS` rule that another process created a moment earlier, which is the state
   * the statement asks for (test/e2e/neo4j-concurrent-start.test.ts).
   */
  private async runSchema(cypher: string, params: QueryParams = {}): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite((tx: ManagedTransaction) => tx.run(cypher, params));
    } catch (err) {
      if (/\bIF NOT EXISTS\b/i.test(cypher) && SCHEMA_RULE_EXISTS.has((err as { code?: string }).code ?? '')) return;
      throw this.wrap(err, 'statement failed');
    } finally {
      await session.close();
    }
  }

  private async run(cypher: string, params: QueryParams = {}): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(cypher, params);
    } catch (err) {
      throw this.wrap(err, 'statement failed');
    } finally {
      await session.close();
    }
  }

  private wrap(err: unknown, context: string): GraphError {
    if (err instanceof GraphError) return err;
    const e = err as { code?: string; message?: string; retriable?: boolean };
    const code = e.code ?? '';
    const message = `${context}: ${e.message ?? String(err)}`;
    if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|connect|Connection.*(closed|refused)/i.test(e.message ?? '')) {
      return new GraphError('GRAPH_UNAVAILABLE', message, { cause: err });
    }
    // Retrying cannot help a statement larger than the server's transaction memory limit.
    if (/MemoryPoolOutOfMemoryError|MemoryLimitExceeded|OutOfMemory/i.test(code)) return new GraphError('GRAPH_OUT_OF_MEMORY', message, { cause: err });
    if (code.startsWith('Neo.TransientError') || e.retriable === true) return new GraphError('GRAPH_WRITE_CONFLICT', message, { cause: err });
    // A node this write matched was deleted by a concurrent document deletion: the write, retried, sees the graph without it.
    if (/EntityNotFound/.test(code) || /has been deleted|is deleted|was deleted/i.test(e.message ?? '')) return new GraphError('GRAPH_WRITE_CONFLICT', message, { cause: err });
    if (/TransactionTimedOut|Terminated/i.test(code)) return new GraphError('GRAPH_TIMEOUT', message, { cause: err });
    return new GraphError('GRAPH_QUERY_FAILED', message, { cause: err });
  }
}

/** Nodes MERGEd (index seeks on the uniqueness constraints), asserted edges CREATEd, HAS_VERSION MERGEd (it follows from identity). */
async function writeRows(tx: ManagedTransaction, rows: WriteChunk): Promise<{ nodesCreated: number; edgesCreated: number }> {
  let nodesCreated = 0;
  let edgesCreated = 0;
  for (const group of rows.nodes) {
    for (const part of chunk(group.rows, ROWS_PER_STATEMENT)) {
      const r = await tx.run(`UNWIND $rows AS r MERGE (n:${group.label} {key: r.key}) ON CREATE SET n += r`, { rows: stripNulls(part) });
      nodesCreated += r.summary.counters.updates().nodesCreated;
    }
  }
  for (const group of rows.edges) {
    const verb = group.type === 'HAS_VERSION' ? 'MERGE' : 'CREATE';
    const cypher = `UNWIND $rows AS r MATCH (a:${group.fromLabel} {key: r.from}) MATCH (b:${group.toLabel} {key: r.to}) ` +
      `${verb} (a)-[e:${group.type}]->(b)` + (verb === 'CREATE' ? ' SET e = r.props' : '');
    for (const part of chunk(group.rows, ROWS_PER_STATEMENT)) {
      const r = await tx.run(cypher, { rows: part.map(edgeParam) });
      edgesCreated += r.summary.counters.updates().relationshipsCreated;
    }
  }
  return { nodesCreated, edgesCreated };
}

/** Neo4j cannot store null properties; absent is the same thing. */
function stripNulls(rows: Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as Row);
}

function edgeParam(row: Row): { from: unknown; to: unknown; props: Row } {
  const { from, to, ...props } = row;
  return { from, to, props: stripNulls([props])[0] ?? {} };
}
