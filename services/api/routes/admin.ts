import type { FastifyInstance } from 'fastify';
import type { CheckReport } from '../../integrity/check.js';

export interface AdminDependencies {
  /** The integrity check (re-derive every stored document, compare with the graph). */
  checkGraph: (options: { maxMismatches: number }) => Promise<CheckReport>;
}

/** Operations on the whole store: admin scope only. */
export async function adminRoutes(app: FastifyInstance, deps: AdminDependencies): Promise<void> {
  app.post<{ Querystring: { maxMismatches?: number } }>('/api/v1/admin/check', {
    config: { scope: 'admin' },
    schema: { querystring: { type: 'object', properties: { maxMismatches: { type: 'integer', minimum: 0, maximum: 100_000, default: 1000 } } } },
  }, async (req) => deps.checkGraph({ maxMismatches: req.query.maxMismatches ?? 1000 }));
}
