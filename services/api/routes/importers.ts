/**
 * Importers over HTTP (admin scope): list, status, and start a run — of a
 * configured importer, or once for a kind and source (`supplygraph importer
 * run osv <url-or-path>`; a path is read by the server). A run is started and
 * answered 202 at once; its progress is the importer's status.
 */
import type { FastifyInstance } from 'fastify';
import { ImporterError } from '../../importers/errors.js';
import { IMPORTER_KINDS } from '../../importers/config.js';
import type { Importers } from '../../importers/service.js';
import { HttpError } from '../errors.js';

const STATUS_BY_CODE: Record<string, number> = { IMPORTER_NOT_FOUND: 404, IMPORTER_BUSY: 409, IMPORTER_CONFIG_INVALID: 400 };

function answer(err: unknown): unknown {
  if (err instanceof ImporterError) return new HttpError(STATUS_BY_CODE[err.code] ?? 500, err.code, err.message);
  return err;
}

export async function importerRoutes(app: FastifyInstance, deps: { importers: Importers }): Promise<void> {
  const { importers } = deps;
  const admin = { config: { scope: 'admin' as const } };
  const nameParam = { type: 'object', properties: { name: { type: 'string', maxLength: 100 } }, required: ['name'] };

  app.get('/api/v1/admin/importers', admin, async () => ({ importers: await importers.list() }));

  app.get<{ Params: { name: string } }>('/api/v1/admin/importers/:name', { ...admin, schema: { params: nameParam } }, async (req) => {
    try {
      return await importers.status(req.params.name);
    } catch (err) {
      throw answer(err);
    }
  });

  app.post<{ Params: { name: string } }>('/api/v1/admin/importers/:name/run', { ...admin, schema: { params: nameParam } }, async (req, reply) => {
    try {
      const started = await importers.runConfigured(req.params.name);
      return reply.code(202).header('location', `/api/v1/admin/importers/${started.importer}`).send(started);
    } catch (err) {
      throw answer(err);
    }
  });

  app.post<{ Body: { kind: string; source: string } }>('/api/v1/admin/importers/run', {
    ...admin,
    schema: {
      body: {
        type: 'object',
        properties: { kind: { type: 'string', enum: [...IMPORTER_KINDS] }, source: { type: 'string', minLength: 1, maxLength: 4096 } },
        required: ['kind', 'source'],
        additionalProperties: false,
      },
    },
  }, async (req, reply) => {
    try {
      const started = await importers.runAdhoc(req.body.kind, req.body.source);
      return reply.code(202).header('location', `/api/v1/admin/importers/${started.importer}`).send(started);
    } catch (err) {
      throw answer(err);
    }
  });
}
