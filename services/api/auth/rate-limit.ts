/**
 * Per-caller rate limiting (@fastify/rate-limit): one budget per token name,
 * or per client address for anonymous callers (including ones whose token was
 * refused, so guessing tokens is throttled too). Routes whose config says
 * `rateLimit: false` (health, readiness, metrics) are not counted.
 */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { AUTH_PLUGIN_NAME } from './plugin.js';

export interface RateLimitPluginOptions {
  /** Requests per minute per caller; 0 turns rate limiting off. */
  perMinute: number;
}

export function rateLimitKey(req: FastifyRequest): string {
  return req.principal?.kind === 'token' ? `token:${req.principal.name}` : `ip:${req.ip}`;
}

async function rateLimitPlugin(app: FastifyInstance, opts: RateLimitPluginOptions): Promise<void> {
  if (opts.perMinute <= 0) return;
  await app.register(rateLimit, {
    global: true,
    max: opts.perMinute,
    timeWindow: 60_000,
    hook: 'onRequest',
    keyGenerator: rateLimitKey,
    allowList: (req) => req.routeOptions.config.rateLimit === false,
    errorResponseBuilder: (req, ctx) => {
      const who = req.principal?.kind === 'token' ? `token "${req.principal.name}"` : 'this address';
      return new HttpError(429, 'RATE_LIMITED', `more than ${ctx.max} requests in a minute from ${who} (SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE); retry in ${ctx.after}`);
    },
  });
}

export default fp(rateLimitPlugin, { fastify: '5.x', name: 'supplygraph-rate-limit', dependencies: [AUTH_PLUGIN_NAME] });
