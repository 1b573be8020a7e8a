/**
 * The HTTP API as Fastify plugins, each given exactly the dependencies it uses.
 * Uploads are in their own encapsulated plugin because they take raw bytes.
 *
 * Protection (docs/security.md): the auth plugin identifies the caller and
 * checks each route's declared scope; the rate limiter counts per caller.
 * Health, readiness and metrics are public and not rate-limited.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { Config } from '../config/config.js';
import type { BlobStore } from '../blobstore/blob-store.js';
import type { GraphStore } from '../graph/store.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Logger } from '../log/logger.js';
import authPlugin from './auth/plugin.js';
import rateLimitPlugin from './auth/rate-limit.js';
import { errorHandler } from './errors.js';
import { graphqlRoutes } from './graphql/plugin.js';
import { consoleRoutes } from './console/plugin.js';
import { documentContentRoutes } from './routes/document-content.js';
import { documentRoutes } from './routes/documents.js';
import { documentLifecycleRoutes } from './routes/document-lifecycle.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoutes } from './routes/metrics.js';
import { adminRoutes } from './routes/admin.js';
import { importerRoutes } from './routes/importers.js';
import type { Importers } from '../importers/service.js';
import type { CheckReport } from '../integrity/check.js';
import type { ServiceMetrics } from '../metrics/metrics.js';
import { projectRoot } from '../config/paths.js';
import path from 'node:path';
import type { DocumentLog } from '../recovery/document-log.js';

export interface ApiDependencies {
  config: Config;
  store: GraphStore;
  queue: JobQueue;
  blobs: BlobStore;
  metrics: ServiceMetrics;
  /** A worker process serves only health and metrics. */
  role: 'server' | 'worker';
  /** The embedded store's document log (null on Neo4j): deletions are recorded in it. */
  documentLog?: DocumentLog | null;
  /** `supplygraph check` on the server's own store (admin route). */
  checkGraph?: (options: { maxMismatches: number }) => Promise<CheckReport>;
  /** Importers: list, status and run (admin routes). */
  importers?: Importers;
}

/** Every request body but an upload: GraphQL queries and JSON are small. */
export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApi(deps: ApiDependencies, log: Logger): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: log as unknown as FastifyBaseLogger, bodyLimit: REQUEST_BODY_LIMIT_BYTES, trustProxy: false });
  app.setErrorHandler(errorHandler({ uploadBytes: deps.config.limits.maxUploadBytes, requestBytes: REQUEST_BODY_LIMIT_BYTES }));
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}; the console is at /, the API under /api/v1, GraphQL at /graphql, GraphiQL at /graphiql` } }));
  await app.register(authPlugin, { tokens: deps.config.auth.tokens, anonymousRead: deps.config.auth.anonymousRead });
  await app.register(rateLimitPlugin, { perMinute: deps.config.limits.rateLimitPerMinute });
  if (deps.role === 'server') logProtection(deps.config, log);
  // Probes and scrapes: no token, no rate limit (orchestrators and Prometheus call them often).
  await app.register(async (probes) => {
    probes.addHook('onRoute', (route: RouteOptions) => { route.config = { ...route.config, scope: 'public', rateLimit: false }; });
    await probes.register(healthRoutes, deps);
    await probes.register(metricsRoutes, deps);
  });
  if (deps.role === 'worker') return app;
  await app.register(jobRoutes, deps);
  await app.register(graphqlRoutes, deps);
  await app.register(documentRoutes, deps);
  if (deps.checkGraph) await app.register(adminRoutes, { checkGraph: deps.checkGraph });
  if (deps.importers) await app.register(importerRoutes, { importers: deps.importers });
  await app.register(documentContentRoutes, deps);
  await app.register(documentLifecycleRoutes, { store: deps.store, blobs: deps.blobs, limits: deps.config.limits, documentLog: deps.documentLog ?? null });
  await app.register(consoleRoutes, { dir: path.join(projectRoot(), 'dist', 'console') });
  return app;
}

function logProtection(config: Config, log: Logger): void {
  const { tokens, anonymousRead } = config.auth;
  const local = /^(127\.|::1$|localhost$)/.test(config.host);
  if (tokens.length === 0) {
    const msg = 'API authentication is off (no SUPPLYGRAPH_API_TOKENS): anyone who can reach the port can read and ingest';
    if (local) log.info(msg); else log.warn({ host: config.host }, msg);
    return;
  }
  log.info({ tokens: tokens.map((t) => `${t.name}:${t.scopes.join('+')}`), anonymousRead, rateLimitPerMinute: config.limits.rateLimitPerMinute }, 'API authentication on');
}
