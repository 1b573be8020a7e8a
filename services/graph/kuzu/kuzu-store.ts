/**
 * The embedded engine: Kuzu on disk, in-process. Kuzu allows one write
 * transaction at a time, so every write goes through one SerialExecutor;
 * reads use their own connection and run alongside.
 *
 * Write path (see ../shared/engine-notes.md for the measurements behind it):
 * MATCHing both endpoints of UNWIND rows is a scan join in Kuzu, so nodes and
 * edges are written with `COPY … FROM (UNWIND $rows …)` inside one explicit
 * transaction per document; only nodes not yet present are copied (found with
 * a primary-key probe), which keeps COPY from failing on duplicates.
 *
 * COMMIT runs with no read transaction open (it is queued on the read
 * connection's executor): Kuzu checkpoints inside COMMIT and waits for active
 * transactions to leave first; with a read in flight that wait times out, the
 * COMMIT reports an error although the transaction is durable, and the
 * checkpoint is abandoned half-way. That is how documents ended up written but
 * reported failed (and never matched), and the most likely source of the
 * swapped string values seen under concurrent reads (docs/architecture.md,
 * "Embedded engine: what went wrong and what changed").
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import kuzu from 'kuzu';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { EDGE_TYPES } from '../../../schema/ontology/edges.js';
import { NODE_LABELS, NODE_PROPERTIES } from '../../../schema/ontology/nodes.js';
import { loadMigrations } from '../migrations.js';
import { chunk, edgePropertyNames, edgeRowGroups, nodeRowGroups, type Row } from '../rows.js';
import { SerialExecutor } from '../serial.js';
import type { DocumentState } from '../../../schema/ontology/nodes.js';
import { GraphError, type GraphCounts, type GraphStore, type MigrationReport, type QueryParams, type ReadOptions, type WriteResult } from '../store.js';
import { kuzuDialect } from './dialect.js';

type KuzuParams = Parameters<kuzu.Connection['execute']>[1];

export interface KuzuStoreOptions {
  /** Directory that holds the database (created if missing). */
  directory: string;
  bufferPoolBytes?: number;
  defaultReadTimeoutMs?: number;
}

const ROWS_PER_STATEMENT = 20_000;

export class KuzuGraphStore implements GraphStore {
  readonly engine = 'kuzu' as const;
  readonly dialect = kuzuDialect;
  private readonly writes = new SerialExecutor();
  private readonly reads = new SerialExecutor();
  private readonly statements = new Map<string, kuzu.PreparedStatement>();
  private readonly readStatements = new Map<string, kuzu.PreparedStatement>();
  private closed = false;

  private constructor(
    private readonly db: kuzu.Database,
    private readonly writeConn: kuzu.Connection,
    private readonly readConn: kuzu.Connection,
    private readonly defaultReadTimeoutMs: number,
  ) {}

  static async open(options: KuzuStoreOptions): Promise<KuzuGraphStore> {
    await mkdir(path.dirname(options.directory), { recursive: true });
    try {
      const db = new kuzu.Database(options.directory, options.bufferPoolBytes ?? 512 * 1024 * 1024);
      await db.init();
      const writeConn = new kuzu.Connection(db);
      const readConn = new kuzu.Connection(db);
      await writeConn.init();
      await readConn.init();
      return new KuzuGraphStore(db, writeConn, readConn, options.defaultReadTimeoutMs ?? 30_000);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new GraphError('GRAPH_UNAVAILABLE', `cannot open the embedded graph at ${options.directory}: ${message}` +
        (/lock/i.test(message) ? ' (another supplygraph process has it open; stop it or use a different --data-dir)' : ''), { cause: err });
    }
  }

  async migrate(): Promise<MigrationReport> {
    return this.writes.run(async () => {
      await this.exec(this.writeConn, 'CREATE NODE TABLE IF NOT EXISTS SchemaMigration(id STRING PRIMARY KEY, appliedAt STRING)');
      const done = new Set((await this.exec(this.writeConn, 'MATCH (m:SchemaMigration) RETURN m.id AS id')).map((r) => String(r.id)));
      const report: MigrationReport = { applied: [], alreadyApplied: [] };
      for (const m of await loadMigrations('kuzu')) {
        if (done.has(m.id)) {
          report.alreadyApplied.push(m.id);
          continue;
        }
        try {
          // Kuzu DDL cannot be mixed with other statements in one transaction; each
          // statement is idempotent (IF NOT EXISTS), so a crash mid-migration is redone safely.
          for (const s of m.statements) await this.exec(this.writeConn, s);
          await this.exec(this.writeConn, 'CREATE (:SchemaMigration {id: $id, appliedAt: $at})', { id: m.id, at: new Date().toISOString() });
        } catch (err) {
          throw new GraphError('GRAPH_MIGRATION_FAILED', `migration ${m.id} failed: ${(err as Error).message}`, { cause: err });
        }
        report.applied.push(m.id);
      }
      return report;
    });
  }

