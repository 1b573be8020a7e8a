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
import { deleteDocumentFacts, type DocumentDeletion } from '../derived/document-deletion.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import kuzu from 'kuzu';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { EDGE_TYPES, type EdgeType } from '../../../schema/ontology/edges.js';
import { NODE_LABELS, NODE_PROPERTIES } from '../../../schema/ontology/nodes.js';
import { loadMigrations } from '../migrations.js';
import { chunk, edgePropertyNames, edgeRowGroups, nodeRowGroups, type Row } from '../rows.js';
import { SerialExecutor } from '../serial.js';
import type { DocumentState } from '../../../schema/ontology/nodes.js';
import { GraphError, type GraphCounts, type GraphStore, type MigrationReport, type QueryParams, type ReadOptions, type WriteResult } from '../store.js';
import { kuzuDialect } from './dialect.js';
import { forgetKuzuOpen, markKuzuClosed, prepareKuzuFiles, type KuzuRecovery } from './crash-recovery.js';
import { needsChunks, writeChunks } from '../write-chunks.js';

type KuzuParams = Parameters<kuzu.Connection['execute']>[1];

export interface KuzuStoreOptions {
  /** Directory that holds the database (created if missing). */
  directory: string;
  bufferPoolBytes?: number;
  defaultReadTimeoutMs?: number;
  /** Rows per transaction for a large document (SUPPLYGRAPH_WRITE_CHUNK_ROWS). */
  writeChunkRows?: number;
}

export const DEFAULT_WRITE_CHUNK_ROWS = 100_000;

const ROWS_PER_STATEMENT = 20_000;
/** Node and edge rows one grouped write may hold (a huge document is always written alone). */
const MAX_GROUP_ROWS = 200_000;

