import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../app.js';

/** Liveness says the process answers; readiness says it can do its job (graph and queue reachable). */
export async function healthRoutes(app: FastifyInstance, deps: ApiDependencies): Promise<void> {
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
    await Promise.all([probe('graph', () => deps.store.ping()), probe('queue', () => deps.queue.ping())]);
    const ready = Object.values(checks).every((c) => c.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', engine: deps.store.engine, queue: deps.queue.kind, checks });
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
