import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';
import type { DocumentLifecycleCode } from '../documents/errors.js';
import type { ImporterErrorCode } from '../importers/errors.js';

/** The REST routes' own codes (docs/architecture.md#error-codes). */
export const REST_ERROR_CODES = [
  'BAD_REQUEST',
  'EMPTY_BODY',
  'NOT_A_DOCUMENT',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'JOB_NOT_FOUND',
  'DOCUMENT_CONTENT_UNAVAILABLE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUEUE_FULL',
  'CONSOLE_NOT_BUILT',
  'INTERNAL_ERROR',
] as const;

/**
 * Every `error.code` a REST answer can carry: the routes' own, the document
 * lifecycle's and the importers' (passed through as raised), and Fastify's own
 * client errors (`FST_ERR_…`, e.g. an unsupported content type).
 */
export type RestErrorCode = (typeof REST_ERROR_CODES)[number] | DocumentLifecycleCode | ImporterErrorCode | `FST_${string}`;

export function sendError(reply: FastifyReply, status: number, code: RestErrorCode, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/**
 * An error that is the answer: thrown from a hook or handler, it is sent as
 * `{ error: { code, message } }` with its status and headers (WWW-Authenticate, …).
 */
export class HttpError extends SupplygraphError<RestErrorCode> {
  constructor(readonly statusCode: number, code: RestErrorCode, message: string, readonly headers: Readonly<Record<string, string>> = {}) {
    super(code, message, { transient: statusCode === 429 || statusCode === 503 });
  }
}

/** Body limits: uploads have their own (configurable); every other request body (GraphQL, JSON) is small. */
export interface BodyLimits {
  /** SUPPLYGRAPH_MAX_UPLOAD_BYTES, for POST /api/v1/documents. */
  uploadBytes: number;
  /** The fixed limit of every other request body. */
  requestBytes: number;
}

export const UPLOAD_ROUTE = '/api/v1/documents';

/** One error shape for every route: `{ error: { code, message } }`. */
export function errorHandler(limits: BodyLimits) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if ((err as unknown) instanceof HttpError) {
      const h = err as unknown as HttpError;
      for (const [name, value] of Object.entries(h.headers)) reply.header(name, value);
      return sendError(reply, h.statusCode, h.code, h.message);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      if (req.routeOptions.url === UPLOAD_ROUTE) {
        return sendError(reply, 413, 'PAYLOAD_TOO_LARGE', `the upload is larger than the limit of ${limits.uploadBytes} bytes (SUPPLYGRAPH_MAX_UPLOAD_BYTES); compress it (gzip, zstd, …) or raise the limit`);
      }
      return sendError(reply, 413, 'PAYLOAD_TOO_LARGE', `the request body is larger than the limit of ${limits.requestBytes} bytes for GraphQL and other non-upload requests (fixed, not configurable); pass large values as variables of a smaller query, or split the request`);
    }
    if (err.validation) return sendError(reply, 400, 'BAD_REQUEST', err.message);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, err.statusCode, fastifyClientCode(err.code), err.message);
    req.log.error({ err }, 'request failed');
    return sendError(reply, 500, 'INTERNAL_ERROR', 'internal error; see the server log');
  };
}

/** Fastify's own codes pass through (scripts may know them); anything else a 4xx carries is a plain bad request. */
function fastifyClientCode(code: string | undefined): RestErrorCode {
  return code !== undefined && /^FST_[A-Z0-9_]+$/.test(code) ? (code as `FST_${string}`) : 'BAD_REQUEST';
}
