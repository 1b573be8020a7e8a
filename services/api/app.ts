/**
 * The HTTP API as Fastify plugins, each given exactly the dependencies it uses.
 * Uploads are in their own encapsulated plugin because they take raw bytes.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import type { BlobStore } from '../blobstore/blob-store.js';
import type { GraphStore } from '../graph/store.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Logger } from '../log/logger.js';
import { errorHandler } from './errors.js';
import { graphqlRoutes } from './graphql/plugin.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoutes } from './routes/metrics.js';
import type { ServiceMetrics } from '../metrics/metrics.js';

export interface ApiDependencies {
  config: Config;
  store: GraphStore;
  queue: JobQueue;
  blobs: BlobStore;
  metrics: ServiceMetrics;
  /** A worker process serves only health and metrics. */
  role: 'server' | 'worker';
}

export async function buildApi(deps: ApiDependencies, log: Logger): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: log as unknown as FastifyBaseLogger, bodyLimit: 1024 * 1024, trustProxy: false });
  app.setErrorHandler(errorHandler(deps.config.limits.maxUploadBytes));
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}; the API is under /api/v1, GraphQL at /graphql, GraphiQL at /graphiql` } }));
  await app.register(healthRoutes, deps);
  await app.register(metricsRoutes, deps);
  if (deps.role === 'worker') return app;
  await app.register(jobRoutes, deps);
  await app.register(graphqlRoutes, deps);
  await app.register(documentRoutes, deps);
  return app;
}
