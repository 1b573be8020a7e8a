/**
 * The shape of a GraphQL operation (services/api/graphql/query-shape.ts):
 * depth, fields and aliases with fragments expanded, measured once per
 * fragment, so documents whose expansion is exponential are refused at once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getIntrospectionQuery, parse } from 'graphql';
import { checkQueryShape, measureQueryShapes, type QueryShape } from '../../../services/api/graphql/query-shape.js';

const DEFAULTS = { maxDepth: 12, maxAliases: 50, maxFields: 500 };

function shape(query: string): QueryShape {
  const shapes = [...measureQueryShapes(parse(query)).operations.values()];
  assert.equal(shapes.length, 1);
  return shapes[0]!;
}

/** `levels` fragments, each spreading the previous one twice: 2^levels copies of the innermost selection. */
function fanOut(levels: number): string {
  let doc = `query { ...F${levels} }\nfragment F0 on Query { stats { nodes } }\n`;
  for (let i = 1; i <= levels; i++) doc += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return doc;
}

describe('measureQueryShapes', () => {
  test('counts depth, fields and aliases of a plain query', () => {
    assert.deepEqual(shape('{ a: stats { nodes edges } b: stats { nodes } sboms { edges { node { id } } } }'), { depth: 4, fields: 9, aliases: 2 });
  });

  test('follows named and inline fragments, at the depth they are spread', () => {
    const q = `{ sboms { edges { node { ...S } } } ... on Query { x: stats { ...T } } }
      fragment S on Sbom { id components { edges { node { ...T } } } }
      fragment T on Stats { nodes }`;
    // sboms > edges > node > components > edges > node > nodes = 7
    assert.deepEqual(shape(q), { depth: 7, fields: 10, aliases: 1 });
  });

  test('introspection fields count once and are not descended into', () => {
    assert.deepEqual(shape(getIntrospectionQuery()), { depth: 0, fields: 1, aliases: 0 });
    assert.deepEqual(shape('{ __typename stats { __typename nodes } }'), { depth: 2, fields: 4, aliases: 0 });
  });

  test('a 64-level fragment fan-out is measured without expanding it', { timeout: 30_000 }, () => {
    const s = shape(fanOut(64));
    assert.equal(s.depth, 2);
    assert.equal(s.fields, 2 * 2 ** 64);
  });

  test('fragment cycles are reported (once per fragment) and measuring ends', () => {
    const { operations, cycles } = measureQueryShapes(parse(`{ ...A }
      fragment A on Query { stats { nodes } ...B }
      fragment B on Query { ...A }
      fragment C on Query { ...C }`));
    assert.deepEqual([...operations.values()], [{ depth: 2, fields: 2, aliases: 0 }]);
    assert.deepEqual(cycles.map((e) => e.extensions.code), ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    assert.match(cycles.map((e) => e.message).join('\n'), /fragment "A" spreads itself/);
    assert.match(cycles.map((e) => e.message).join('\n'), /fragment "C" spreads itself/);
  });
});

describe('checkQueryShape at the default limits', () => {
  const codes = (query: string): unknown[] => checkQueryShape(parse(query), DEFAULTS).map((e) => e.extensions.code);

  test('the introspection query GraphiQL sends passes', () => {
    assert.deepEqual(codes(getIntrospectionQuery()), []);
  });

  test('a fan-out of fragments is refused for its expanded field count', () => {
    const errors = checkQueryShape(parse(fanOut(30)), DEFAULTS);
    assert.deepEqual(errors.map((e) => e.extensions.code), ['QUERY_TOO_MANY_FIELDS']);
    assert.match(errors[0]!.message, /selects 2147483648 fields .*SUPPLYGRAPH_MAX_QUERY_FIELDS/);
  });

  test('800 aliases of one field are refused', () => {
    const q = `{ ${Array.from({ length: 800 }, (_, i) => `a${i}: stats { nodes }`).join(' ')} }`;
    assert.deepEqual(codes(q), ['QUERY_TOO_MANY_ALIASES', 'QUERY_TOO_MANY_FIELDS']);
  });

  test('aliases hidden in a fragment spread many times count every time', () => {
    const q = `{ ${Array.from({ length: 11 }, () => '...F').join(' ')} } fragment F on Query { a: stats { nodes } b: stats { edges } c: stats { nodes } d: stats { edges } e: stats { nodes } }`;
    // 11 spreads of one fragment merge into one selection in GraphQL, but each is still walked: 55 aliases.
    assert.deepEqual(codes(q), ['QUERY_TOO_MANY_ALIASES']);
  });

  test('too deep through fragments is QUERY_TOO_DEEP naming the variable', () => {
    const q = `{ ...L0 } ${Array.from({ length: 12 }, (_, i) => `fragment L${i} on Component { dependsOn { ...L${i + 1} } }`).join(' ')} fragment L12 on Component { id }`;
    const errors = checkQueryShape(parse(q), DEFAULTS);
    assert.deepEqual(errors.map((e) => e.extensions.code), ['QUERY_TOO_DEEP']);
    assert.match(errors[0]!.message, /nested 13 levels deep; the limit is 12 \(SUPPLYGRAPH_MAX_QUERY_DEPTH\)/);
  });
});
