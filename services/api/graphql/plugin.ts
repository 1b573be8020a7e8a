/**
 * GraphQL over HTTP (POST and GET /graphql) with validation limits applied
 * before execution, and GraphiQL at /graphiql served from local assets (the
 * service must work without internet access).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DocumentLog } from '../../recovery/document-log.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { execute, getOperationAST, parse, specifiedRules, validate, GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { projectRoot } from '../../config/paths.js';
import type { Config } from '../../config/config.js';
import type { GraphStore } from '../../graph/store.js';
import type { Principal } from '../auth/plugin.js';
import { costLimitRule } from './cost-limit.js';
import { checkQueryShape, type QueryShapeErrorCode } from './query-shape.js';
import type { ApiErrorCode } from './errors.js';
import { createContext, type GraphQLContext } from './context.js';
import { mapResolverErrors } from './resolver-errors.js';
import { resolvers } from './resolvers.js';
import type { BlobStore } from '../../blobstore/blob-store.js';
import type { Importers } from '../../importers/service.js';

export function buildSchema(): GraphQLSchema {
  const typeDefs = readFileSync(path.join(projectRoot(), 'schema', 'graphql', 'supplygraph.graphql'), 'utf8');
  return mapResolverErrors(makeExecutableSchema({ typeDefs, resolvers }));
}

interface GraphQLRequest {
  query?: string;
  variables?: Record<string, unknown> | string | null;
  operationName?: string | null;
}

/** What these routes use, and nothing else. */
export interface GraphqlDependencies {
  config: Config;
  store: GraphStore;
  /** Mutations that delete or replace documents remove their blobs too. */
  blobs: BlobStore;
  /** The embedded store's document log (null on Neo4j): deletions are recorded in it. */
  documentLog?: DocumentLog | null;
  /** The `importers` queries answer these (admin scope); without them, none. */
  importers?: Importers | undefined;
}

/** Codes of a request refused before execution (400). */
type RefusalCode = ApiErrorCode | QueryShapeErrorCode | 'GRAPHQL_PARSE_FAILED' | 'BAD_REQUEST';

