/**
 * Large documents are written in chunks (SUPPLYGRAPH_WRITE_CHUNK_ROWS) on both engines:
 * the graph equals a single-transaction write, and a document left in state `writing`
 * (a writer that died between chunks) is redone by the next write, never reported present.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { parseCycloneDxJson } from '../../ingestors/cyclonedx/json.js';
import { KuzuGraphStore } from '../../services/graph/kuzu/kuzu-store.js';
import { Neo4jGraphStore } from '../../services/graph/neo4j/neo4j-store.js';
import { GraphError, type EngineName, type GraphCounts, type GraphStore } from '../../services/graph/store.js';
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import { ENGINES, neo4jUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { universeSbom } from '../support/sbom-factory.js';
import { documentInput } from '../support/parse.js';

const batchOf = (doc: unknown): OntologyBatch => parseCycloneDxJson(documentInput(doc));
const big = batchOf(universeSbom('monolith', 600, 2000, 7));
const small = batchOf(universeSbom('service', 150, 2000, 8));

interface Graph { store: GraphStore; dispose(): Promise<void> }

/** A fresh, migrated graph whose writer chunks documents of more than `writeChunkRows` rows. */
async function openGraph(engine: EngineName, writeChunkRows?: number): Promise<Graph> {
  if (engine === 'kuzu') {
    const dir = await tempDir();
    const store = await KuzuGraphStore.open({ directory: path.join(dir, 'graph.kuzu'), writeChunkRows });
    await store.migrate();
    return { store, dispose: async () => { await store.close(); await rm(dir, { recursive: true, force: true }); } };
  }
  const store = await Neo4jGraphStore.open({ url: neo4jUrl(), writeChunkRows, writeLeaseMs: 1000 });
  await wipeNeo4j(store);
  await store.migrate();
  return { store, dispose: () => store.close() };
}

/** What one single-transaction write of these batches makes. */
async function reference(engine: EngineName, batches: OntologyBatch[]): Promise<GraphCounts> {
  const g = await openGraph(engine);
  try {
    for (const b of batches) assert.equal((await g.store.writeBatch(b)).status, 'written');
    return await g.store.counts();
  } finally {
    await g.dispose();
  }
}

async function assertedEdges(store: GraphStore, documentKey: string): Promise<number> {
  const rows = await store.read<{ c: number }>('MATCH ()-[r]->() WHERE r.doc = $k RETURN count(r) AS c', { k: documentKey });
  return Number(rows[0]?.c ?? 0);
}

for (const engine of ENGINES) {
  describe(`chunked document writes: ${engine}`, () => {
    const open: Graph[] = [];
    after(async () => { for (const g of open.splice(0)) await g.dispose(); });
    const chunked = async (): Promise<Graph> => {
      const g = await openGraph(engine, 500);
      open.push(g);
      return g;
    };

    test('a document of many chunks, partly overlapping one already stored, gives the graph one transaction gives', async () => {
      assert.ok(big.nodes.length + big.edges.length > 4 * 500, 'the document spans several chunks');
      const expected = await reference(engine, [small, big]);
      const g = await chunked();
      assert.equal((await g.store.writeBatch(small)).status, 'written');
      const written = await g.store.writeBatch(big);
      assert.equal(written.status, 'written');
      assert.equal(written.resumed ?? false, false);
      const got = await g.store.counts();
      assert.deepEqual(got.byLabel, expected.byLabel);
      assert.deepEqual(got.byEdgeType, expected.byEdgeType);
      const again = await g.store.writeBatch(big);
      assert.equal(again.status, 'already-ingested');
      assert.equal(again.documentState, 'written');
      assert.deepEqual(await g.store.counts(), got);
      await g.dispose();
      open.pop();
    });

    test('a document left in state writing is redone by the next write, not reported present', async () => {
      const expected = await reference(engine, [big]);
      const g = await chunked();
      // What a writer killed between chunks leaves: every node, part of the edges, state `writing`
      // (on Neo4j with the dead writer's claim, its lease run out).
      const partial: OntologyBatch = { ...big, edges: big.edges.slice(0, Math.floor(big.edges.length * 0.4)) };
      assert.equal((await g.store.writeBatch(partial)).status, 'written');
      await g.store.write([{
        cypher: engine === 'neo4j'
          ? "MATCH (d:Document {key: $k}) SET d.state = 'writing', d.writeNonce = 'dead-writer', d.writeLeaseUntil = 0"
          : "MATCH (d:Document {key: $k}) SET d.state = 'writing'",
        params: { k: big.document.key },
      }]);
      const redone = await g.store.writeBatch(big);
      assert.equal(redone.status, 'written');
      assert.equal(redone.resumed, true);
      const got = await g.store.counts();
      assert.deepEqual(got.byLabel, expected.byLabel);
      assert.deepEqual(got.byEdgeType, expected.byEdgeType);
      assert.equal(await assertedEdges(g.store, big.document.key), big.edges.filter((e) => e.type !== 'HAS_VERSION').length);
      const state = await g.store.read<{ s: string }>('MATCH (d:Document {key: $k}) RETURN d.state AS s', { k: big.document.key });
      assert.equal(state[0]?.s, 'written');
      await g.dispose();
      open.pop();
    });

    if (engine === 'neo4j') {
      test('a document another live writer is writing is a transient conflict, retried later', async () => {
        const g = await chunked();
        await g.store.write([{
          cypher: "CREATE (:Document {key: $k, state: 'writing', writeNonce: 'live-writer', writeLeaseUntil: timestamp() + 600000})",
          params: { k: big.document.key },
        }]);
        await assert.rejects(g.store.writeBatch(big), (err: unknown) => err instanceof GraphError && err.code === 'GRAPH_WRITE_CONFLICT' && err.transient);
        await g.dispose();
        open.pop();
      });
    }
  });
}
