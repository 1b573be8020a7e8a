import type { DocumentLifecycleCode } from '../../documents/errors.js';
import { GraphQLError } from 'graphql';

export type ApiErrorCode = 'BAD_USER_INPUT' | 'BAD_PURL' | 'QUERY_TOO_DEEP' | 'QUERY_TIMEOUT' | 'QUERY_OUT_OF_MEMORY' | 'GRAPH_UNAVAILABLE' | 'INTERNAL_ERROR'
  | 'FORBIDDEN' | DocumentLifecycleCode;

export function apiError(code: ApiErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
