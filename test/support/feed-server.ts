/**
 * A local HTTP server serving a directory as a feed host, the way CDNs and
 * CSAF providers do: a strong ETag per file, 304 on If-None-Match, 404 for
 * missing files. `hold` keeps a path's responses waiting until released, so a
 * test can catch an importer mid-run without timing.
 */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  url: string;
  /** GET requests by path, in order (conditional ones included). */
  requests: string[];
  hold(urlPath: string): () => void;
  close(): Promise<void>;
}

export async function startFeedServer(root: string): Promise<FeedServer> {
  const holds = new Map<string, Promise<void>>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(urlPath);
    void (async () => {
      await holds.get(urlPath);
      let body: Buffer;
      try {
        body = await readFile(path.join(root, path.normalize(urlPath)));
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { etag, 'content-length': body.byteLength, 'content-type': 'application/octet-stream' }).end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hold(urlPath) {
      let release!: () => void;
      holds.set(urlPath, new Promise<void>((r) => { release = r; }));
      return () => { holds.delete(urlPath); release(); };
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
