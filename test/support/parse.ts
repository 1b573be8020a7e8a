import { createHash } from 'node:crypto';
import type { DocumentInput } from '../../ingestors/parser.js';
import { decodeDocument, type DecodeLimits } from '../../ingestors/common/decode.js';

/** A DocumentInput as the worker would build it, from bytes or a JSON value. */
export function documentInput(doc: unknown, options: DocumentInput['options'] = {}, limits: DecodeLimits = {}): DocumentInput {
  const bytes = Buffer.isBuffer(doc) ? doc : Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc));
  const decoded = decodeDocument(bytes, limits);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), json: decoded.json, text: decoded.text, options, ingestedAt: '2026-01-01T00:00:00.000Z' };
}
