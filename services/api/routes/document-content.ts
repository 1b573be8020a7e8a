/**
 * The original bytes of an ingested document, for readers who want the
 * evidence itself (the web console's "download" links, `curl`).
 *
 * Uploads are stored by the digest of what was sent and a document's id is the
 * digest of what it expands to, so the two coincide for every upload that was
 * not compressed; a compressed upload's expanded bytes are not kept and the
 * answer says so rather than serving something with another digest.
 */
import type { FastifyInstance } from 'fastify';
import type { GraphStore } from '../../graph/store.js';
import type { BlobStore } from '../../blobstore/blob-store.js';
import { sendError } from '../errors.js';
import { getDocument } from '../../graph/queries/documents.js';

const CONTENT_TYPES: Record<string, string> = {
  'cyclonedx-xml': 'application/xml',
  'spdx2-tag-value': 'text/plain; charset=utf-8',
};

/** What these routes use, and nothing else. */
export interface DocumentContentDependencies {
  store: GraphStore;
  blobs: BlobStore;
}

export async function documentContentRoutes(app: FastifyInstance, deps: DocumentContentDependencies): Promise<void> {
  app.get<{ Params: { id: string } }>('/api/v1/documents/:id/content', { config: { scope: 'read' } }, async (req, reply) => {
    const raw = req.params.id.trim().toLowerCase();
    const id = /^[0-9a-f]{64}$/.test(raw) ? `sha256:${raw}` : raw;
    if (!/^sha256:[0-9a-f]{64}$/.test(id)) return sendError(reply, 400, 'BAD_DOCUMENT_ID', `"${req.params.id}" is not a document id (sha256:<64 hex>)`);
    const doc = await getDocument(deps.store, id);
    if (!doc) return sendError(reply, 404, 'DOCUMENT_NOT_FOUND', `no document ${id}`);
    if (!(await deps.blobs.has(id))) {
      return sendError(reply, 404, 'DOCUMENT_CONTENT_UNAVAILABLE', `document ${id} was uploaded compressed; only the compressed upload is stored, under the digest of its bytes`);
    }
    const bytes = await deps.blobs.get(id);
    const ext = doc.format.includes('xml') ? 'xml' : doc.format.includes('tag-value') ? 'spdx' : 'json';
    return reply
      .type(CONTENT_TYPES[doc.format] ?? 'application/json')
      .header('content-disposition', `attachment; filename="${id.slice(7, 19)}.${ext}"`)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(bytes);
  });
}
