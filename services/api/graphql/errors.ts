import type { DocumentLifecycleCode } from '../../documents/errors.js';
import { GraphQLError } from 'graphql';

/** Every `extensions.code` a resolved field or the cost limit can answer with (docs/architecture.md#error-codes). */
export const API_ERROR_CODES = ['BAD_USER_INPUT', 'BAD_PURL', 'QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY', 'QUERY_TIMEOUT', 'QUERY_OUT_OF_MEMORY', 'GRAPH_UNAVAILABLE', 'INTERNAL_ERROR', 'FORBIDDEN'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number] | DocumentLifecycleCode;

export function apiError(code: ApiErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
