/**
 * The documents supplygraph holds: list (read), delete (admin), relabel (admin
 * or ingest). Upload is services/api/routes/documents.ts, the original bytes
 * document-content.ts. Lifecycle errors answer with their code (services/documents/errors.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config/config.js';
import type { BlobStore } from '../../blobstore/blob-store.js';
import type { GraphStore } from '../../graph/store.js';
import type { DocumentLog } from '../../recovery/document-log.js';
import { sendError } from '../errors.js';
import { findDocuments, type DocumentFilter } from '../../graph/queries/documents.js';
import { deleteDocument } from '../../documents/delete-document.js';
import { documentId, DocumentLifecycleError } from '../../documents/errors.js';
import { parseLabel, readLabels, setDocumentLabels, validLabels } from '../../documents/labels.js';
import type { DocumentView } from '../../wire/documents.js';
import type { DocumentNode } from '../../../schema/ontology/nodes.js';

interface ListQuery {
  kind?: string; format?: string; name?: string; label?: string | string[];
  ingestedAfter?: string; ingestedBefore?: string; latest?: string; first?: string; after?: string;
}

/** A document as the API shows it: labels as an object, not the stored JSON. */
export function documentView(d: DocumentNode): DocumentView {
  const { ingestOptions: _options, labels, ...rest } = d;
  return { id: d.key, ...rest, labels: readLabels(labels) };
}

function isoInstant(name: string, value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new DocumentLifecycleError('BAD_DOCUMENT_FILTER', `${name} "${value}" is not an ISO-8601 date or instant`);
  return new Date(t).toISOString();
}

export function documentFilterFromQuery(q: ListQuery): DocumentFilter {
  const labels: Record<string, string> = {};
  for (const l of q.label === undefined ? [] : Array.isArray(q.label) ? q.label : [q.label]) {
    const [k, v] = parseLabel(l);
    labels[k] = v;
  }
  if (q.latest !== undefined && q.latest !== 'true' && q.latest !== 'false') throw new DocumentLifecycleError('BAD_DOCUMENT_FILTER', `latest must be true or false, not "${q.latest}"`);
  return {
    kind: q.kind ?? null, format: q.format ?? null, name: q.name ?? null, labels,
    ingestedAfter: isoInstant('ingestedAfter', q.ingestedAfter), ingestedBefore: isoInstant('ingestedBefore', q.ingestedBefore),
    latest: q.latest === undefined ? null : q.latest === 'true',
  };
}

function answer(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof DocumentLifecycleError) return sendError(reply, err.status, err.code, err.message);
  throw err;
}

export interface DocumentLifecycleDependencies {
  store: GraphStore;
  blobs: BlobStore;
  limits: Pick<Config['limits'], 'maxPageSize' | 'queryTimeoutMs' | 'maxDecompressedBytes'>;
  /** The embedded store's document log (null on Neo4j): deletions and relabels are recorded in it. */
  documentLog: DocumentLog | null;
}

export async function documentLifecycleRoutes(app: FastifyInstance, deps: DocumentLifecycleDependencies): Promise<void> {
  const maxPage = deps.limits.maxPageSize;

  app.get<{ Querystring: ListQuery }>('/api/v1/documents', { config: { scope: 'read' } }, async (req, reply) => {
    try {
      const filter = documentFilterFromQuery(req.query);
      const first = req.query.first === undefined ? 50 : Number(req.query.first);
      if (!Number.isInteger(first) || first < 1 || first > maxPage) throw new DocumentLifecycleError('BAD_DOCUMENT_FILTER', `first must be an integer from 1 to ${maxPage}`);
      const page = await findDocuments(deps.store, filter, first, req.query.after ?? null, { timeoutMs: deps.limits.queryTimeoutMs });
      const items = page.items.map(documentView);
      return reply.send({ totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.key ?? null, documents: items });
    } catch (err) {
      return answer(reply, err);
    }
  });

  app.delete<{ Params: { id: string }; Querystring: { keepBlob?: string } }>('/api/v1/documents/:id', { config: { scope: 'admin' } }, async (req, reply) => {
    try {
      const deleted = await deleteDocument({ store: deps.store, blobs: deps.blobs, limits: deps.limits, documentLog: deps.documentLog }, documentId(req.params.id), { keepBlob: req.query.keepBlob === 'true' });
      req.log.info({ ...deleted, caller: req.principal.name }, 'document deleted');
      return reply.send(deleted);
    } catch (err) {
      return answer(reply, err);
    }
  });

  app.patch<{ Params: { id: string }; Body: unknown; Querystring: { mode?: string } }>('/api/v1/documents/:id/labels', { config: { scope: ['admin', 'ingest'] } }, async (req, reply) => {
    try {
      const body = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DocumentLifecycleError('BAD_LABEL', 'send the labels as a JSON object of strings, e.g. {"team": "payments"} ("" removes a label)');
      const mode = req.query.mode === 'replace' ? 'replace' : 'merge';
      const labels = await setDocumentLabels(deps.store, documentId(req.params.id), validLabels(body as Record<string, unknown>), mode, deps.documentLog);
      return reply.send({ id: documentId(req.params.id), labels });
    } catch (err) {
      return answer(reply, err);
    }
  });
}
