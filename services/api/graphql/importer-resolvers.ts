/**
 * The `importers` and `importer(name:)` queries: the status the admin REST
 * routes answer, over GraphQL. The GraphQL route needs only `read`, and an
 * importer's source and errors can name internal hosts and paths, so each
 * resolver checks for the admin scope itself.
 */
import { ImporterError } from '../../importers/errors.js';
import { hasScope } from '../auth/tokens.js';
import type { GraphQLContext } from './context.js';
import { apiError } from './errors.js';
import type { QueryResolvers } from './generated/types.js';

function requireAdmin(ctx: GraphQLContext, what: string): void {
  const granted = ctx.principal?.scopes ?? [];
  if (!hasScope(granted, 'admin')) {
    throw apiError('FORBIDDEN', `${what} needs a token with the admin scope; ${ctx.principal?.name ?? 'this caller'} has ${granted.join('+') || 'none'}`);
  }
}

export const importerQueryResolvers: Pick<QueryResolvers, 'importers' | 'importer'> = {
  importers: async (_, _args, ctx) => {
    requireAdmin(ctx, 'importers');
    return ctx.importers ? ctx.importers.list() : [];
  },
  importer: async (_, args, ctx) => {
    requireAdmin(ctx, 'importer');
    if (!ctx.importers) return null;
    try {
      return await ctx.importers.status(args.name);
    } catch (err) {
      // A nullable lookup: an unknown name is an answer (null), not an error, as for sbom(id:).
      if (err instanceof ImporterError && err.code === 'IMPORTER_NOT_FOUND') return null;
      throw err;
    }
  },
};
