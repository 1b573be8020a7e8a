/**
 * One error mapping for every resolver (services/api/graphql/resolver-errors.ts):
 * what the graph or the input checks throw becomes the API code and message
 * docs/architecture.md#error-codes lists, whichever field threw it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execute, parse, type ExecutionResult } from 'graphql';
import { buildSchema } from '../../../services/api/graphql/plugin.js';
import { createContext } from '../../../services/api/graphql/context.js';
import { QueryInputError } from '../../../services/graph/queries/components.js';
import { GraphError, type GraphStore } from '../../../services/graph/store.js';

const schema = buildSchema();
const SBOM = `sha256:${'a'.repeat(64)}`;

/** A store whose every read fails with `err`. */
function failingStore(err: Error): GraphStore {
  const fail = async (): Promise<never> => {
    throw err;
  };
  return { engine: 'kuzu', dialect: {}, read: fail, counts: fail } as unknown as GraphStore;
}

async function run(err: Error, query: string): Promise<ExecutionResult> {
  return execute({ schema, document: parse(query), contextValue: createContext(failingStore(err), 100, {}) });
}

function firstError(r: ExecutionResult): { code: unknown; message: string } {
  assert.ok(r.errors && r.errors.length > 0, 'an error');
  return { code: r.errors[0]!.extensions.code, message: r.errors[0]!.message };
}

describe('resolver errors', () => {
  const fields = [`{ sbom(id: "${SBOM}") { id } }`, '{ stats { nodes } }', '{ documents { totalCount } }'];

  for (const query of fields) {
    test(`a graph timeout is QUERY_TIMEOUT: ${query}`, async () => {
      assert.deepEqual(firstError(await run(new GraphError('GRAPH_TIMEOUT', 'read took 5000 ms'), query)), {
        code: 'QUERY_TIMEOUT', message: 'read took 5000 ms; narrow the query (maxDepth, first) or raise SUPPLYGRAPH_QUERY_TIMEOUT_MS',
      });
    });
  }

  test('an unavailable graph is GRAPH_UNAVAILABLE, message as is', async () => {
    assert.deepEqual(firstError(await run(new GraphError('GRAPH_UNAVAILABLE', 'neo4j is down'), '{ stats { nodes } }')), { code: 'GRAPH_UNAVAILABLE', message: 'neo4j is down' });
  });

  test('out of memory is QUERY_OUT_OF_MEMORY', async () => {
    assert.deepEqual(firstError(await run(new GraphError('GRAPH_OUT_OF_MEMORY', 'buffer pool full'), '{ stats { nodes } }')), {
      code: 'QUERY_OUT_OF_MEMORY',
      message: 'buffer pool full; narrow the query (via, maxLength, maxDepth, first) or give the graph more memory (Kuzu: SUPPLYGRAPH_KUZU_BUFFER_POOL_MB; Neo4j: db.memory.transaction.total.max)',
    });
  });

  test('other graph errors keep no code (answered as INTERNAL_ERROR by the route)', async () => {
    const r = await run(new GraphError('GRAPH_QUERY_FAILED', 'syntax error'), '{ stats { nodes } }');
    assert.deepEqual(firstError(r), { code: undefined, message: 'syntax error' });
    assert.ok(r.errors![0]!.originalError instanceof GraphError);
  });

  test('query input errors: BAD_PURL, anything else BAD_USER_INPUT', async () => {
    assert.deepEqual(firstError(await run(new Error('unused'), '{ dependencies(purl: "not a purl") { totalCount } }')).code, 'BAD_PURL');
    assert.deepEqual(firstError(await run(new QueryInputError('BAD_ARGUMENT', 'bad edge kind'), '{ stats { nodes } }')), { code: 'BAD_USER_INPUT', message: 'bad edge kind' });
  });

  test('lifecycle errors keep their own code', async () => {
    const r = await run(new Error('unused'), '{ documents(filter: { ingestedAfter: "yesterday" }) { totalCount } }');
    assert.deepEqual(firstError(r), { code: 'BAD_DOCUMENT_FILTER', message: 'ingestedAfter "yesterday" is not an ISO-8601 date or instant' });
  });

  test('API errors thrown by a resolver pass unchanged', async () => {
    assert.deepEqual(firstError(await run(new Error('unused'), '{ search(text: "a") { id } }')), { code: 'BAD_USER_INPUT', message: 'search text must be at least 2 characters' });
  });

});
