/**
 * Who is calling (identify) and whether they may use a route (authorize), as
 * pure functions of the Authorization header, the configured tokens and the
 * route's declared scope. The Fastify plugin only wires these into hooks.
 */
import { hasScope, SCOPES, type Scope, type TokenRegistry } from './tokens.js';

/**
 * What a route needs: `public` (anyone, no token looked at), one scope, or a
 * list of scopes of which any one suffices. A route that declares nothing
 * needs `admin`, so a forgotten declaration fails closed.
 */
export type RouteScope = 'public' | Scope | readonly Scope[];
export const DEFAULT_ROUTE_SCOPE: RouteScope = 'admin';

export interface Principal {
  /** `token`: a configured token; `anonymous`: no Authorization header (or authentication is off). */
  kind: 'token' | 'anonymous';
  /** The token's configured name, or `anonymous`. */
  name: string;
  scopes: readonly Scope[];
}

export interface Identity {
  principal: Principal;
  /** Why the presented credentials were refused (unknown token, not Bearer, …); null when none were presented or they were good. */
  failure: string | null;
}

export interface AuthSettings {
  tokens: TokenRegistry;
  anonymousRead: boolean;
}

export type AuthDecision =
  | { ok: true }
  | { ok: false; status: 401 | 403; code: 'UNAUTHORIZED' | 'FORBIDDEN'; message: string; wwwAuthenticate: string };

const HINT = 'send Authorization: Bearer <token>; see SUPPLYGRAPH_API_TOKENS';

/** The scopes of a caller without a token. */
export function anonymousScopes(settings: AuthSettings): readonly Scope[] {
  if (!settings.tokens.enabled) return [...SCOPES]; // authentication off: the embedded default is an open, local API
  return settings.anonymousRead ? ['read'] : [];
}

export function identify(authorization: string | undefined, settings: AuthSettings): Identity {
  const anonymous: Principal = { kind: 'anonymous', name: 'anonymous', scopes: anonymousScopes(settings) };
  // With no tokens configured there is nothing to check a token against; clients that send one anyway still work.
  if (!settings.tokens.enabled || authorization === undefined || authorization.trim() === '') return { principal: anonymous, failure: null };
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!m) return { principal: anonymous, failure: 'the Authorization header is not "Bearer <token>"' };
  const entry = settings.tokens.lookup(m[1]!);
  if (!entry) return { principal: anonymous, failure: 'the bearer token is not one this server knows' };
  return { principal: { kind: 'token', name: entry.name, scopes: entry.scopes }, failure: null };
}

export function requiredScopes(route: RouteScope): readonly Scope[] | 'public' {
  if (route === 'public') return 'public';
  return typeof route === 'string' ? [route] : route;
}

/** `what` names the operation for messages, e.g. `POST /api/v1/documents`. */
export function authorize(identity: Identity, route: RouteScope | undefined, what: string): AuthDecision {
  const needed = requiredScopes(route ?? DEFAULT_ROUTE_SCOPE);
  if (needed === 'public') return { ok: true };
  const neededText = needed.map((s) => `"${s}"`).join(' or ');
  if (identity.failure !== null) {
    return { ok: false, status: 401, code: 'UNAUTHORIZED', message: `${identity.failure}: ${HINT}`, wwwAuthenticate: 'Bearer realm="supplygraph", error="invalid_token"' };
  }
  const { principal } = identity;
  if (needed.some((s) => hasScope(principal.scopes, s))) return { ok: true };
  if (principal.kind === 'anonymous') {
    const why = principal.scopes.length === 0 ? 'this server does not allow anonymous access' : `anonymous callers may only ${principal.scopes.join(', ')}`;
    return { ok: false, status: 401, code: 'UNAUTHORIZED', message: `${what} needs a token with the ${neededText} scope and ${why}: ${HINT}`, wwwAuthenticate: 'Bearer realm="supplygraph"' };
  }
  return {
    ok: false, status: 403, code: 'FORBIDDEN',
    message: `token "${principal.name}" has scope ${principal.scopes.join('+')}; ${what} needs ${neededText} (or "admin")`,
    wwwAuthenticate: `Bearer realm="supplygraph", error="insufficient_scope", scope="${needed.join(' ')}"`,
  };
}
