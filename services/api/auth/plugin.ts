/**
 * Authentication and authorization for the HTTP API.
 *
 *   onRequest   identify: the Authorization header becomes `request.principal`
 *               (a configured token, or anonymous) — nothing is refused yet, so
 *               the rate limiter (a route-level onRequest hook, which runs after
 *               this one) can key on the caller, and bad credentials are
 *               rate-limited by address like any anonymous request.
 *   preParsing  authorize: the route's declared scope (`config.scope`) against
 *               the principal; 401 / 403 before a byte of the body is read.
 *
 * A route declares what it needs in its options: `config: { scope: 'ingest' }`,
 * `'public'`, or a list of scopes any one of which suffices. A route without a
 * declaration needs `admin` (fail closed).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { authorize, identify, type AuthSettings, type Principal, type RouteScope } from './policy.js';
import { TokenRegistry, type ApiTokenEntry } from './tokens.js';

export const AUTH_PLUGIN_NAME = 'supplygraph-auth';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a caller needs to use this route; see services/api/auth/plugin.ts. */
    scope?: RouteScope;
  }
  interface FastifyRequest {
    /** Who is calling; set by the auth plugin before any handler runs. */
    principal: Principal;
    /** Why presented credentials were refused, or null. */
    authFailure: string | null;
  }
}

export interface AuthPluginOptions {
  tokens: readonly ApiTokenEntry[];
  /** Whether callers without a token may use `read` routes while tokens are configured. */
  anonymousRead: boolean;
}

/** `GET /api/v1/jobs/:id`, for messages. */
export function describeRoute(req: FastifyRequest): string {
  return `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
}

async function authPlugin(app: FastifyInstance, opts: AuthPluginOptions): Promise<void> {
  const settings: AuthSettings = { tokens: new TokenRegistry(opts.tokens), anonymousRead: opts.anonymousRead };
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('authFailure', null);

  app.addHook('onRequest', async (req) => {
    const { principal, failure } = identify(req.headers.authorization, settings);
    req.principal = principal;
    req.authFailure = failure;
  });

  app.addHook('preParsing', async (req) => {
    if (req.is404) return; // let the not-found handler answer
    const decision = authorize({ principal: req.principal, failure: req.authFailure }, req.routeOptions.config.scope, describeRoute(req));
    if (decision.ok) return;
    req.log.info({ caller: req.principal.name, status: decision.status, reason: decision.code }, 'request refused');
    throw new HttpError(decision.status, decision.code, decision.message, { 'www-authenticate': decision.wwwAuthenticate });
  });
}

export default fp(authPlugin, { fastify: '5.x', name: AUTH_PLUGIN_NAME });
export type { Principal, RouteScope } from './policy.js';
