/**
 * The one configuration module: every setting comes from an environment
 * variable (CLI flags override a few), is validated once at start-up, and a
 * wrong value stops the process with a message naming the variable.
 */
import path from 'node:path';

export type GraphEngineName = 'kuzu' | 'neo4j';
export type QueueKind = 'memory' | 'bullmq';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  blobDir: string;
  logLevel: string;
  graph: {
    engine: GraphEngineName;
    kuzuDir: string;
    kuzuBufferPoolBytes: number;
    neo4jUrl: string | null;
    neo4jUser: string | null;
    neo4jPassword: string | null;
    neo4jDatabase: string | null;
    /** How long start-up waits for an unreachable graph server. */
    startupWaitMs: number;
  };
  queue: {
    kind: QueueKind;
    redisUrl: string | null;
    queueName: string;
    attempts: number;
    backoffMs: number;
    /** How long a worker's claim on a job lasts without renewal (BullMQ lockDuration). */
    lockDurationMs: number;
    /** How often workers look for jobs whose worker died (BullMQ stalledInterval). */
    stalledIntervalMs: number;
  };
  worker: {
    enabled: boolean;
    concurrency: number;
  };
  limits: {
    maxUploadBytes: number;
    maxDecompressedBytes: number;
    queryTimeoutMs: number;
    maxPageSize: number;
    maxQueryDepth: number;
  };
  trustConfigPath: string | null;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigDescription {
  variable: string;
  default: string;
  meaning: string;
}

/** The README's configuration table is this list. */
export const CONFIG_VARIABLES: ConfigDescription[] = [
  { variable: 'SUPPLYGRAPH_HOST', default: '127.0.0.1', meaning: 'Address the HTTP API listens on (`serve --host`).' },
  { variable: 'SUPPLYGRAPH_PORT', default: '8080', meaning: 'Port of the HTTP API (`serve --port`).' },
  { variable: 'SUPPLYGRAPH_DATA_DIR', default: './data', meaning: 'Where the embedded graph, blobs and job records live (`serve --data-dir`).' },
  { variable: 'SUPPLYGRAPH_BLOB_DIR', default: '<data dir>/blobs', meaning: 'Content-addressed document store; put it on a shared volume when workers run on other hosts.' },
  { variable: 'SUPPLYGRAPH_GRAPH', default: 'kuzu', meaning: '`kuzu` (embedded, on disk under the data dir) or `neo4j`.' },
  { variable: 'SUPPLYGRAPH_KUZU_BUFFER_POOL_MB', default: '512', meaning: 'Memory Kuzu may use for its page cache.' },
  { variable: 'NEO4J_URL', default: '—', meaning: 'Bolt URL (`neo4j://`, `bolt://`, `neo4j+s://`); setting it selects the Neo4j engine unless SUPPLYGRAPH_GRAPH says otherwise.' },
  { variable: 'NEO4J_USER / NEO4J_PASSWORD', default: '— (no auth)', meaning: 'Neo4j credentials.' },
  { variable: 'NEO4J_DATABASE', default: 'server default', meaning: 'Neo4j database name.' },
  { variable: 'SUPPLYGRAPH_STARTUP_WAIT_MS', default: '120000', meaning: 'How long a process waits at start-up for Neo4j to become reachable before giving up.' },
  { variable: 'SUPPLYGRAPH_QUEUE', default: 'memory, or bullmq when REDIS_URL is set', meaning: '`memory` (in-process, jobs kept under the data dir) or `bullmq`.' },
  { variable: 'REDIS_URL', default: '—', meaning: 'Redis for the BullMQ queue, e.g. `redis://127.0.0.1:6379`.' },
  { variable: 'SUPPLYGRAPH_QUEUE_NAME', default: 'supplygraph-ingest', meaning: 'BullMQ queue name (lets several deployments share one Redis).' },
  { variable: 'SUPPLYGRAPH_JOB_ATTEMPTS', default: '5', meaning: 'Attempts for transient failures (graph or Redis unavailable); parse errors are never retried.' },
  { variable: 'SUPPLYGRAPH_JOB_BACKOFF_MS', default: '1000', meaning: 'First retry delay; doubles each attempt.' },
  { variable: 'SUPPLYGRAPH_JOB_LOCK_MS', default: '30000', meaning: 'BullMQ: how long a worker holds a job without renewing its lock; a job whose worker died is retried after this.' },
  { variable: 'SUPPLYGRAPH_JOB_STALLED_CHECK_MS', default: '30000', meaning: 'BullMQ: how often workers look for jobs whose worker died (stalled jobs).' },
  { variable: 'SUPPLYGRAPH_WORKER', default: 'true', meaning: 'Run an ingest worker inside `serve` (`serve --no-worker` turns it off).' },
  { variable: 'SUPPLYGRAPH_WORKER_CONCURRENCY', default: '2', meaning: 'Jobs one worker process handles at once.' },
  { variable: 'SUPPLYGRAPH_MAX_UPLOAD_BYTES', default: '209715200 (200 MiB)', meaning: 'Largest accepted upload; larger ones get 413.' },
  { variable: 'SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES', default: '1073741824 (1 GiB)', meaning: 'Largest document after decompression; beyond it the job fails (decompression bombs).' },
  { variable: 'SUPPLYGRAPH_QUERY_TIMEOUT_MS', default: '30000', meaning: 'Per-query time limit for GraphQL reads.' },
  { variable: 'SUPPLYGRAPH_MAX_PAGE_SIZE', default: '500', meaning: 'Cap on `first` in every GraphQL connection.' },
  { variable: 'SUPPLYGRAPH_MAX_QUERY_DEPTH', default: '12', meaning: 'Maximum GraphQL selection depth.' },
  { variable: 'SUPPLYGRAPH_TRUST_CONFIG', default: '—', meaning: 'Trust file for model signatures (keys, CAs, Sigstore identities); reloaded on change.' },
  { variable: 'SUPPLYGRAPH_LOG_LEVEL', default: 'info', meaning: 'pino level: trace, debug, info, warn, error, fatal, silent.' },
];

