import type { Config } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import { KuzuGraphStore } from './kuzu/kuzu-store.js';
import { Neo4jGraphStore } from './neo4j/neo4j-store.js';
import { GraphError, type GraphStore } from './store.js';

/**
 * Opens the configured engine and brings its schema up to date. A graph server
 * that is not up yet (a worker started before Neo4j, or during a restart) is
 * waited for, up to SUPPLYGRAPH_STARTUP_WAIT_MS, rather than failing at once.
 */
export async function openGraphStore(config: Config, log?: Logger): Promise<GraphStore> {
  if (config.graph.engine === 'kuzu') {
    const store = await KuzuGraphStore.open({ directory: config.graph.kuzuDir, bufferPoolBytes: config.graph.kuzuBufferPoolBytes, defaultReadTimeoutMs: config.limits.queryTimeoutMs, writeChunkRows: config.graph.writeChunkRows });
    return migrated(store);
  }
  const store = await Neo4jGraphStore.open({
    url: config.graph.neo4jUrl!,
    user: config.graph.neo4jUser ?? undefined,
    password: config.graph.neo4jPassword ?? undefined,
    database: config.graph.neo4jDatabase ?? undefined,
    defaultReadTimeoutMs: config.limits.queryTimeoutMs,
    writeChunkRows: config.graph.writeChunkRows,
    writeLeaseMs: config.graph.writeLeaseMs,
  });
  const deadline = Date.now() + config.graph.startupWaitMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      await store.migrate();
      return store;
    } catch (err) {
      if (!(err instanceof GraphError) || err.code !== 'GRAPH_UNAVAILABLE' || Date.now() + delay > deadline) {
        await store.close().catch(() => undefined);
        throw err;
      }
      log?.warn({ url: config.graph.neo4jUrl, retryInMs: delay, error: err.message }, 'graph not reachable yet; waiting');
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function migrated(store: GraphStore): Promise<GraphStore> {
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