function batchRows(b: OntologyBatch): number {
  return b.nodes.length + b.edges.length;
}

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
    private readonly writeChunkRows: number,
    private readonly file: string,
    /** What start-up did about an unclean shutdown of the previous process (crash-recovery.ts). */
    readonly recovery: KuzuRecovery,
  ) {}

  static async open(options: KuzuStoreOptions): Promise<KuzuGraphStore> {
    const file = path.resolve(options.directory);
    await mkdir(path.dirname(file), { recursive: true });
    let recovery: KuzuRecovery;
    try {
      recovery = await prepareKuzuFiles(file);
    } catch (err) {
      throw new GraphError('GRAPH_UNAVAILABLE', (err as Error).message, { cause: err });
    }
    try {
      const db = new kuzu.Database(file, options.bufferPoolBytes ?? 512 * 1024 * 1024);
      await db.init();
      const writeConn = new kuzu.Connection(db);
      const readConn = new kuzu.Connection(db);
      await writeConn.init();
      await readConn.init();
      return new KuzuGraphStore(db, writeConn, readConn, options.defaultReadTimeoutMs ?? 30_000, options.writeChunkRows ?? DEFAULT_WRITE_CHUNK_ROWS, file, recovery);
    } catch (err) {
      // Not ours after all (e.g. locked by a process that predates the marker): leave no marker behind, unless we found the files unclean.
      if (recovery.action === 'none') await markKuzuClosed(file);
      else forgetKuzuOpen(file);
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

  /**
   * Documents that arrive while a write is in progress are written together, in one
   * transaction with one COPY per table: Kuzu's cost is per statement and per COMMIT
   * (a COMMIT after COPY checkpoints), not per row (docs/performance.md). If the
   * group's transaction fails, each document is written alone, so one bad document
   * fails only its own job.
   */
  async writeBatch(batch: OntologyBatch): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.pendingWrites.push({ batch, resolve, reject });
      void this.writes.run(() => this.writePending());
    });
  }

  private readonly pendingWrites: Array<{ batch: OntologyBatch; resolve: (r: WriteResult) => void; reject: (e: unknown) => void }> = [];

  private async writePending(): Promise<void> {
    const group: typeof this.pendingWrites = [];
    let rows = 0;
    const first = this.pendingWrites[0];
    if (first && needsChunks(batchRows(first.batch), this.writeChunkRows)) {
      this.pendingWrites.shift();
      try {
        first.resolve(await this.writeChunked(first.batch));
      } catch (err) {
        first.reject(err);
      }
      return;
    }
    while (this.pendingWrites.length > 0 && (group.length === 0 || rows + batchRows(this.pendingWrites[0]!.batch) <= MAX_GROUP_ROWS) &&
      !needsChunks(batchRows(this.pendingWrites[0]!.batch), this.writeChunkRows)) {
      const next = this.pendingWrites.shift()!;
      rows += batchRows(next.batch);
      group.push(next);
    }
    if (group.length === 0) return;
    try {
      const results = await this.writeGroup(group.map((g) => g.batch));
      group.forEach((g, i) => g.resolve(results[i]!));
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      for (const g of group) {
        try {
          g.resolve((await this.writeGroup([g.batch]))[0]!);
        } catch (e) {
          g.reject(e);
        }
      }
    }
  }

  private async writeGroup(batches: OntologyBatch[]): Promise<WriteResult[]> {
    const started = performance.now();
    const results: Array<WriteResult | null> = batches.map(() => null);
    const states = await this.documentStates(batches.map((b) => b.document.key));
    const fresh: OntologyBatch[] = [];
    const freshIndex: number[] = [];
    const inGroup = new Set<string>();
    // A document left in `writing` by an interrupted chunked write is redone, never reported present.
    const resume: number[] = [];
    batches.forEach((b, i) => {
      const state = states.get(b.document.key) ?? (inGroup.has(b.document.key) ? 'written' : undefined);
      if (state === 'writing' && !inGroup.has(b.document.key)) {
        inGroup.add(b.document.key);
        resume.push(i);
        return;
      }
      if (state !== undefined) {
        results[i] = { status: 'already-ingested', documentState: state, nodesCreated: 0, edgesCreated: 0, durationMs: 0 };
        return;
      }
      inGroup.add(b.document.key);
      fresh.push(b);
      freshIndex.push(i);
    });
    if (fresh.length > 0) await this.writeFresh(fresh, freshIndex, results, started);
    for (const i of resume) results[i] = await this.writeChunked(batches[i]!);
    return results as WriteResult[];
  }

  private async writeFresh(fresh: OntologyBatch[], freshIndex: number[], results: Array<WriteResult | null>, started: number): Promise<void> {
    await this.exec(this.writeConn, 'BEGIN TRANSACTION');
    try {
      // Each table once for the whole group; a node asserted by several documents is written once.
      const nodesByLabel = new Map<string, Map<string, Row>>();
      const created = fresh.map(() => ({ nodes: 0, edges: 0 }));
      const ownerOf = new Map<string, number>();
      fresh.forEach((batch, bi) => {
        const nodes = [...batch.nodes, { label: 'Document' as const, props: { ...batch.document, state: 'written' as const } }];
        for (const group of nodeRowGroups({ ...batch, nodes })) {
          const byKey = nodesByLabel.get(group.label) ?? new Map<string, Row>();
          nodesByLabel.set(group.label, byKey);
          for (const row of group.rows) {
            if (byKey.has(String(row.key))) continue;
            byKey.set(String(row.key), row);
            ownerOf.set(`${group.label}\u0000${String(row.key)}`, bi);
          }
        }
      });
      const newVersions: Row[] = [];
      for (const [label, byKey] of nodesByLabel) {
        const absent = await this.absentRows(label, [...byKey.values()]);
        const columns = NODE_PROPERTIES[label as keyof typeof NODE_PROPERTIES].map((p) => p.name);
        const copy = `COPY ${label} FROM (UNWIND $rows AS r RETURN ${columns.map((c) => `r.${c}`).join(', ')})`;
        for (const part of chunk(absent, ROWS_PER_STATEMENT)) await this.exec(this.writeConn, copy, { rows: part });
        for (const row of absent) created[ownerOf.get(`${label}\u0000${String(row.key)}`)!]!.nodes += 1;
        // A loop, not push(...absent): spreading 150,000 rows overflows the call stack.
        if (label === 'PackageVersion') for (const v of absent) newVersions.push(v);
      }
      const edgeGroups = new Map<string, { type: EdgeType; fromLabel: string; toLabel: string; rows: Row[] }>();
      fresh.forEach((batch, bi) => {
        // HAS_VERSION follows from identity: written once, when the version node is created.
        for (const g of edgeRowGroups(batch)) {
          if (g.type === 'HAS_VERSION') continue;
          const id = `${g.type}\u0000${g.fromLabel}\u0000${g.toLabel}`;
          const into = edgeGroups.get(id) ?? { type: g.type, fromLabel: g.fromLabel, toLabel: g.toLabel, rows: [] };
          edgeGroups.set(id, into);
          for (const r of g.rows) into.rows.push(r);
          created[bi]!.edges += g.rows.length;
        }
      });
      if (newVersions.length > 0) {
        edgeGroups.set('HAS_VERSION', { type: 'HAS_VERSION', fromLabel: 'Package', toLabel: 'PackageVersion', rows: newVersions.map((v) => ({ from: v.packageKey, to: v.key, doc: '' })) });
      }
      for (const group of edgeGroups.values()) {
        const columns = ['from', 'to', ...edgePropertyNames(group.type)];
        const copy = `COPY ${group.type} FROM (UNWIND $rows AS r RETURN ${columns.map((c) => `r.\`${c}\``).join(', ')}) (from='${group.fromLabel}', to='${group.toLabel}')`;
        for (const part of chunk(group.rows, ROWS_PER_STATEMENT)) await this.exec(this.writeConn, copy, { rows: part });
      }
      await this.commit();
      const durationMs = performance.now() - started;
      fresh.forEach((_, bi) => { results[freshIndex[bi]!] = { status: 'written', nodesCreated: created[bi]!.nodes, edgesCreated: created[bi]!.edges, durationMs }; });
    } catch (err) {
      await this.exec(this.writeConn, 'ROLLBACK').catch(() => undefined);
      if (err instanceof GraphError) throw err;
      throw new GraphError('GRAPH_WRITE_FAILED', `writing document ${fresh.map((b) => b.document.key).join(', ')} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * A large document in several transactions of at most `writeChunkRows` rows, so the
   * engine's working memory for one COPY stays bounded. The Document node is committed
   * first in state `writing` and becomes `written` only after the last chunk; a process
   * killed in between leaves it `writing` (the open chunk is rolled back by Kuzu's WAL
   * recovery), and the next attempt removes the edges the document had asserted and
   * writes every chunk again (nodes already present are skipped, as always). Runs on the
   * write executor throughout, so no other write sees the document half-written.
   */
  private async writeChunked(batch: OntologyBatch): Promise<WriteResult> {
    const started = performance.now();
    const key = batch.document.key;
    const state = (await this.documentStates([key])).get(key);
    if (state === 'written' || state === 'complete') {
      return { status: 'already-ingested', documentState: state, nodesCreated: 0, edgesCreated: 0, durationMs: 0 };
    }
    let nodesCreated = 0;
    let edgesCreated = 0;
    await this.transaction(async () => {
      if (state === 'writing') await this.removeAssertedEdges(key);
      else nodesCreated += (await this.copyNodes('Document', nodeRowGroups({ ...batch, nodes: [{ label: 'Document', props: { ...batch.document, state: 'writing' } }] })[0]!.rows)).length;
    });
    // HAS_VERSION follows from identity: written with the version node, in the same transaction.
    const edges = edgeRowGroups(batch).filter((g) => g.type !== 'HAS_VERSION');
    for (const part of writeChunks(nodeRowGroups(batch), edges, this.writeChunkRows)) {
      await this.transaction(async () => {
        for (const g of part.nodes) {
          const absent = await this.copyNodes(g.label, g.rows);
          nodesCreated += absent.length;
          if (g.label === 'PackageVersion' && absent.length > 0) {
            await this.copyEdges('HAS_VERSION', 'Package', 'PackageVersion', absent.map((v) => ({ from: v.packageKey, to: v.key, doc: '' })));
          }
        }
        for (const g of part.edges) {
          await this.copyEdges(g.type, g.fromLabel, g.toLabel, g.rows);
          edgesCreated += g.rows.length;
        }
      });
    }
    await this.transaction(async () => {
      await this.exec(this.writeConn, "MATCH (d:Document {key: $k}) SET d.state = 'written'", { k: key });
    });
    return { status: 'written', resumed: state === 'writing', nodesCreated, edgesCreated, durationMs: performance.now() - started };
  }

  /** The edges `documentKey` asserted (every asserted edge records its document in `doc`). */
  private async removeAssertedEdges(documentKey: string): Promise<void> {
    for (const t of EDGE_TYPES) {
      if (t === 'HAS_VERSION') continue;
      await this.exec(this.writeConn, `MATCH ()-[r:${t}]->() WHERE r.doc = $k DELETE r`, { k: documentKey });
    }
  }

  /** COPYs the rows of `label` not yet present; returns those it wrote. */
  private async copyNodes(label: string, rows: Row[]): Promise<Row[]> {
    const absent = await this.absentRows(label, rows);
    const columns = NODE_PROPERTIES[label as keyof typeof NODE_PROPERTIES].map((p) => p.name);
    const copy = `COPY ${label} FROM (UNWIND $rows AS r RETURN ${columns.map((c) => `r.${c}`).join(', ')})`;
    for (const part of chunk(absent, ROWS_PER_STATEMENT)) await this.exec(this.writeConn, copy, { rows: part });
    return absent;
  }

  private async copyEdges(type: EdgeType, fromLabel: string, toLabel: string, rows: Row[]): Promise<void> {
    const columns = ['from', 'to', ...edgePropertyNames(type)];
    const copy = `COPY ${type} FROM (UNWIND $rows AS r RETURN ${columns.map((c) => `r.\`${c}\``).join(', ')}) (from='${fromLabel}', to='${toLabel}')`;
    for (const part of chunk(rows, ROWS_PER_STATEMENT)) await this.exec(this.writeConn, copy, { rows: part });
  }

  private async transaction(work: () => Promise<void>): Promise<void> {
    await this.exec(this.writeConn, 'BEGIN TRANSACTION');
    try {
      await work();
      await this.commit();
    } catch (err) {
      await this.exec(this.writeConn, 'ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  /** Processing state of those of `keys` already in the graph. */
  private async documentStates(keys: string[]): Promise<Map<string, DocumentState>> {
    const out = new Map<string, DocumentState>();
    const unique = [...new Set(keys)];
    // One key by equality (the primary-key index); UNWIND-fed lookups read the label.
    const rows = unique.length === 1
      ? (await this.exec(this.writeConn, 'MATCH (d:Document {key: $k}) RETURN d.key AS key, d.state AS state', { k: unique[0] }))
      : (await this.exec(this.writeConn, 'UNWIND $keys AS k MATCH (d:Document {key: k}) RETURN d.key AS key, d.state AS state', { keys: unique }));
    for (const r of rows) out.set(String(r.key), (r.state as DocumentState | null) ?? 'complete');
    return out;
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

  async deleteDocument(key: string): Promise<DocumentDeletion> {
    return deleteDocumentFacts(this, key, { lockCandidates: false });
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
    await markKuzuClosed(this.file);
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
