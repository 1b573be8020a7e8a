/**
 * The engines every contract and end-to-end test runs against: Kuzu on disk
 * in a temp dir, and the real Neo4j that scripts/test.sh starts (NEO4J_URL).
 * A missing NEO4J_URL is a failure, never a skip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KuzuGraphStore } from '../../services/graph/kuzu/kuzu-store.js';
import { Neo4jGraphStore } from '../../services/graph/neo4j/neo4j-store.js';
import type { EngineName, GraphStore } from '../../services/graph/store.js';

export const ENGINES: EngineName[] = ['kuzu', 'neo4j'];

export function neo4jUrl(): string {
  const url = process.env.NEO4J_URL;
  if (!url) throw new Error('NEO4J_URL is not set: run the suite with `npm test` (scripts/test.sh starts Neo4j) or point NEO4J_URL at a throwaway Neo4j 5');
  return url;
}

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the suite with `npm test` (scripts/test.sh starts Redis) or point REDIS_URL at a throwaway Redis');
  return url;
}

export interface TestGraph {
  store: GraphStore;
  dispose(): Promise<void>;
}

export async function tempDir(prefix = 'supplygraph-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A fresh, empty, migrated graph on `engine`. Neo4j Community has one database, so it is wiped. */
export async function openTestGraph(engine: EngineName): Promise<TestGraph> {
  if (engine === 'kuzu') {
    const dir = await tempDir();
    const store = await KuzuGraphStore.open({ directory: path.join(dir, 'graph.kuzu') });
    await store.migrate();
    return { store, dispose: async () => { await store.close(); await rm(dir, { recursive: true, force: true }); } };
  }
  const store = await Neo4jGraphStore.open({ url: neo4jUrl() });
  await wipeNeo4j(store);
  await store.migrate();
  return { store, dispose: async () => { await store.close(); } };
}

export async function wipeNeo4j(store: GraphStore): Promise<void> {
  for (;;) {
    const rows = await store.read<{ c: number }>('MATCH (n) WHERE NOT n:SchemaMigration WITH n LIMIT 20000 RETURN count(n) AS c');
    if (Number(rows[0]?.c ?? 0) === 0) return;
    await store.write([{ cypher: 'MATCH (n) WHERE NOT n:SchemaMigration WITH n LIMIT 20000 DETACH DELETE n' }]);
  }
}

// Kept for suites written against the old location; the helpers live in fixtures.ts.
export { sharedDir } from './fixtures.js';
