import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../app.js';

export async function metricsRoutes(app: FastifyInstance, deps: ApiDependencies): Promise<void> {
  app.get('/metrics', async (_req, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });
}