  async writeBatch(batch: OntologyBatch): Promise<WriteResult> {
    return this.writes.run(async () => {
      const started = performance.now();
      const existing = await this.exec(this.writeConn, 'MATCH (d:Document {key: $k}) RETURN d.state AS state', { k: batch.document.key });
      if (existing.length > 0) return { status: 'already-ingested', documentState: (existing[0]!.state as DocumentState | null) ?? 'complete', nodesCreated: 0, edgesCreated: 0, durationMs: 0 };

      await this.exec(this.writeConn, 'BEGIN TRANSACTION');
      try {
        let nodesCreated = 0;
        let edgesCreated = 0;
        const newVersions: Row[] = [];
        const nodeGroups = nodeRowGroups({ ...batch, nodes: [...batch.nodes, { label: 'Document', props: { ...batch.document, state: 'written' } }] });
        for (const group of nodeGroups) {
          const fresh = await this.absentRows(group.label, group.rows);
          const columns = NODE_PROPERTIES[group.label].map((p) => p.name);
          const copy = `COPY ${group.label} FROM (UNWIND $rows AS r RETURN ${columns.map((c) => `r.${c}`).join(', ')})`;
          for (const part of chunk(fresh, ROWS_PER_STATEMENT)) await this.exec(this.writeConn, copy, { rows: part });
          nodesCreated += fresh.length;
          // A loop, not push(...fresh): spreading 150,000 rows overflows the call stack.
          if (group.label === 'PackageVersion') for (const v of fresh) newVersions.push(v);
        }
        // HAS_VERSION follows from identity: written once, when the version node is created.
        const edgeGroups = edgeRowGroups(batch).filter((g) => g.type !== 'HAS_VERSION');
        if (newVersions.length > 0) {
          edgeGroups.push({ type: 'HAS_VERSION', fromLabel: 'Package', toLabel: 'PackageVersion', rows: newVersions.map((v) => ({ from: v.packageKey, to: v.key, doc: '' })) });
        }
        for (const group of edgeGroups) {
          const columns = ['from', 'to', ...edgePropertyNames(group.type)];
          const copy = `COPY ${group.type} FROM (UNWIND $rows AS r RETURN ${columns.map((c) => `r.\`${c}\``).join(', ')}) (from='${group.fromLabel}', to='${group.toLabel}')`;
          for (const part of chunk(group.rows, ROWS_PER_STATEMENT)) await this.exec(this.writeConn, copy, { rows: part });
          edgesCreated += group.rows.length;
        }
        await this.commit();
        return { status: 'written', nodesCreated, edgesCreated, durationMs: performance.now() - started };
      } catch (err) {
        await this.exec(this.writeConn, 'ROLLBACK').catch(() => undefined);
        if (err instanceof GraphError) throw err;
        throw new GraphError('GRAPH_WRITE_FAILED', `writing document ${batch.document.key} failed: ${(err as Error).message}`, { cause: err });
      }
    });
  }

  /** COMMIT with no read in flight (see the top of this file); reads queue behind it. */
  private async commit(): Promise<void> {
    await this.reads.run(() => this.exec(this.writeConn, 'COMMIT'));
  }

  /** Rows whose key is not yet a node of `label`. */
  private async absentRows(label: string, rows: Row[]): Promise<Row[]> {
    const present = new Set<string>();
    for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
      const found = await this.exec(this.writeConn, `UNWIND $keys AS k MATCH (n:${label} {key: k}) RETURN n.key AS key`, { keys: part.map((r) => r.key) });
      for (const f of found) present.add(String(f.key));
    }
    return present.size === 0 ? rows : rows.filter((r) => !present.has(String(r.key)));
  }

  async read<T = Record<string, unknown>>(cypher: string, params: QueryParams = {}, options: ReadOptions = {}): Promise<T[]> {
    return this.reads.run(async () => {
      this.readConn.setQueryTimeout(options.timeoutMs ?? this.defaultReadTimeoutMs);
      return (await this.exec(this.readConn, cypher, params, this.readStatements)) as T[];
    });
  }

  async write(statements: ReadonlyArray<{ cypher: string; params?: QueryParams }>): Promise<void> {
    await this.writes.run(async () => {
      await this.exec(this.writeConn, 'BEGIN TRANSACTION');
      try {
        for (const s of statements) await this.exec(this.writeConn, s.cypher, s.params);
        await this.commit();
      } catch (err) {
        await this.exec(this.writeConn, 'ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
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
    await this.read('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Let in-flight work finish before the native handles go away.
    await this.writes.run(async () => undefined);
    await this.reads.run(async () => undefined);
    await this.writeConn.close();
    await this.readConn.close();
    await this.db.close();
  }

  private async exec(conn: kuzu.Connection, cypher: string, params?: QueryParams, cache = this.statements): Promise<Record<string, unknown>[]> {
    if (this.closed && conn === this.readConn) throw new GraphError('GRAPH_UNAVAILABLE', 'the embedded graph is closed');
    try {
      let result: kuzu.QueryResult | kuzu.QueryResult[];
      if (params && Object.keys(params).length > 0) {
        let ps = cache.get(cypher);
        if (!ps) {
          ps = await conn.prepare(cypher);
          if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
          if (cache.size > 500) cache.clear();
          cache.set(cypher, ps);
        }
        result = await conn.execute(ps, params as KuzuParams);
      } else {
        result = await conn.query(cypher);
      }
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      if (!last) return [];
      const rows = (await last.getAll()) as Record<string, unknown>[];
      last.close();
      return rows;
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      // Lock/checkpoint waits and a full disk are the engine's state, not the statement's: retryable.
      if (/active transactions|write transaction at a time|No space left|ENOSPC/i.test(message)) {
        throw new GraphError(/No space|ENOSPC/i.test(message) ? 'GRAPH_UNAVAILABLE' : 'GRAPH_WRITE_CONFLICT', message, { cause: err });
      }
      if (/interrupt|timeout/i.test(message)) throw new GraphError('GRAPH_TIMEOUT', `query exceeded its time limit: ${message}`, { cause: err });
      if (/buffer pool is full|unable to allocate memory/i.test(message)) {
        throw new GraphError('GRAPH_OUT_OF_MEMORY', `the query needs more memory than Kuzu's buffer pool has (SUPPLYGRAPH_KUZU_BUFFER_POOL_MB): ${message}`, { cause: err });
      }
      throw new GraphError('GRAPH_QUERY_FAILED', message, { cause: err });
    }
  }
}
