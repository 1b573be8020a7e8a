import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from '../../metrics/metrics.js';

/** What these routes use, and nothing else. */
export interface MetricsDependencies {
  metrics: ServiceMetrics;
}

export async function metricsRoutes(app: FastifyInstance, deps: MetricsDependencies): Promise<void> {
  app.get('/metrics', async (_req, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });
}
