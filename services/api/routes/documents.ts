/**
 * Upload: the raw body is stored by digest and a job referencing it is
 * queued; parsing happens in the worker. Only a cheap sniff runs here so a
 * client that sends something that is clearly not a document hears it at once.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { QueueFullError, type JobQueue } from '../../queue/job-queue.js';
import type { Config } from '../../config/config.js';
import type { BlobStore } from '../../blobstore/blob-store.js';
import { HttpError, sendError, UPLOAD_ROUTE } from '../errors.js';
import { labelsFromQuery } from '../../documents/labels.js';
import { DocumentLifecycleError } from '../../documents/errors.js';

/** A full queue is 503 with Retry-After: the client should come back, not give up (the CLI waits and retries). */
function asAnswer(req: FastifyRequest, err: unknown): unknown {
  if (!(err instanceof QueueFullError)) return err;
  req.log.info({ backlog: err.backlog }, 'upload refused: ingest queue full');
  return new HttpError(503, err.code, err.message, { 'retry-after': String(err.retryAfterSeconds) });
}

const COMPRESSED_MAGIC: Array<[string, number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

export function sniffUpload(body: Buffer): { ok: true } | { ok: false; reason: string } {
  if (body.byteLength === 0) return { ok: false, reason: 'the request body is empty; send the document bytes as the body' };
  for (const [, magic] of COMPRESSED_MAGIC) if (magic.every((b, i) => body[i] === b)) return { ok: true };
  let i = 0;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) i = 3;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i++;
  const c = body[i];
  if (c === 0x7b || c === 0x5b) return { ok: true }; // { [
  if (c === 0x3c) return { ok: true }; // < : XML
  const head = body.subarray(i, i + 4096).toString('utf8');
  if (/^(SPDXVersion|##\s*Document|DataLicense)\s*:/m.test(head)) return { ok: true };
  // YAML (OSV records): a mapping, possibly after a `---` marker and comments; the worker decides whether it is OSV.
  if (/^((#.*|---[ \t]*|[ \t]*)\r?\n)*(["']?)[A-Za-z_][\w-]*\3[ \t]*:([ \t]|\r?\n|$)/.test(head)) return { ok: true };
  const shown = JSON.stringify(body.subarray(i, i + 16).toString('utf8'));
  return { ok: false, reason: `the body is not a document supplygraph reads: not JSON, XML, SPDX tag-value or YAML (it starts with ${shown}); upload a CycloneDX/SPDX/OSV/CSAF/OpenVEX/CVE JSON document, a CycloneDX XML or SPDX tag-value file, an OSV YAML record, or one of those gzip/bzip2/xz/zstd-compressed` };
}

/** What these routes use, and nothing else. */
export interface UploadDependencies {
  config: Config;
  queue: JobQueue;
  blobs: BlobStore;
}

export async function documentRoutes(app: FastifyInstance, deps: UploadDependencies): Promise<void> {
  // Documents are stored byte-for-byte: no JSON parsing of the body here, whatever the Content-Type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.limits.maxUploadBytes }, (_req, body, done) => done(null, body));

  app.post<{ Querystring: { filename?: string; format?: string; validate?: string } }>(UPLOAD_ROUTE, {
    bodyLimit: deps.config.limits.maxUploadBytes,
    config: { scope: 'ingest' },
    // Refused before the body is read when the queue is already full (Content-Length tells the size).
    preParsing: async (req, _reply, payload) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      await deps.queue.checkRoom(Number.isFinite(declared) && declared > 0 ? declared : 0).catch((err: unknown) => {
        throw asAnswer(req, err);
      });
      return payload;
    },
    schema: {
      querystring: {
        type: 'object',
        properties: {
          filename: { type: 'string', maxLength: 1024 },
          format: { type: 'string', maxLength: 64 },
          validate: { type: 'string', enum: ['lenient', 'strict'] },
        },
        additionalProperties: true,
      },
    },
  }, async (req, reply) => {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.byteLength === 0) return sendError(reply, 400, 'EMPTY_BODY', 'the request body is empty; send the document bytes as the body');
    const sniff = sniffUpload(body);
    if (!sniff.ok) return sendError(reply, 400, 'NOT_A_DOCUMENT', sniff.reason);
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query as Record<string, unknown>)) {
      if (k.startsWith('meta.') && typeof v === 'string') metadata[k.slice(5)] = v;
    }
    let labels: Record<string, string>;
    try {
      labels = labelsFromQuery(req.query as Record<string, unknown>);
    } catch (err) {
      if (err instanceof DocumentLifecycleError) return sendError(reply, 400, err.code, err.message);
      throw err;
    }
    const blob = await deps.blobs.put(body);
    const job = await deps.queue.enqueue({
      blobDigest: blob.digest,
      byteSize: blob.byteSize,
      fileName: req.query.filename ?? null,
      submittedAt: new Date().toISOString(),
      ...(Object.keys(labels).length ? { labels } : {}),
      options: {
        ...(req.query.format ? { format: req.query.format } : {}),
        ...(req.query.validate ? { validate: req.query.validate as 'lenient' | 'strict' } : {}),
        ...(Object.keys(metadata).length ? { metadata } : {}),
      },
    }).catch((err: unknown) => {
      throw asAnswer(req, err);
    });
    req.log.info({ jobId: job.id, blob: blob.digest, bytes: blob.byteSize, file: req.query.filename }, 'document queued');
    return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send({
      jobId: job.id, blobDigest: blob.digest, byteSize: blob.byteSize, statusUrl: `/api/v1/jobs/${job.id}`,
    });
  });
}
