/**
 * The `importers` and `importer(name:)` queries: the status the admin REST
 * routes answer, over GraphQL. The GraphQL route needs only `read`, and an
 * importer's source and errors can name internal hosts and paths, so each
 * resolver checks for the admin scope itself.
 */
import type { GraphQLError } from 'graphql';
import { ImporterError } from '../../importers/errors.js';
import type { Importers, ImporterStatusView } from '../../importers/service.js';
import type { Principal } from '../auth/policy.js';
import { hasScope } from '../auth/tokens.js';
import { apiError } from './errors.js';
import type { GraphQLContext } from './resolvers.js';

/** What the importer resolvers need besides the read context (set by the GraphQL route). */
export interface ImporterContext extends GraphQLContext {
  principal?: Principal;
  /** Null in a process without importers (none is answered as an empty list). */
  importers?: Importers | null;
}

function requireAdmin(ctx: ImporterContext, what: string): void {
  const granted = ctx.principal?.scopes ?? [];
  if (!hasScope(granted, 'admin')) {
    throw apiError('FORBIDDEN', `${what} needs a token with the admin scope; ${ctx.principal?.name ?? 'this caller'} has ${granted.join('+') || 'none'}`);
  }
}

export const importerQueryResolvers = {
  importers: async (_: unknown, _args: Record<string, unknown>, ctx: ImporterContext): Promise<ImporterStatusView[]> => {
    requireAdmin(ctx, 'importers');
    return ctx.importers ? ctx.importers.list() : [];
  },
  importer: async (_: unknown, args: Record<string, unknown>, ctx: ImporterContext): Promise<ImporterStatusView | null> => {
    requireAdmin(ctx, 'importer');
    if (!ctx.importers) return null;
    try {
      return await ctx.importers.status(String(args.name));
    } catch (err) {
      // A nullable lookup: an unknown name is an answer (null), not an error, as for sbom(id:).
      if (err instanceof ImporterError && err.code === 'IMPORTER_NOT_FOUND') return null;
      throw err as GraphQLError;
    }
  },
};
