/**
 * GraphQL side of the document lifecycle: the `documents` connection and the
 * `deleteDocument` / `setDocumentLabels` mutations. The GraphQL route needs only
 * `read`, so each mutation checks the caller's scopes itself.
 */
import { findDocuments, getDocument, type DocumentFilter } from '../../graph/queries/documents.js';
import { deleteDocument } from '../../documents/delete-document.js';
import { documentId, DocumentLifecycleError } from '../../documents/errors.js';
import { setDocumentLabels, validLabels } from '../../documents/labels.js';
import { hasScope, type Scope } from '../auth/tokens.js';
import type { GraphQLContext } from './context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { apiError } from './errors.js';
import { documentView } from './document-view.js';
import type { DocumentFilter as DocumentFilterInput, DocumentLabelInput, InputMaybe, MutationResolvers, QueryResolvers } from './generated/types.js';

function requireScope(ctx: GraphQLContext, scopes: Scope[], what: string): void {
  const granted = ctx.principal?.scopes ?? [];
  if (!scopes.some((s) => hasScope(granted, s))) {
    throw apiError('FORBIDDEN', `${what} needs a token with the ${scopes.join(' or ')} scope; ${ctx.principal?.name ?? 'this caller'} has ${granted.join('+') || 'none'}`);
  }
}

function labelMap(list: InputMaybe<readonly DocumentLabelInput[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of list ?? []) out[l.key] = l.value;
  return validLabels(out);
}

/** The `documentLabels` argument of the investigator queries, validated; null when not given. */
export function documentLabelsArg(list: InputMaybe<readonly DocumentLabelInput[]> | undefined): Record<string, string> | null {
  return list ? labelMap(list) : null;
}

function instant(name: string, v: InputMaybe<string> | undefined): string | null {
  if (v === undefined || v === null) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new DocumentLifecycleError('BAD_DOCUMENT_FILTER', `${name} "${v}" is not an ISO-8601 date or instant`);
  return new Date(t).toISOString();
}

function filterOf(f: InputMaybe<DocumentFilterInput> | undefined): DocumentFilter {
  const str = (v: InputMaybe<string> | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    kind: str(f?.kind), format: str(f?.format), name: str(f?.name), labels: labelMap(f?.labels),
    ingestedAfter: instant('ingestedAfter', f?.ingestedAfter), ingestedBefore: instant('ingestedBefore', f?.ingestedBefore),
    latest: typeof f?.latest === 'boolean' ? f.latest : null,
  };
}

export const documentQueryResolvers: Pick<QueryResolvers, 'documents'> = {
  documents: async (_, args, ctx) => {
    const first = args.first === undefined || args.first === null ? 50 : args.first;
    if (!Number.isInteger(first) || first < 0 || first > ctx.maxPageSize) throw apiError('BAD_USER_INPUT', `\`first\` must be a whole number from 0 to ${ctx.maxPageSize} (SUPPLYGRAPH_MAX_PAGE_SIZE)`);
    const page = await findDocuments(ctx.store, filterOf(args.filter), first, decodeCursor(args.after), ctx.read);
    const edges = page.items.map((d) => ({ cursor: encodeCursor(d.key), node: documentView(d) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  },
};

export const documentMutationResolvers: MutationResolvers = {
  deleteDocument: async (_, args, ctx) => {
    requireScope(ctx, ['admin'], 'deleteDocument');
    if (!ctx.blobs) throw apiError('INTERNAL_ERROR', 'this server cannot delete documents (no blob store)');
    return deleteDocument({ store: ctx.store, blobs: ctx.blobs, documentLog: ctx.documentLog }, documentId(args.id));
  },
  setDocumentLabels: async (_, args, ctx) => {
    requireScope(ctx, ['admin', 'ingest'], 'setDocumentLabels');
    const key = documentId(args.id);
    await setDocumentLabels(ctx.store, key, labelMap(args.labels), args.replace === true ? 'replace' : 'merge', ctx.documentLog);
    const d = await getDocument(ctx.store, key, ctx.read);
    if (!d) throw new DocumentLifecycleError('DOCUMENT_NOT_FOUND', `no document ${key}`);
    return documentView(d);
  },
};
