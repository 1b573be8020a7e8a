/**
 * The shape of a GraphQL operation — nesting depth, fields and aliases once
 * every fragment is expanded — measured in time linear in the document's size
 * and checked before any other validation (the standard rules include
 * OverlappingFieldsCanBeMerged, quadratic in the fields of a selection set).
 *
 * Each fragment is measured once and its figures reused wherever it is spread,
 * so a chain of fragments each spreading the previous one twice (whose
 * expansion doubles per level) costs one visit per fragment, not 2^levels.
 * Expanded counts can be astronomically large; they are plain numbers and
 * only compared with the limits. A fragment that spreads itself (directly or
 * through others) is reported instead of followed.
 *
 * Introspection fields (`__schema`, `__type`, `__typename`) count as one field
 * and are not descended into: their answer is bounded by the schema.
 */
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface QueryShape {
  /** Deepest chain of nested fields (a root field is depth 1). */
  depth: number;
  /** Fields the operation selects, fragments expanded. */
  fields: number;
  /** Aliased fields, fragments expanded (each alias is one more resolver call). */
  aliases: number;
}

export interface QueryShapeLimits {
  /** SUPPLYGRAPH_MAX_QUERY_DEPTH */
  maxDepth: number;
  /** SUPPLYGRAPH_MAX_QUERY_ALIASES */
  maxAliases: number;
  /** SUPPLYGRAPH_MAX_QUERY_FIELDS */
  maxFields: number;
}

export type QueryShapeErrorCode = 'QUERY_TOO_DEEP' | 'QUERY_TOO_MANY_ALIASES' | 'QUERY_TOO_MANY_FIELDS' | 'GRAPHQL_VALIDATION_FAILED';

const EMPTY: QueryShape = { depth: 0, fields: 0, aliases: 0 };

/**
 * The shape of every operation in `document`, and the fragment cycles found
 * on the way (as errors; a cycle contributes nothing to the shape).
 */
export function measureQueryShapes(document: DocumentNode): { operations: Map<OperationDefinitionNode, QueryShape>; cycles: GraphQLError[] } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const memo = new Map<string, QueryShape>();
  const onStack = new Set<string>();
  const cycles: GraphQLError[] = [];
  const reportedCycles = new Set<string>();

  const fragmentShape = (name: string): QueryShape => {
    const known = memo.get(name);
    if (known) return known;
    const frag = fragments.get(name);
    if (!frag) return EMPTY; // unknown fragments are reported by the standard rules
    if (onStack.has(name)) {
      if (!reportedCycles.has(name)) {
        reportedCycles.add(name);
        cycles.push(new GraphQLError(`fragment "${name}" spreads itself (directly or through other fragments); fragments must not form cycles`, {
          nodes: [frag], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }));
      }
      return EMPTY;
    }
    onStack.add(name);
    const shape = selectionShape(frag.selectionSet);
    onStack.delete(name);
    memo.set(name, shape);
    return shape;
  };

  // Depth is relative to the selection set's owner, so one fragment's figures fit every place it is spread.
  const selectionShape = (set: SelectionSetNode): QueryShape => {
    let depth = 0;
    let fields = 0;
    let aliases = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        fields += 1;
        if (sel.alias) aliases += 1;
        if (sel.name.value.startsWith('__')) continue;
        const inner = sel.selectionSet ? selectionShape(sel.selectionSet) : EMPTY;
        depth = Math.max(depth, 1 + inner.depth);
        fields += inner.fields;
        aliases += inner.aliases;
      } else {
        const inner = sel.kind === Kind.INLINE_FRAGMENT ? selectionShape(sel.selectionSet) : fragmentShape(sel.name.value);
        depth = Math.max(depth, inner.depth);
        fields += inner.fields;
        aliases += inner.aliases;
      }
    }
    return { depth, fields, aliases };
  };

  const operations = new Map<OperationDefinitionNode, QueryShape>();
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) operations.set(def, selectionShape(def.selectionSet));
  }
  // Fragments no operation uses still must not form cycles (the standard rule says the same, later and slower).
  for (const name of fragments.keys()) fragmentShape(name);
  return { operations, cycles };
}

/** Errors for every operation over a limit, and for fragment cycles; empty when the document is within bounds. */
export function checkQueryShape(document: DocumentNode, limits: QueryShapeLimits): GraphQLError[] {
  const { operations, cycles } = measureQueryShapes(document);
  const errors = [...cycles];
  for (const [node, shape] of operations) {
    const error = (code: QueryShapeErrorCode, message: string): GraphQLError =>
      new GraphQLError(message, { nodes: [node], extensions: { code, ...shape } });
    if (shape.depth > limits.maxDepth) {
      errors.push(error('QUERY_TOO_DEEP', `query is nested ${shape.depth} levels deep; the limit is ${limits.maxDepth} (SUPPLYGRAPH_MAX_QUERY_DEPTH)`));
    }
    if (shape.aliases > limits.maxAliases) {
      errors.push(error('QUERY_TOO_MANY_ALIASES', `query uses ${formatCount(shape.aliases)} aliases (fragments expanded); the limit is ${limits.maxAliases} (SUPPLYGRAPH_MAX_QUERY_ALIASES): send several smaller requests, or page with \`first\`/\`after\``));
    }
    if (shape.fields > limits.maxFields) {
      errors.push(error('QUERY_TOO_MANY_FIELDS', `query selects ${formatCount(shape.fields)} fields (fragments expanded); the limit is ${limits.maxFields} (SUPPLYGRAPH_MAX_QUERY_FIELDS): select fewer fields or split the query`));
    }
  }
  return errors;
}

function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : n.toExponential(2);
}
