/**
 * GraphQL side of the document lifecycle: the `documents` connection and the
 * `deleteDocument` / `setDocumentLabels` mutations. The GraphQL route needs only
 * `read`, so each mutation checks the caller's scopes itself.
 */
import type { BlobStore } from '../../blobstore/blob-store.js';
import type { DocumentLog } from '../../recovery/document-log.js';
import { findDocuments, getDocument, type DocumentFilter } from '../../graph/queries/documents.js';
import { deleteDocument } from '../../documents/delete-document.js';
import { documentId, DocumentLifecycleError } from '../../documents/errors.js';
import { setDocumentLabels, validLabels } from '../../documents/labels.js';
import type { Principal } from '../auth/policy.js';
import { hasScope, type Scope } from '../auth/tokens.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { apiError } from './errors.js';
import { documentView } from './document-view.js';
import type { GraphQLContext } from './resolvers.js';
import type { GraphQLError } from 'graphql';

/** What the lifecycle resolvers need besides the read context (set by the GraphQL route). */
export interface LifecycleContext extends GraphQLContext {
  principal?: Principal;
  blobs?: BlobStore;
  documentLog?: DocumentLog | null;
}

type Args = Record<string, unknown>;

function asApiError(err: unknown): unknown {
  return err instanceof DocumentLifecycleError ? apiError(err.code, err.message) : err;
}

function requireScope(ctx: LifecycleContext, scopes: Scope[], what: string): void {
  const granted = ctx.principal?.scopes ?? [];
  if (!scopes.some((s) => hasScope(granted, s))) {
    throw apiError('FORBIDDEN', `${what} needs a token with the ${scopes.join(' or ')} scope; ${ctx.principal?.name ?? 'this caller'} has ${granted.join('+') || 'none'}`);
  }
}

function labelMap(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of (Array.isArray(list) ? list : []) as Array<{ key: string; value: string }>) out[l.key] = l.value;
  return validLabels(out);
}

/** The `documentLabels` argument of the investigator queries, validated; null when not given. */
export function documentLabelsArg(args: Args): Record<string, string> | null {
  if (!Array.isArray(args.documentLabels)) return null;
  try {
    return labelMap(args.documentLabels);
  } catch (err) {
    throw asApiError(err) as GraphQLError;
  }
}

function instant(name: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const t = Date.parse(String(v));
  if (Number.isNaN(t)) throw new DocumentLifecycleError('BAD_DOCUMENT_FILTER', `${name} "${String(v)}" is not an ISO-8601 date or instant`);
  return new Date(t).toISOString();
}

function filterOf(raw: unknown): DocumentFilter {
  const f = (raw ?? {}) as Args;
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    kind: str(f.kind), format: str(f.format), name: str(f.name), labels: labelMap(f.labels),
    ingestedAfter: instant('ingestedAfter', f.ingestedAfter), ingestedBefore: instant('ingestedBefore', f.ingestedBefore),
    latest: typeof f.latest === 'boolean' ? f.latest : null,
  };
}

async function wrapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw asApiError(err) as GraphQLError;
  }
}

export const documentQueryResolvers = {
  documents: (_: unknown, args: Args, ctx: LifecycleContext) => wrapped(async () => {
    const first = args.first === undefined || args.first === null ? 50 : Number(args.first);
    if (!Number.isInteger(first) || first < 0 || first > ctx.maxPageSize) throw apiError('BAD_USER_INPUT', `\`first\` must be a whole number from 0 to ${ctx.maxPageSize} (SUPPLYGRAPH_MAX_PAGE_SIZE)`);
    const page = await findDocuments(ctx.store, filterOf(args.filter), first, decodeCursor(args.after as string), ctx.read);
    const edges = page.items.map((d) => ({ cursor: encodeCursor(d.key), node: documentView(d) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }),
};

export const documentMutationResolvers = {
  deleteDocument: (_: unknown, args: Args, ctx: LifecycleContext) => wrapped(async () => {
    requireScope(ctx, ['admin'], 'deleteDocument');
    if (!ctx.blobs) throw apiError('INTERNAL_ERROR', 'this server cannot delete documents (no blob store)');
    return deleteDocument({ store: ctx.store, blobs: ctx.blobs, documentLog: ctx.documentLog }, documentId(String(args.id)));
  }),
  setDocumentLabels: (_: unknown, args: Args, ctx: LifecycleContext) => wrapped(async () => {
    requireScope(ctx, ['admin', 'ingest'], 'setDocumentLabels');
    const key = documentId(String(args.id));
    await setDocumentLabels(ctx.store, key, labelMap(args.labels), args.replace === true ? 'replace' : 'merge', ctx.documentLog);
    const d = await getDocument(ctx.store, key, ctx.read);
    if (!d) throw new DocumentLifecycleError('DOCUMENT_NOT_FOUND', `no document ${key}`);
    return documentView(d);
  }),
};
