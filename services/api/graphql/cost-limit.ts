/**
 * A static cost for a GraphQL operation, checked before any resolver runs.
 *
 * Every field costs 1. A list multiplies the cost of what is selected inside
 * it by the number of items it can hold:
 *
 *   - a field with a `first` argument (a connection, or a paged list) sets the
 *     page size: the value given (a literal or a variable), else the
 *     argument's default in the schema; values above SUPPLYGRAPH_MAX_PAGE_SIZE
 *     count as the cap (the resolver refuses them anyway);
 *   - the first list below it (`edges`, or the field itself when it returns a
 *     list) is multiplied by that page size — `dependents(first: 100) {
 *     components { edges { … } } }` costs 100 × the edge's selection;
 *   - a list with no enclosing page size (`versions`, `files`, …) counts as
 *     UNPAGED_LIST_SIZE items.
 *
 * Fragments (named and inline) are followed; introspection fields (`__schema`,
 * `__type`, `__typename`) cost 1 whatever they select, since their answer is
 * bounded by the schema. `@skip`/`@include` are ignored (worst case).
 *
 * The schema drives everything — no field names are hard-coded — so new
 * connections are priced as soon as they exist.
 */
import {
  GraphQLError, Kind, getNamedType, getNullableType, isCompositeType, isInterfaceType, isListType, isObjectType, valueFromAST,
  type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValidationContext, type VariableDefinitionNode,
} from 'graphql';
import type { ApiErrorCode } from './errors.js';

export const UNPAGED_LIST_SIZE = 10;

export interface CostOptions {
  /** The request's variables, when known (a `first: $n` is priced with them). */
  variables?: Record<string, unknown> | null;
  /** SUPPLYGRAPH_MAX_PAGE_SIZE: page sizes above it count as it. */
  maxPageSize?: number;
  /** Items assumed for a list no `first` bounds. */
  unpagedListSize?: number;
}

export interface CostLimitOptions extends CostOptions {
  maxCost: number;
  /** Only this operation is checked when set (the one that will run). */
  operationName?: string | null;
}

/** The cost of one operation of `fragments`' document, as described in the module comment. */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  options: CostOptions = {},
): number {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const unpaged = options.unpagedListSize ?? UNPAGED_LIST_SIZE;
  const variables = options.variables ?? {};
  const variableDefs = new Map<string, VariableDefinitionNode>((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  const fragmentMemo = new Map<string, number>();

  const pageSize = (field: FieldNode, def: GraphQLField<unknown, unknown>): number | null => {
    const arg = def.args.find((a) => a.name === 'first');
    if (!arg) return null;
    const node = field.arguments?.find((a) => a.name.value === 'first')?.value;
    let value: unknown;
    if (node?.kind === Kind.VARIABLE) {
      const name = node.name.value;
      value = variables[name];
      if (value === undefined) {
        const varDefault = variableDefs.get(name)?.defaultValue;
        value = varDefault ? valueFromAST(varDefault, arg.type) : undefined;
      }
    } else if (node) {
      value = valueFromAST(node, arg.type);
    }
    if (value === undefined || value === null) value = arg.defaultValue;
    let n = typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : (options.maxPageSize ?? unpaged);
    if (options.maxPageSize !== undefined) n = Math.min(n, options.maxPageSize);
    return n;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, inheritedPage: number | null, visiting: ReadonlySet<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        total += fieldCost(sel, parent, inheritedPage, visiting);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (t && isCompositeType(t)) total += selectionCost(sel.selectionSet, t, inheritedPage, visiting);
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        if (!frag || visiting.has(name)) continue; // unknown fragments and cycles are reported by the standard rules
        const key = `${name}|${inheritedPage ?? ''}`;
        let cost = fragmentMemo.get(key);
        if (cost === undefined) {
          const t = schema.getType(frag.typeCondition.name.value);
          cost = t && isCompositeType(t) ? selectionCost(frag.selectionSet, t, inheritedPage, new Set([...visiting, name])) : 0;
          fragmentMemo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLCompositeType, inheritedPage: number | null, visiting: ReadonlySet<string>): number => {
    if (field.name.value.startsWith('__')) return 1;
    const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : undefined;
    if (!def || !field.selectionSet) return 1;
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) return 1;
    const page = pageSize(field, def) ?? inheritedPage;
    const inner = (p: number | null): number => selectionCost(field.selectionSet!, named, p, visiting);
    if (isListType(getNullableType(def.type))) return 1 + (page ?? unpaged) * inner(null);
    return 1 + inner(page);
  };

  return selectionCost(operation.selectionSet, rootType, null, new Set());
}

/** Validation rule rejecting operations whose cost is above `maxCost` with code QUERY_TOO_COSTLY. */
export function costLimitRule(options: CostLimitOptions): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    return {
      OperationDefinition(node) {
        if (options.operationName && node.name?.value !== options.operationName) return;
        const cost = operationCost(context.getSchema(), node, fragments, options);
        if (cost > options.maxCost) {
          context.reportError(new GraphQLError(
            `query cost ${formatCost(cost)} is over the limit of ${options.maxCost} (SUPPLYGRAPH_MAX_QUERY_COST): each field costs 1 and lists multiply what they select by their page size (\`first\`, or ${options.unpagedListSize ?? UNPAGED_LIST_SIZE} for unpaged lists); ask for smaller pages, fewer nested lists, or page with \`after\``,
            { nodes: [node], extensions: { code: 'QUERY_TOO_COSTLY' satisfies ApiErrorCode, cost, maxCost: options.maxCost } },
          ));
        }
      },
    };
  };
}

function formatCost(cost: number): string {
  return Number.isSafeInteger(cost) ? String(cost) : cost.toExponential(2);
}
