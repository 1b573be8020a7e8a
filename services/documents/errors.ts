import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

/** Errors of the document lifecycle (list, delete, label, download), each with a stable code. */
export type DocumentLifecycleCode = 'DOCUMENT_NOT_FOUND' | 'BAD_DOCUMENT_ID' | 'BAD_LABEL' | 'BAD_DOCUMENT_FILTER';

export class DocumentLifecycleError extends SupplygraphError<DocumentLifecycleCode> {
  /** The HTTP status the API answers with. */
  get status(): number {
    return this.code === 'DOCUMENT_NOT_FOUND' ? 404 : 400;
  }
}

/** `sha256:<hex>` or the bare hex, as every route and the CLI accept it. */
export function documentId(raw: string): string {
  const trimmed = raw.trim().toLowerCase();
  const id = /^[0-9a-f]{64}$/.test(trimmed) ? `sha256:${trimmed}` : trimmed;
  if (!/^sha256:[0-9a-f]{64}$/.test(id)) throw new DocumentLifecycleError('BAD_DOCUMENT_ID', `"${raw}" is not a document id (sha256:<64 hex>)`);
  return id;
}
