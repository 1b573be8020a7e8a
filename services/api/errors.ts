import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/**
 * An error that is the answer: thrown from a hook or handler, it is sent as
 * `{ error: { code, message } }` with its status and headers (WWW-Authenticate, …).
 */
export class HttpError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'HttpError';
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
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, err.statusCode, err.code ?? 'BAD_REQUEST', err.message);
    req.log.error({ err }, 'request failed');
    return sendError(reply, 500, 'INTERNAL_ERROR', 'internal error; see the server log');
  };
}
