/**
 * The one place where what a resolver throws becomes an API error: every field
 * resolver of the schema is wrapped once, when the schema is built, so the
 * resolvers themselves just throw (QueryInputError, GraphError, a lifecycle
 * error, or an apiError that is already an answer).
 */
import { isIntrospectionType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { DocumentLifecycleError } from '../../documents/errors.js';
import { QueryInputError } from '../../graph/queries/components.js';
import { GraphError } from '../../graph/store.js';
import { apiError } from './errors.js';

/** The API error `err` stands for (`extensions.code`, docs/architecture.md#error-codes); anything else unchanged (answered as INTERNAL_ERROR). */
export function toApiError(err: unknown): unknown {
  if (err instanceof DocumentLifecycleError) return apiError(err.code, err.message);
  if (err instanceof QueryInputError) return apiError(err.code === 'BAD_PURL' ? 'BAD_PURL' : 'BAD_USER_INPUT', err.message);
  if (err instanceof GraphError) {
    if (err.code === 'GRAPH_TIMEOUT') return apiError('QUERY_TIMEOUT', `${err.message}; narrow the query (maxDepth, first) or raise SUPPLYGRAPH_QUERY_TIMEOUT_MS`);
    if (err.code === 'GRAPH_UNAVAILABLE') return apiError('GRAPH_UNAVAILABLE', err.message);
    if (err.code === 'GRAPH_OUT_OF_MEMORY') {
      return apiError('QUERY_OUT_OF_MEMORY', `${err.message}; narrow the query (via, maxLength, maxDepth, first) or give the graph more memory (Kuzu: SUPPLYGRAPH_KUZU_BUFFER_POOL_MB; Neo4j: db.memory.transaction.total.max)`);
    }
  }
  return err;
}

function withApiErrors<TSource, TContext, TArgs>(resolve: GraphQLFieldResolver<TSource, TContext, TArgs>): GraphQLFieldResolver<TSource, TContext, TArgs> {
  return (source, args, context, info) => {
    let result: unknown;
    try {
      result = resolve(source, args, context, info);
    } catch (err) {
      throw toApiError(err);
    }
    // A synchronous answer stays synchronous; a promise's rejection is mapped like a throw.
    return result instanceof Promise ? result.catch((err: unknown) => { throw toApiError(err); }) : result;
  };
}

/** Wraps every field resolver of `schema` (in place) so its errors pass through toApiError; fields resolved by default are left alone. */
export function mapResolverErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) field.resolve = withApiErrors(field.resolve);
    }
  }
  return schema;
}
