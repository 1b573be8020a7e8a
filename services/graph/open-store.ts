import type { Config } from '../config/config.js';
import { KuzuGraphStore } from './kuzu/kuzu-store.js';
import { Neo4jGraphStore } from './neo4j/neo4j-store.js';
import type { GraphStore } from './store.js';

/** Opens the configured engine and brings its schema up to date. */
export async function openGraphStore(config: Config): Promise<GraphStore> {
  const store: GraphStore = config.graph.engine === 'neo4j'
    ? await Neo4jGraphStore.open({
      url: config.graph.neo4jUrl!,
      user: config.graph.neo4jUser ?? undefined,
      password: config.graph.neo4jPassword ?? undefined,
      database: config.graph.neo4jDatabase ?? undefined,
      defaultReadTimeoutMs: config.limits.queryTimeoutMs,
    })
    : await KuzuGraphStore.open({ directory: config.graph.kuzuDir, bufferPoolBytes: config.graph.kuzuBufferPoolBytes, defaultReadTimeoutMs: config.limits.queryTimeoutMs });
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
