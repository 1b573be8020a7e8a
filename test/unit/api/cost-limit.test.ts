/**
 * The static GraphQL cost (services/api/graphql/cost-limit.ts): each field 1,
 * lists multiplied by the page size of their connection (`first`, a variable,
 * or the schema default), fragments followed, introspection flat.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, specifiedRules, validate, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { costLimitRule, operationCost, UNPAGED_LIST_SIZE, type CostOptions } from '../../../services/api/graphql/cost-limit.js';
import { checkQueryShape } from '../../../services/api/graphql/query-shape.js';

const schema = buildSchema(`
  type Query {
    items(first: Int = 20, after: String): ItemConnection!
    item(id: ID!): Item
    tags: [String!]!
    things: [Item!]!
    search(q: String!, first: Int = 5): [Item!]!
    node(id: ID!): Node
  }
  interface Node { id: ID! }
  type ItemConnection { edges: [ItemEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ItemEdge { cursor: String! node: Item! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Item implements Node { id: ID! name: String parts: [Item!]! children(first: Int = 3): ItemConnection! }
`);

function cost(query: string, options: CostOptions = {}, operationName?: string): number {
  const doc = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  assert.equal(ops.length, 1);
  assert.deepEqual(validate(schema, doc, specifiedRules), [], 'the test query is valid');
  return operationCost(schema, ops[0]!, fragments, options);
}

describe('operationCost', () => {
  test('each field costs 1', () => {
    assert.equal(cost('{ item(id: "x") { id name } }'), 3);
    assert.equal(cost('{ tags }'), 1, 'a list of scalars is one field');
  });

  test('a connection multiplies its edges by `first`, or the schema default', () => {
    // items 1 + totalCount 1 + edges (1 + 20 × (node 1 + id 1))
    assert.equal(cost('{ items { totalCount edges { node { id } } } }'), 1 + 1 + 1 + 20 * 2);
    assert.equal(cost('{ items(first: 2) { totalCount edges { node { id } } } }'), 1 + 1 + 1 + 2 * 2);
    assert.equal(cost('{ items(first: 0) { edges { node { id } } } }'), 2);
  });

  test('nested connections multiply', () => {
    // children: 1 + edges(1 + 4 × 2) = 10; node 1 + 10; edges 1 + 2 × 11; items 1 + 23
    assert.equal(cost('{ items(first: 2) { edges { node { children(first: 4) { edges { node { id } } } } } } }'), 24);
    // the default of the inner connection (3) applies when `first` is not given
    assert.equal(cost('{ items(first: 2) { edges { node { children { edges { node { id } } } } } } }'), 1 + 1 + 2 * (1 + 1 + 1 + 3 * 2));
  });

  test('a list that takes `first` itself is multiplied by it', () => {
    assert.equal(cost('{ search(q: "a") { id } }'), 1 + 5);
    assert.equal(cost('{ search(q: "a", first: 7) { id name } }'), 1 + 7 * 2);
  });

  test(`a list no page size bounds counts as ${UNPAGED_LIST_SIZE} items`, () => {
    assert.equal(cost('{ things { id parts { id } } }'), 1 + UNPAGED_LIST_SIZE * (1 + 1 + UNPAGED_LIST_SIZE));
    assert.equal(cost('{ things { id } }', { unpagedListSize: 3 }), 1 + 3);
    // the page size of a connection is used by its first list only
    assert.equal(cost('{ items(first: 2) { edges { node { parts { id } } } } }'), 1 + 1 + 2 * (1 + 1 + UNPAGED_LIST_SIZE));
  });

  test('variables: their value, else the variable default, else the argument default', () => {
    const q = 'query($n: Int = 7) { items(first: $n) { edges { cursor } } }';
    assert.equal(cost(q), 1 + 1 + 7);
    assert.equal(cost(q, { variables: { n: 3 } }), 1 + 1 + 3);
    assert.equal(cost(q, { variables: { n: null } }), 1 + 1 + 20);
    assert.equal(cost('query($n: Int) { items(first: $n) { edges { cursor } } }'), 1 + 1 + 20);
  });

  test('page sizes above SUPPLYGRAPH_MAX_PAGE_SIZE count as the cap', () => {
    assert.equal(cost('{ items(first: 100000) { edges { cursor } } }', { maxPageSize: 50 }), 1 + 1 + 50);
    assert.equal(cost('query($n: Int) { items(first: $n) { edges { cursor } } }', { maxPageSize: 50, variables: { n: 1e9 } }), 1 + 1 + 50);
  });

  test('named and inline fragments are followed', () => {
    const plain = cost('{ items(first: 2) { edges { node { id name } } } }');
    assert.equal(cost('{ items(first: 2) { ...E } } fragment E on ItemConnection { edges { node { ...F } } } fragment F on Item { id name }'), plain);
    assert.equal(cost('{ items(first: 2) { ... on ItemConnection { edges { node { ... { id name } } } } } }'), plain);
    assert.equal(cost('{ node(id: "x") { id ... on Item { parts { id } } } }'), 1 + 1 + 1 + UNPAGED_LIST_SIZE);
  });

  test('a fragment used many times is priced each time', () => {
    assert.equal(cost('{ a: items(first: 2) { ...E } b: items(first: 4) { ...E } } fragment E on ItemConnection { edges { cursor } }'), (1 + 1 + 2) + (1 + 1 + 4));
  });

  test('introspection costs 1 per top field', () => {
    assert.equal(cost('{ __schema { types { name fields { name args { name } } } } }'), 1);
    assert.equal(cost('{ __typename tags }'), 2);
  });
});

describe('costLimitRule', () => {
  const run = (query: string, maxCost: number, extra: Partial<Parameters<typeof costLimitRule>[0]> = {}) => validate(schema, parse(query), [costLimitRule({ maxCost, ...extra })]);

  test('rejects an operation over the limit with QUERY_TOO_COSTLY, giving cost and limit', () => {
    // items 1 + edges (1 + 20 × (node 1 + id 1)) = 42
    const errors = run('{ items { edges { node { id } } } }', 41);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.extensions.code, 'QUERY_TOO_COSTLY');
    assert.equal(errors[0]!.extensions.cost, 42);
    assert.match(errors[0]!.message, /^query cost 42 is over the limit of 41 \(SUPPLYGRAPH_MAX_QUERY_COST\)/);
    assert.deepEqual(run('{ items { edges { node { id } } } }', 42), []);
  });

  test('uses the request variables', () => {
    const q = 'query($n: Int) { items(first: $n) { edges { cursor } } }';
    assert.deepEqual(run(q, 10, { variables: { n: 8 } }), []);
    assert.equal(run(q, 10, { variables: { n: 9 } }).length, 1);
  });

  test('checks only the operation that will run when one is named', () => {
    const q = 'query Cheap { tags } query Costly { things { parts { parts { id } } } }';
    assert.deepEqual(run(q, 100, { operationName: 'Cheap' }), []);
    assert.equal(run(q, 100, { operationName: 'Costly' }).length, 1);
    assert.equal(run(q, 100).length, 1, 'without a name every operation is checked');
  });

  test('huge costs are reported readably', () => {
    const q = '{ items(first: 1000000) { edges { node { children(first: 1000000) { edges { node { children(first: 1000000) { edges { node { id } } } } } } } } } }';
    const [err] = run(q, 50_000);
    assert.match(err!.message, /^query cost \d\.\d\de\+\d+ is over/);
  });
});

describe('the real schema at the default limits', () => {
  const real = buildSchema(readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'schema', 'graphql', 'supplygraph.graphql'), 'utf8'));
  const rules = [...specifiedRules, costLimitRule({ maxCost: 50_000, maxPageSize: 500 })];
  const check = (query: string) => {
    const doc = parse(query);
    return [...checkQueryShape(doc, { maxDepth: 12, maxAliases: 50, maxFields: 500 }), ...validate(real, doc, rules)];
  };

  test('everyday queries pass', () => {
    const everyday = [
      `query($purl: String!, $transitive: Boolean) { dependents(purl: $purl, transitive: $transitive) {
         targets { id } components { totalCount edges { node { depth path component { id kind } } } }
         sboms { totalCount edges { node { id name } } } subjects { subject { id } sbom { id } } } }`,
      '{ sboms(first: 10) { totalCount edges { node { id componentCount subject { id } components(first: 2) { totalCount } } } } }',
      '{ sboms(first: 50) { edges { node { id components { edges { node { component { id purl name version } ref type scope } } } } } } }',
      '{ package(purl: "pkg:npm/ms") { name versions { purl sboms { id } } } }',
      '{ dependencies(purl: "pkg:npm/a@1", first: 500) { edges { node { depth path via component { id kind purl name version } } } } }',
    ];
    for (const q of everyday) assert.deepEqual(check(q).map((e) => e.message), [], q);
  });

  test('asking for every component of the largest pages of SBOMs is refused', () => {
    const errors = check('{ sboms(first: 500) { edges { node { id components(first: 500) { edges { node { component { id } } } } } } } }');
    assert.deepEqual(errors.map((e) => e.extensions.code), ['QUERY_TOO_COSTLY']);
  });
});