export async function graphqlRoutes(app: FastifyInstance, deps: GraphqlDependencies): Promise<void> {
  const schema = buildSchema();
  const cache = new Map<string, DocumentNode>();
  const { maxQueryDepth, maxQueryAliases, maxQueryFields, maxQueryCost, maxPageSize } = deps.config.limits;

  /** A request the client got wrong: 400, logged at info (it is not the server's fault). */
  const refuse = (req: FastifyRequest, reply: FastifyReply, errors: ReadonlyArray<{ message: string; locations?: unknown; extensions?: Record<string, unknown> }>, fallbackCode: RefusalCode): FastifyReply => {
    const body = errors.map((e) => ({ message: e.message, ...(e.locations ? { locations: e.locations } : {}), extensions: { ...e.extensions, code: e.extensions?.code ?? fallbackCode } }));
    req.log.info({ codes: [...new Set(body.map((e) => e.extensions.code))], first: body[0]?.message }, 'graphql request refused');
    return reply.code(400).send({ errors: body });
  };

  const run = async (req: FastifyRequest, reply: FastifyReply, request: GraphQLRequest): Promise<unknown> => {
    if (!request.query || typeof request.query !== 'string') {
      return refuse(req, reply, [{ message: 'missing "query"' }], 'BAD_REQUEST');
    }
    let variables: Record<string, unknown> | undefined;
    try {
      variables = typeof request.variables === 'string' ? (JSON.parse(request.variables) as Record<string, unknown>) : (request.variables ?? undefined);
    } catch {
      return refuse(req, reply, [{ message: '"variables" is not valid JSON' }], 'BAD_REQUEST');
    }
    const operationName = typeof request.operationName === 'string' && request.operationName !== '' ? request.operationName : null;
    const costLimit = costLimitRule({ maxCost: maxQueryCost, maxPageSize, variables, operationName });
    let document = cache.get(request.query);
    if (!document) {
      try {
        document = parse(request.query, { maxTokens: 5000 });
      } catch (err) {
        return refuse(req, reply, [{ message: (err as GraphQLError).message }], 'GRAPHQL_PARSE_FAILED');
      }
      // Shape and cost first: both are linear in the document, whereas the standard
      // rules are not (overlapping-field checks are quadratic in a selection's fields).
      const shapeErrors = checkQueryShape(document, { maxDepth: maxQueryDepth, maxAliases: maxQueryAliases, maxFields: maxQueryFields });
      if (shapeErrors.length > 0) return refuse(req, reply, shapeErrors, 'GRAPHQL_VALIDATION_FAILED');
      const costErrors = validate(schema, document, [costLimit]);
      if (costErrors.length > 0) return refuse(req, reply, costErrors, 'QUERY_TOO_COSTLY');
      const errors = validate(schema, document, specifiedRules);
      if (errors.length > 0) return refuse(req, reply, errors, 'GRAPHQL_VALIDATION_FAILED');
      if (cache.size > 1000) cache.clear();
      cache.set(request.query, document);
    } else {
      // Priced per request: a `first: $n` costs what this request's variables say.
      const costErrors = validate(schema, document, [costLimit]);
      if (costErrors.length > 0) return refuse(req, reply, costErrors, 'QUERY_TOO_COSTLY');
    }
    const operation = getOperationAST(document, operationName);
    if (!operation) {
      const message = operationName
        ? `the document has no operation named "${operationName}"`
        : 'the document has several operations: say which one to run with "operationName"';
      return refuse(req, reply, [{ message }], 'BAD_USER_INPUT');
    }
    if (!schema.getRootType(operation.operation)) {
      return refuse(req, reply, [{ message: `this API has no ${operation.operation} operations; GraphQL here is read-only (upload documents with POST /api/v1/documents)` }], 'BAD_USER_INPUT');
    }
    // Changes only over POST: a GET can be replayed by a link or a prefetch (GraphQL over HTTP).
    if (operation.operation === 'mutation' && req.method !== 'POST') {
      return refuse(req, reply, [{ message: 'mutations are accepted only with POST /graphql' }], 'BAD_REQUEST');
    }
    const context: GraphQLContext & { principal: Principal; blobs: BlobStore; documentLog: DocumentLog | null; importers: Importers | null } = {
      ...createContext(deps.store, maxPageSize, { timeoutMs: deps.config.limits.queryTimeoutMs }), principal: req.principal, blobs: deps.blobs, documentLog: deps.documentLog ?? null,
      importers: deps.importers ?? null,
    };
    const result = await execute({ schema, document, variableValues: variables, operationName: operationName ?? undefined, contextValue: context });
    // No data at all: the request was refused before any resolver ran (variables missing or of the wrong type).
    if (result.errors && result.data === undefined) return refuse(req, reply, result.errors, 'BAD_USER_INPUT');
    if (result.errors) {
      result.errors.forEach((e) => {
        if (!e.extensions.code) app.log.error({ err: e.originalError ?? e }, 'graphql resolver failed');
      });
      return reply.send({
        data: result.data ?? null,
        errors: result.errors.map((e) => ({
          message: e.extensions.code ? e.message : 'internal error; see the server log',
          path: e.path, locations: e.locations,
          extensions: { code: e.extensions.code ?? 'INTERNAL_ERROR' },
        })),
      });
    }
    return reply.send(result);
  };

  app.post<{ Body: GraphQLRequest }>('/graphql', { config: { scope: 'read' } }, async (req, reply) => run(req, reply, req.body ?? {}));
  app.get<{ Querystring: GraphQLRequest }>('/graphql', { config: { scope: 'read' } }, async (req, reply) => run(req, reply, req.query));

  const require = createRequire(import.meta.url);
  // Packages' `exports` hide their UMD files from require.resolve, so locate the package folder instead.
  const asset = (pkg: string, file: string): string => {
    let dir = path.dirname(require.resolve(pkg));
    while (path.basename(dir) !== pkg.split('/').pop() || !dir.includes('node_modules')) dir = path.dirname(dir);
    return readFileSync(path.join(dir, file), 'utf8');
  };
  const assets = new Map<string, { type: string; body: string }>(Object.entries({
    'react.js': { type: 'application/javascript', body: asset('react', 'umd/react.production.min.js') },
    'react-dom.js': { type: 'application/javascript', body: asset('react-dom', 'umd/react-dom.production.min.js') },
    'graphiql.js': { type: 'application/javascript', body: asset('graphiql', 'graphiql.min.js') },
    'graphiql.css': { type: 'text/css', body: asset('graphiql', 'graphiql.min.css') },
  }));
  app.get<{ Params: { file: string } }>('/graphiql/assets/:file', { config: { scope: 'public' } }, async (req, reply) => {
    // A Map, not an object lookup: `__proto__` or `constructor` must be a 404, not a prototype.
    const a = assets.get(req.params.file);
    if (!a) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such asset' } });
    return reply.type(a.type).header('cache-control', 'public, max-age=86400').send(a.body);
  });
  // The page is public; the queries it sends need a token when anonymous reading is off (headers pane).
  const page = graphiqlPage(deps.config.auth.tokens.length > 0 && !deps.config.auth.anonymousRead);
  app.get('/graphiql', { config: { scope: 'public' } }, async (_req, reply) => reply.type('text/html').send(page));
}

const DEFAULT_QUERY = `# supplygraph — try:
{
  sboms(first: 5) {
    totalCount
    edges { node { id name format componentCount } }
  }
}
`;

const graphiqlPage = (needsToken: boolean): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>supplygraph · GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style></head>
<body><div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}${needsToken ? `, defaultHeaders: ${JSON.stringify('{\n  "Authorization": "Bearer <token>"\n}\n')}` : ''} }));
</script></body></html>`;
