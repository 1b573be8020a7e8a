import type { FastifyInstance } from 'fastify';
import { JOB_STATES, type JobState, type JobQueue } from '../../queue/job-queue.js';
import { sendError } from '../errors.js';

/** What these routes use, and nothing else. */
export interface JobRouteDependencies {
  queue: JobQueue;
}

export async function jobRoutes(app: FastifyInstance, deps: JobRouteDependencies): Promise<void> {
  // An ingest-only token may follow the jobs it submitted (`upload --wait` polls this); listing jobs needs read.
  app.get<{ Params: { id: string } }>('/api/v1/jobs/:id', { config: { scope: ['read', 'ingest'] } }, async (req, reply) => {
    const job = await deps.queue.get(req.params.id);
    if (!job) return sendError(reply, 404, 'JOB_NOT_FOUND', `no job ${req.params.id} (finished jobs are kept for a limited time)`);
    return job;
  });

  app.get<{ Querystring: { state?: string; offset?: number; limit?: number } }>('/api/v1/jobs', {
    config: { scope: 'read' },
    schema: {
      querystring: {
        type: 'object',
        properties: {
          state: { type: 'string', enum: [...JOB_STATES] },
          offset: { type: 'integer', minimum: 0, default: 0 },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        },
      },
    },
  }, async (req) => {
    const state = (req.query.state ?? 'failed') as JobState;
    const jobs = await deps.queue.list(state, { offset: req.query.offset ?? 0, limit: req.query.limit ?? 50 });
    return { state, counts: await deps.queue.counts(), jobs };
  });
}
