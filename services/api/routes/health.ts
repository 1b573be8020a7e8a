import type { FastifyInstance } from 'fastify';
import type { QueueBacklog, JobQueue } from '../../queue/job-queue.js';
import type { GraphStore } from '../../graph/store.js';

/**
 * Liveness says the process answers; readiness says it can do its job (graph
 * and queue reachable). A full ingest queue does not make the process unready:
 * every API process shares the queue, so taking them out of rotation would stop
 * reads too while uploads are refused anyway (503 QUEUE_FULL). /readyz reports
 * the backlog and `saturated` instead, for dashboards and operators.
 */

/** What these routes use, and nothing else. */
export interface HealthDependencies {
  store: GraphStore;
  queue: JobQueue;
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDependencies): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const checks: Record<string, { ok: boolean; error?: string }> = {};
    const probe = async (name: string, f: () => Promise<void>): Promise<void> => {
      try {
        await withTimeout(f(), 3000);
        checks[name] = { ok: true };
      } catch (err) {
        checks[name] = { ok: false, error: (err as Error).message };
      }
    };
    const seen: { backlog?: QueueBacklog } = {};
    await Promise.all([
      probe('graph', () => deps.store.ping()),
      probe('queue', async () => {
        await deps.queue.ping();
        seen.backlog = await deps.queue.backlog();
      }),
    ]);
    const ready = Object.values(checks).every((c) => c.ok);
    const caps = deps.queue.caps;
    const b = seen.backlog;
    const queueBacklog = b === undefined ? null : {
      jobs: b.jobs,
      bytes: b.bytes,
      maxWaitingJobs: caps?.maxWaitingJobs ?? null,
      maxWaitingBytes: caps?.maxWaitingBytes ?? null,
      saturated: caps !== null && (b.jobs >= caps.maxWaitingJobs || b.bytes >= caps.maxWaitingBytes),
    };
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', engine: deps.store.engine, queue: deps.queue.kind, queueBacklog, recovery: deps.store.recovery ?? null, checks });
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
