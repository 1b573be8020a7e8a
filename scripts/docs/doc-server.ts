/**
 * The server the documentation's examples run against: the real service
 * (HTTP API + in-process worker) on embedded Kuzu in a temporary data
 * directory, trusting examples/trust.yaml, loaded with everything under
 * examples/ that a reader ingests in the walkthrough, one document at a time
 * in a fixed order.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../services/config/config.js';
import { startRuntime } from '../../services/runtime.js';
import { REPO } from './doc-examples.js';

/** What the walkthrough tells a reader to ingest (README.md, docs/queries.md). */
export const EXAMPLE_INPUTS = ['examples/documents', 'examples/models/sentiment/model.sig'];

export interface RunningDocServer {
  url: string;
  close(): Promise<void>;
}

async function filesUnder(rel: string): Promise<string[]> {
  const abs = path.join(REPO, rel);
  const entries = await readdir(abs, { withFileTypes: true }).catch(() => null);
  if (entries === null) return [rel];
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const child = `${rel}/${e.name}`;
    out.push(...(e.isDirectory() ? await filesUnder(child) : [child]));
  }
  return out;
}

async function ingest(url: string, rel: string): Promise<void> {
  const body = await readFile(path.join(REPO, rel));
  const res = await fetch(`${url}/api/v1/documents?filename=${encodeURIComponent(path.basename(rel))}`, { method: 'POST', body });
  const accepted = (await res.json()) as { jobId?: string };
  if (res.status !== 202 || !accepted.jobId) throw new Error(`upload of ${rel} refused: HTTP ${res.status} ${JSON.stringify(accepted)}`);
  for (;;) {
    const job = (await (await fetch(`${url}/api/v1/jobs/${accepted.jobId}`)).json()) as { state: string; failure?: unknown };
    if (job.state === 'completed') return;
    if (job.state === 'failed') throw new Error(`ingesting ${rel} failed: ${JSON.stringify(job.failure)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startDocServer(): Promise<RunningDocServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-docs-'));
  const env: NodeJS.ProcessEnv = {
    SUPPLYGRAPH_LOG_LEVEL: 'silent',
    SUPPLYGRAPH_GRAPH: 'kuzu',
    SUPPLYGRAPH_QUEUE: 'memory',
    SUPPLYGRAPH_TRUST_CONFIG: path.join(REPO, 'examples', 'trust.yaml'),
  };
  const config = loadConfig(env, { port: 0, host: '127.0.0.1', dataDir });
  const runtime = await startRuntime(config, { api: true, worker: true });
  const addr = runtime.api!.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const close = async (): Promise<void> => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (const input of EXAMPLE_INPUTS) for (const file of await filesUnder(input)) await ingest(url, file);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, close };
}
