/**
 * The investigator's web console (console/, built by Vite into dist/console):
 * index.html for `/` and each client route, hashed assets under /assets.
 *
 * Everything here is public: the page and its scripts hold no data, and every
 * data call they make goes to /graphql or /api/v1 with the token the user
 * pasted, so the auth plugin's scopes apply to them unchanged.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { sendError } from '../errors.js';

/** The console's client-side routes (console/src/router.ts); each deep link loads index.html. */
export const CONSOLE_ROUTES = ['/', '/vulnerability', '/package', '/model', '/dataset', '/sbom', '/graph', '/upload', '/importers'] as const;

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface ConsoleOptions {
  /** The Vite build output (dist/console). */
  dir: string;
}

interface Asset { type: string; body: Buffer }

export async function consoleRoutes(app: FastifyInstance, opts: ConsoleOptions): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions) => { route.config = { ...route.config, scope: 'public', rateLimit: false }; });
  const indexFile = path.join(opts.dir, 'index.html');
  const built = existsSync(indexFile);
  const index = built ? readFileSync(indexFile) : null;
  // Read once: the build is a handful of files and never changes while the server runs.
  const assets = new Map<string, Asset>();
  const assetDir = path.join(opts.dir, 'assets');
  if (existsSync(assetDir)) {
    for (const name of readdirSync(assetDir)) {
      const type = TYPES[path.extname(name)];
      if (type) assets.set(name, { type, body: readFileSync(path.join(assetDir, name)) });
    }
  }

  for (const url of CONSOLE_ROUTES) {
    app.get(url, async (_req, reply) => {
      if (!index) {
        return sendError(reply, 503, 'CONSOLE_NOT_BUILT', `the web console is not built (no ${indexFile}); run \`npm run build\`. GraphiQL is at /graphiql`);
      }
      // Not cached: it names the current hashed assets.
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
    });
  }
  app.get<{ Params: { file: string } }>('/assets/:file', async (req, reply) => {
    const a = assets.get(req.params.file);
    if (!a) return sendError(reply, 404, 'NOT_FOUND', `no console asset ${req.params.file}`);
    // File names carry a content hash, so a cached copy is never stale.
    return reply.type(a.type).header('cache-control', 'public, max-age=31536000, immutable').send(a.body);
  });
}