export interface ConfigOverrides {
  host?: string;
  port?: number | string;
  dataDir?: string;
  worker?: boolean;
  concurrency?: number | string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const read = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const dataDir = path.resolve(overrides.dataDir ?? read('SUPPLYGRAPH_DATA_DIR') ?? './data');
  const neo4jUrl = read('NEO4J_URL') ?? null;
  const engine = oneOf('SUPPLYGRAPH_GRAPH', read('SUPPLYGRAPH_GRAPH') ?? (neo4jUrl ? 'neo4j' : 'kuzu'), ['kuzu', 'neo4j'] as const);
  if (engine === 'neo4j' && !neo4jUrl) throw new ConfigError('NEO4J_URL', 'is required when SUPPLYGRAPH_GRAPH=neo4j (e.g. bolt://127.0.0.1:7687)');
  if (neo4jUrl && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/.test(neo4jUrl)) {
    throw new ConfigError('NEO4J_URL', `"${neo4jUrl}" is not a Bolt URL (neo4j://, bolt://, neo4j+s://, bolt+s://)`);
  }
  const redisUrl = read('REDIS_URL') ?? null;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) throw new ConfigError('REDIS_URL', `"${redisUrl}" is not a redis:// or rediss:// URL`);
  const queueKind = oneOf('SUPPLYGRAPH_QUEUE', read('SUPPLYGRAPH_QUEUE') ?? (redisUrl ? 'bullmq' : 'memory'), ['memory', 'bullmq'] as const);
  if (queueKind === 'bullmq' && !redisUrl) throw new ConfigError('REDIS_URL', 'is required when SUPPLYGRAPH_QUEUE=bullmq');

  return {
    host: overrides.host ?? read('SUPPLYGRAPH_HOST') ?? '127.0.0.1',
    port: int('SUPPLYGRAPH_PORT', overrides.port ?? read('SUPPLYGRAPH_PORT') ?? '8080', 0, 65535),
    dataDir,
    blobDir: path.resolve(read('SUPPLYGRAPH_BLOB_DIR') ?? path.join(dataDir, 'blobs')),
    logLevel: oneOf('SUPPLYGRAPH_LOG_LEVEL', read('SUPPLYGRAPH_LOG_LEVEL') ?? 'info', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const),
    graph: {
      engine,
      kuzuDir: path.join(dataDir, 'graph.kuzu'),
      kuzuBufferPoolBytes: int('SUPPLYGRAPH_KUZU_BUFFER_POOL_MB', read('SUPPLYGRAPH_KUZU_BUFFER_POOL_MB') ?? '512', 64, 1_048_576) * 1024 * 1024,
      neo4jUrl,
      neo4jUser: read('NEO4J_USER') ?? null,
      neo4jPassword: read('NEO4J_PASSWORD') ?? null,
      neo4jDatabase: read('NEO4J_DATABASE') ?? null,
      startupWaitMs: int('SUPPLYGRAPH_STARTUP_WAIT_MS', read('SUPPLYGRAPH_STARTUP_WAIT_MS') ?? '120000', 0, 3_600_000),
    },
    queue: {
      kind: queueKind,
      redisUrl,
      queueName: read('SUPPLYGRAPH_QUEUE_NAME') ?? 'supplygraph-ingest',
      attempts: int('SUPPLYGRAPH_JOB_ATTEMPTS', read('SUPPLYGRAPH_JOB_ATTEMPTS') ?? '5', 1, 100),
      backoffMs: int('SUPPLYGRAPH_JOB_BACKOFF_MS', read('SUPPLYGRAPH_JOB_BACKOFF_MS') ?? '1000', 10, 3_600_000),
      lockDurationMs: int('SUPPLYGRAPH_JOB_LOCK_MS', read('SUPPLYGRAPH_JOB_LOCK_MS') ?? '30000', 1000, 3_600_000),
      stalledIntervalMs: int('SUPPLYGRAPH_JOB_STALLED_CHECK_MS', read('SUPPLYGRAPH_JOB_STALLED_CHECK_MS') ?? '30000', 500, 3_600_000),
    },
    worker: {
      enabled: overrides.worker ?? bool('SUPPLYGRAPH_WORKER', read('SUPPLYGRAPH_WORKER') ?? 'true'),
      concurrency: int('SUPPLYGRAPH_WORKER_CONCURRENCY', overrides.concurrency ?? read('SUPPLYGRAPH_WORKER_CONCURRENCY') ?? '2', 1, 64),
    },
    limits: {
      maxUploadBytes: int('SUPPLYGRAPH_MAX_UPLOAD_BYTES', read('SUPPLYGRAPH_MAX_UPLOAD_BYTES') ?? String(200 * 1024 * 1024), 1024, 16 * 1024 ** 3),
      maxDecompressedBytes: int('SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES', read('SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES') ?? String(1024 ** 3), 1024, 64 * 1024 ** 3),
      queryTimeoutMs: int('SUPPLYGRAPH_QUERY_TIMEOUT_MS', read('SUPPLYGRAPH_QUERY_TIMEOUT_MS') ?? '30000', 100, 3_600_000),
      maxPageSize: int('SUPPLYGRAPH_MAX_PAGE_SIZE', read('SUPPLYGRAPH_MAX_PAGE_SIZE') ?? '500', 1, 100_000),
      maxQueryDepth: int('SUPPLYGRAPH_MAX_QUERY_DEPTH', read('SUPPLYGRAPH_MAX_QUERY_DEPTH') ?? '12', 2, 100),
    },
    trustConfigPath: read('SUPPLYGRAPH_TRUST_CONFIG') ? path.resolve(read('SUPPLYGRAPH_TRUST_CONFIG')!) : null,
  };
}

function int(variable: string, value: number | string, min: number, max: number): number {
  const n = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(variable, `"${value}" is not a whole number from ${min} to ${max}`);
  return n;
}

function bool(variable: string, value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(variable, `"${value}" is not true or false`);
}

function oneOf<T extends string>(variable: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(variable, `"${value}" is not one of ${allowed.join(', ')}`);
}
