/**
 * A deployment starts its API and its workers together, and on a fresh Neo4j
 * each of them migrates the schema at start-up. Schema statements of two
 * processes can deadlock inside Neo4j (`DeadlockDetected` on the label lock);
 * that must cost a retry, never a process: `npm run bench` found the API dying
 * at start with "can't acquire UpdateLock … because holders of that lock are
 * waiting" while a worker migrated beside it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Neo4jGraphStore } from '../../services/graph/neo4j/neo4j-store.js';
import { neo4jUrl, wipeNeo4j } from '../support/engines.js';

const STARTERS = 6;

async function schemaNames(store: Neo4jGraphStore): Promise<string[]> {
  const constraints = await store.read<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name');
  const indexes = await store.read<{ name: string }>("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name");
  return [...constraints, ...indexes].map((r) => r.name).sort();
}

/** Back to a Neo4j no supplygraph process has touched: no data, no constraints or indexes, no migration records. */
async function unmigrate(store: Neo4jGraphStore): Promise<void> {
  await wipeNeo4j(store);
  await store.write([{ cypher: 'MATCH (m:SchemaMigration) DELETE m' }]);
  for (const { name } of await store.read<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name')) {
    await store.write([{ cypher: `DROP CONSTRAINT \`${name}\` IF EXISTS` }]);
  }
  for (const { name } of await store.read<{ name: string }>("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")) {
    await store.write([{ cypher: `DROP INDEX \`${name}\` IF EXISTS` }]);
  }
}

describe('Neo4j: processes that start together on a fresh database', () => {
  let admin: Neo4jGraphStore;
  let expected: string[];

  before(async () => {
    admin = await Neo4jGraphStore.open({ url: neo4jUrl() });
    await admin.migrate();
    expected = await schemaNames(admin);
  });

  after(async () => {
    // Whatever happened above, the next suite finds a migrated database.
    await admin.migrate();
    await admin.close();
  });

  for (let round = 1; round <= 3; round++) {
    test(`round ${round}: ${STARTERS} stores migrating at once all succeed, and the schema is exactly the one a single migration makes`, async () => {
      await unmigrate(admin);
      assert.deepEqual(await schemaNames(admin), [], 'the database starts without our schema');
      const stores = await Promise.all(Array.from({ length: STARTERS }, () => Neo4jGraphStore.open({ url: neo4jUrl() })));
      try {
        const outcomes = await Promise.allSettled(stores.map((s) => s.migrate()));
        const failures = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [`store ${i}: ${(o.reason as Error).message}`] : []));
        assert.deepEqual(failures, []);
        assert.deepEqual(await schemaNames(admin), expected);
        const records = await admin.read<{ id: string; n: number }>('MATCH (m:SchemaMigration) RETURN m.id AS id, count(*) AS n ORDER BY id');
        assert.ok(records.length > 0 && records.every((r) => Number(r.n) === 1), `one record per migration: ${JSON.stringify(records)}`);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  }
});
