/**
 * The one configuration module: every setting comes from an environment
 * variable (CLI flags override a few), is validated once at start-up, and a
 * wrong value stops the process with a message naming the variable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_NESTING_DEPTH } from '../../ingestors/common/nesting.js';
import { DEFAULT_PARSE_MEMORY_MB, DEFAULT_PARSE_TIMEOUT_MS, defaultParseProcesses } from '../../ingestors/isolation/parse-pool.js';
import { mergeTokenLists, parseTokenSpec, TokenSpecError, type ApiTokenEntry } from './api-tokens.js';
import { parseImportersConfig, type ImporterDefinition } from '../importers/config.js';
import { ImporterError } from '../importers/errors.js';
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

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
    /** Node and edge rows per write transaction for a large document (services/graph/write-chunks.ts). */
    writeChunkRows: number;
    /** How long a chunked write's claim on its document holds without progress (Neo4j; a dead writer's claim expires). */
    writeLeaseMs: number;
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
    /** Uploads are refused (503 QUEUE_FULL) while this many jobs are not yet finished. */
    maxWaitingJobs: number;
    /** … or while the unfinished jobs' documents add up to this many bytes. */
    maxWaitingBytes: number;
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
    /** Aliased fields per GraphQL operation, fragments expanded (services/api/graphql/query-shape.ts). */
    maxQueryAliases: number;
    /** Fields per GraphQL operation, fragments expanded. */
    maxQueryFields: number;
    /** Static GraphQL cost limit (services/api/graphql/cost-limit.ts). */
    maxQueryCost: number;
    /** Requests per minute per token (or per address when anonymous); 0 = no limit. */
    rateLimitPerMinute: number;
    /** Deepest JSON nesting a document may have (ingestors/common/nesting.ts). */
    maxNestingDepth: number;
    /** Child processes that decompress and parse documents (ingestors/isolation/parse-pool.ts). */
    parseProcesses: number;
    /** V8 heap cap of each parse process, MB. */
    parseMemoryMb: number;
    /** Wall time one document may take to parse before its process is killed. */
    parseTimeoutMs: number;
  };
  auth: {
    /** Configured API tokens, as SHA-256 digests only. Empty: authentication is off. */
    tokens: ApiTokenEntry[];
    /** Whether callers without a token may read while tokens are configured. */
    anonymousRead: boolean;
  };
  trustConfigPath: string | null;
  /** What happens to an older version of an SBOM when a newer one arrives (docs/documents.md). */
  documents: { supersededSboms: 'keep' | 'delete' };
  importers: {
    /** SUPPLYGRAPH_IMPORTERS_CONFIG, resolved; null when none is configured. */
    configPath: string | null;
    definitions: ImporterDefinition[];
  };
}

export class ConfigError extends SupplygraphError<'CONFIG_INVALID'> {
  constructor(readonly variable: string, message: string) {
    super('CONFIG_INVALID', `${variable}: ${message}`);
  }
}

export interface ConfigDescription {
  variable: string;
  default: string;
  meaning: string;
}

/**
 * Every environment variable supplygraph reads, in the order of the README's
 * configuration table, which is generated from this list
 * (`npm run docs:config`). Adding a variable is one entry here;
 * test/docs/config-table.test.ts fails while a variable the code reads has no
 * entry or README.md differs from this list.
 */
export const CONFIG_VARIABLES: ConfigDescription[] = [
  { variable: 'SUPPLYGRAPH_HOST', default: '127.0.0.1', meaning: 'Address the HTTP API listens on (`serve --host`).' },
  { variable: 'SUPPLYGRAPH_PORT', default: '8080', meaning: 'Port of the HTTP API (`serve --port`).' },
  { variable: 'SUPPLYGRAPH_DATA_DIR', default: './data', meaning: 'Where the embedded graph, blobs and job records live (`serve --data-dir`).' },
  { variable: 'SUPPLYGRAPH_BLOB_DIR', default: '<data dir>/blobs', meaning: 'Content-addressed document store; put it on a shared volume when workers run on other hosts.' },
  { variable: 'SUPPLYGRAPH_GRAPH', default: 'kuzu', meaning: '`kuzu` (embedded, on disk under the data dir) or `neo4j`.' },
  { variable: 'SUPPLYGRAPH_KUZU_BUFFER_POOL_MB', default: '1024', meaning: 'Memory Kuzu may use for its buffer pool (page cache and query working memory; path queries over many edge types need more on large graphs).' },
  { variable: 'SUPPLYGRAPH_WRITE_CHUNK_ROWS', default: '100000', meaning: 'A document with more node and edge rows than this is written in several transactions of at most this many rows (state `writing` until the last), so its memory in the writer and in Neo4j\'s transaction stays bounded; a write interrupted mid-way is redone by the next attempt.' },
  { variable: 'SUPPLYGRAPH_WRITE_LEASE_MS', default: '60000', meaning: 'Neo4j: how long a chunked write\'s claim on its document lasts without progress; another worker takes over a document whose writer died only after this.' },
  { variable: 'NEO4J_URL', default: '—', meaning: 'Bolt URL (`neo4j://`, `bolt://`, `neo4j+s://`); setting it selects the Neo4j engine unless SUPPLYGRAPH_GRAPH says otherwise.' },
  { variable: 'NEO4J_USER / NEO4J_PASSWORD', default: '— (no auth)', meaning: 'Neo4j credentials.' },
  { variable: 'NEO4J_DATABASE', default: 'server default', meaning: 'Neo4j database name.' },
  { variable: 'SUPPLYGRAPH_STARTUP_WAIT_MS', default: '120000', meaning: 'How long a process waits at start-up for Neo4j to become reachable before giving up.' },
  { variable: 'SUPPLYGRAPH_QUEUE', default: 'memory, or bullmq when REDIS_URL is set', meaning: '`memory` (in-process, jobs kept under the data dir) or `bullmq`.' },
  { variable: 'REDIS_URL', default: '—', meaning: 'Redis for the BullMQ queue, e.g. `redis://127.0.0.1:6379`.' },
  { variable: 'SUPPLYGRAPH_QUEUE_NAME', default: 'supplygraph-ingest', meaning: 'BullMQ queue name (lets several deployments share one Redis).' },
  { variable: 'SUPPLYGRAPH_JOB_ATTEMPTS', default: '5', meaning: 'Attempts for transient failures (graph or Redis unavailable), and times a job\'s process may die while running it before it fails `ATTEMPTS_EXHAUSTED`; parse errors are never retried.' },
  { variable: 'SUPPLYGRAPH_JOB_BACKOFF_MS', default: '1000', meaning: 'First retry delay; doubles each attempt.' },
  { variable: 'SUPPLYGRAPH_JOB_LOCK_MS', default: '30000', meaning: 'BullMQ: how long a worker holds a job without renewing its lock; a job whose worker died is retried after this.' },
  { variable: 'SUPPLYGRAPH_JOB_STALLED_CHECK_MS', default: '30000', meaning: 'BullMQ: how often workers look for jobs whose worker died (stalled jobs).' },
  { variable: 'SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS', default: '1000', meaning: 'Jobs accepted but not yet finished (waiting, retrying or running) beyond which uploads get 503 `QUEUE_FULL` with Retry-After; the CLI waits and retries. See docs/security.md.' },
  { variable: 'SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES', default: '2147483648 (2 GiB)', meaning: 'The same, counted in bytes of the documents those jobs carry (an upload that would pass it is refused).' },
  { variable: 'SUPPLYGRAPH_WORKER', default: 'true', meaning: 'Run an ingest worker inside `serve` (`serve --no-worker` turns it off).' },
  { variable: 'SUPPLYGRAPH_WORKER_CONCURRENCY', default: '4 (in-process queue), 2 (BullMQ)', meaning: 'Jobs one worker process handles at once. The embedded engine writes documents that are ready together in one transaction, so more jobs in flight means fewer, larger commits.' },
  { variable: 'SUPPLYGRAPH_WORKER_METRICS_PORT', default: '— (none)', meaning: '`supplygraph worker` only: serve /healthz, /readyz and /metrics on this port (`worker --metrics-port`); validated like SUPPLYGRAPH_PORT.' },
  { variable: 'SUPPLYGRAPH_MAX_UPLOAD_BYTES', default: '209715200 (200 MiB)', meaning: 'Largest accepted upload; larger ones get 413.' },
  { variable: 'SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES', default: '1073741824 (1 GiB)', meaning: 'Largest document after decompression; beyond it the job fails (decompression bombs).' },
  { variable: 'SUPPLYGRAPH_MAX_NESTING_DEPTH', default: '1000', meaning: 'Deepest JSON nesting (objects and arrays) a document may have; deeper ones fail `DOCUMENT_TOO_COMPLEX` before parsing. See docs/security.md.' },
  { variable: 'SUPPLYGRAPH_PARSE_PROCESSES', default: 'cores − 1 (at least 1)', meaning: 'Child processes that decompress and parse documents off the event loop; queued documents parse in parallel up to this many.' },
  { variable: 'SUPPLYGRAPH_PARSE_THREADS', default: 'none (removed)', meaning: 'The old name of `SUPPLYGRAPH_PARSE_PROCESSES` (parsers were threads); setting it stops start-up with a message naming the new one.' },
  { variable: 'SUPPLYGRAPH_PARSE_MEMORY_MB', default: '4096', meaning: 'Heap cap of each parse process; a document needing more fails `DOCUMENT_TOO_COMPLEX` and only its process is replaced.' },
  { variable: 'SUPPLYGRAPH_PARSE_TIMEOUT_MS', default: '300000', meaning: 'Wall time one document may spend decompressing and parsing; beyond it the parse process is killed and the job fails `PARSE_TIMEOUT`.' },
  { variable: 'SUPPLYGRAPH_QUERY_TIMEOUT_MS', default: '30000', meaning: 'Per-query time limit for GraphQL reads.' },
  { variable: 'SUPPLYGRAPH_MAX_PAGE_SIZE', default: '500', meaning: 'Cap on `first` in every GraphQL connection.' },
  { variable: 'SUPPLYGRAPH_MAX_QUERY_DEPTH', default: '12', meaning: 'Maximum GraphQL selection depth.' },
  { variable: 'SUPPLYGRAPH_MAX_QUERY_ALIASES', default: '50', meaning: 'Maximum aliased fields in one GraphQL operation (fragments expanded); more get 400 `QUERY_TOO_MANY_ALIASES`.' },
  { variable: 'SUPPLYGRAPH_MAX_QUERY_FIELDS', default: '500', meaning: 'Maximum fields in one GraphQL operation (fragments expanded); more get 400 `QUERY_TOO_MANY_FIELDS`.' },
  { variable: 'SUPPLYGRAPH_MAX_QUERY_COST', default: '50000', meaning: 'Maximum static GraphQL cost (each field 1, multiplied by the page size of enclosing lists); costlier queries get 400 `QUERY_TOO_COSTLY`. See docs/security.md.' },
  { variable: 'SUPPLYGRAPH_API_TOKENS', default: '— (no authentication)', meaning: 'API tokens as `name:scope+scope:token,…` (scopes `read`, `ingest`, `admin`) or a JSON list; clients send `Authorization: Bearer <token>`. See docs/security.md.' },
  { variable: 'SUPPLYGRAPH_API_TOKENS_FILE', default: '—', meaning: 'File with more tokens in the same format (one per line, `#` comments; JSON entries may give `sha256` instead of the token).' },
  { variable: 'SUPPLYGRAPH_ANONYMOUS_READ', default: 'true without tokens, false with', meaning: 'Whether requests without a token may read (GraphQL, job status) while tokens are configured.' },
  { variable: 'SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE', default: '600', meaning: 'Requests per minute per token (per client address when anonymous); beyond it 429 with Retry-After. `0` turns it off. Health, readiness and metrics are not counted.' },
  { variable: 'SUPPLYGRAPH_TRUST_CONFIG', default: '—', meaning: 'Trust file for model signatures (keys, CAs, Sigstore identities); reloaded on change.' },
  { variable: 'SUPPLYGRAPH_SUPERSEDED_SBOMS', default: 'keep', meaning: 'When a newer version of an SBOM arrives (same name and subject): `keep` both and mark the older `supersededBy`, or `delete` the older one (as `DELETE /api/v1/documents/:id` does). See docs/documents.md.' },
  { variable: 'SUPPLYGRAPH_IMPORTERS_CONFIG', default: '— (no scheduled importers)', meaning: 'YAML file of importers (OSV, CSAF, CVE 5, SBOM directories) that `serve` (with a worker) and `supplygraph worker` run on their schedule. See docs/importers.md.' },
  { variable: 'SUPPLYGRAPH_LOG_LEVEL', default: 'info', meaning: 'pino level: trace, debug, info, warn, error, fatal, silent.' },
  { variable: 'SUPPLYGRAPH_SERVER', default: 'http://127.0.0.1:8080', meaning: 'Client side (`supplygraph ingest` and `query`): the server to talk to (`--server`).' },
  { variable: 'SUPPLYGRAPH_TOKEN', default: '—', meaning: 'Client side (`supplygraph ingest` and `query`): the API token to send (`--token`).' },
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
  // Parsers became processes; a deployment still setting the old name would silently get the default.
  if (read('SUPPLYGRAPH_PARSE_THREADS') !== undefined) throw new ConfigError('SUPPLYGRAPH_PARSE_THREADS', 'was renamed: documents are now parsed in child processes; set SUPPLYGRAPH_PARSE_PROCESSES instead');
  const dataDir = path.resolve(overrides.dataDir ?? read('SUPPLYGRAPH_DATA_DIR') ?? './data');
  const neo4jUrl = read('NEO4J_URL') ?? null;
  const engine = oneOf('SUPPLYGRAPH_GRAPH', read('SUPPLYGRAPH_GRAPH') ?? (neo4jUrl ? 'neo4j' : 'kuzu'), ['kuzu', 'neo4j'] as const);
  if (engine === 'neo4j' && !neo4jUrl) throw new ConfigError('NEO4J_URL', 'is required when SUPPLYGRAPH_GRAPH=neo4j (e.g. bolt://127.0.0.1:7687)');
  if (neo4jUrl && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/.test(neo4jUrl)) {
    throw new ConfigError('NEO4J_URL', `"${neo4jUrl}" is not a Bolt URL (neo4j://, bolt://, neo4j+s://, bolt+s://)`);
  }
  const redisUrl = read('REDIS_URL') ?? null;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) throw new ConfigError('REDIS_URL', `"${redisUrl}" is not a redis:// or rediss:// URL`);
  const tokens = apiTokens(read('SUPPLYGRAPH_API_TOKENS'), read('SUPPLYGRAPH_API_TOKENS_FILE'));
  const anonymousReadRaw = read('SUPPLYGRAPH_ANONYMOUS_READ');
  const anonymousRead = anonymousReadRaw === undefined ? tokens.length === 0 : bool('SUPPLYGRAPH_ANONYMOUS_READ', anonymousReadRaw);
  if (!anonymousRead && tokens.length === 0) {
    throw new ConfigError('SUPPLYGRAPH_ANONYMOUS_READ', 'is false but no API token is configured, so nobody could use the API; set SUPPLYGRAPH_API_TOKENS (or SUPPLYGRAPH_API_TOKENS_FILE)');
  }
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
      kuzuBufferPoolBytes: int('SUPPLYGRAPH_KUZU_BUFFER_POOL_MB', read('SUPPLYGRAPH_KUZU_BUFFER_POOL_MB') ?? '1024', 64, 1_048_576) * 1024 * 1024,
      neo4jUrl,
      neo4jUser: read('NEO4J_USER') ?? null,
      neo4jPassword: read('NEO4J_PASSWORD') ?? null,
      neo4jDatabase: read('NEO4J_DATABASE') ?? null,
      startupWaitMs: int('SUPPLYGRAPH_STARTUP_WAIT_MS', read('SUPPLYGRAPH_STARTUP_WAIT_MS') ?? '120000', 0, 3_600_000),
      writeChunkRows: int('SUPPLYGRAPH_WRITE_CHUNK_ROWS', read('SUPPLYGRAPH_WRITE_CHUNK_ROWS') ?? '100000', 100, 100_000_000),
      writeLeaseMs: int('SUPPLYGRAPH_WRITE_LEASE_MS', read('SUPPLYGRAPH_WRITE_LEASE_MS') ?? '60000', 1000, 3_600_000),
    },
    queue: {
      kind: queueKind,
      redisUrl,
      queueName: read('SUPPLYGRAPH_QUEUE_NAME') ?? 'supplygraph-ingest',
      attempts: int('SUPPLYGRAPH_JOB_ATTEMPTS', read('SUPPLYGRAPH_JOB_ATTEMPTS') ?? '5', 1, 100),
      backoffMs: int('SUPPLYGRAPH_JOB_BACKOFF_MS', read('SUPPLYGRAPH_JOB_BACKOFF_MS') ?? '1000', 10, 3_600_000),
      lockDurationMs: int('SUPPLYGRAPH_JOB_LOCK_MS', read('SUPPLYGRAPH_JOB_LOCK_MS') ?? '30000', 1000, 3_600_000),
      stalledIntervalMs: int('SUPPLYGRAPH_JOB_STALLED_CHECK_MS', read('SUPPLYGRAPH_JOB_STALLED_CHECK_MS') ?? '30000', 500, 3_600_000),
      maxWaitingJobs: int('SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS', read('SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS') ?? '1000', 1, 10_000_000),
      maxWaitingBytes: int('SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES', read('SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES') ?? String(2 * 1024 ** 3), 1024, 1024 ** 5),
    },
    worker: {
      enabled: overrides.worker ?? bool('SUPPLYGRAPH_WORKER', read('SUPPLYGRAPH_WORKER') ?? 'true'),
      concurrency: int('SUPPLYGRAPH_WORKER_CONCURRENCY', overrides.concurrency ?? read('SUPPLYGRAPH_WORKER_CONCURRENCY') ?? (queueKind === 'memory' ? '4' : '2'), 1, 64),
    },
    limits: {
      maxUploadBytes: int('SUPPLYGRAPH_MAX_UPLOAD_BYTES', read('SUPPLYGRAPH_MAX_UPLOAD_BYTES') ?? String(200 * 1024 * 1024), 1024, 16 * 1024 ** 3),
      maxDecompressedBytes: int('SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES', read('SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES') ?? String(1024 ** 3), 1024, 64 * 1024 ** 3),
      queryTimeoutMs: int('SUPPLYGRAPH_QUERY_TIMEOUT_MS', read('SUPPLYGRAPH_QUERY_TIMEOUT_MS') ?? '30000', 100, 3_600_000),
      maxPageSize: int('SUPPLYGRAPH_MAX_PAGE_SIZE', read('SUPPLYGRAPH_MAX_PAGE_SIZE') ?? '500', 1, 100_000),
      maxQueryDepth: int('SUPPLYGRAPH_MAX_QUERY_DEPTH', read('SUPPLYGRAPH_MAX_QUERY_DEPTH') ?? '12', 2, 100),
      maxQueryAliases: int('SUPPLYGRAPH_MAX_QUERY_ALIASES', read('SUPPLYGRAPH_MAX_QUERY_ALIASES') ?? '50', 0, 100_000),
      maxQueryFields: int('SUPPLYGRAPH_MAX_QUERY_FIELDS', read('SUPPLYGRAPH_MAX_QUERY_FIELDS') ?? '500', 10, 1_000_000),
      maxQueryCost: int('SUPPLYGRAPH_MAX_QUERY_COST', read('SUPPLYGRAPH_MAX_QUERY_COST') ?? '50000', 10, 1_000_000_000),
      rateLimitPerMinute: int('SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE', read('SUPPLYGRAPH_RATE_LIMIT_PER_MINUTE') ?? '600', 0, 10_000_000),
      maxNestingDepth: int('SUPPLYGRAPH_MAX_NESTING_DEPTH', read('SUPPLYGRAPH_MAX_NESTING_DEPTH') ?? String(DEFAULT_MAX_NESTING_DEPTH), 16, 10_000_000),
      parseProcesses: int('SUPPLYGRAPH_PARSE_PROCESSES', read('SUPPLYGRAPH_PARSE_PROCESSES') ?? String(defaultParseProcesses()), 1, 256),
      parseMemoryMb: int('SUPPLYGRAPH_PARSE_MEMORY_MB', read('SUPPLYGRAPH_PARSE_MEMORY_MB') ?? String(DEFAULT_PARSE_MEMORY_MB), 64, 1_048_576),
      parseTimeoutMs: int('SUPPLYGRAPH_PARSE_TIMEOUT_MS', read('SUPPLYGRAPH_PARSE_TIMEOUT_MS') ?? String(DEFAULT_PARSE_TIMEOUT_MS), 100, 86_400_000),
    },
    auth: { tokens, anonymousRead },
    trustConfigPath: read('SUPPLYGRAPH_TRUST_CONFIG') ? path.resolve(read('SUPPLYGRAPH_TRUST_CONFIG')!) : null,
    documents: { supersededSboms: oneOf('SUPPLYGRAPH_SUPERSEDED_SBOMS', read('SUPPLYGRAPH_SUPERSEDED_SBOMS') ?? 'keep', ['keep', 'delete'] as const) },
    importers: importersConfig(read('SUPPLYGRAPH_IMPORTERS_CONFIG')),
  };
}

/** The importers file is read once at start-up: a mistake in it stops the process, naming the field. */
function importersConfig(file: string | undefined): Config['importers'] {
  if (file === undefined) return { configPath: null, definitions: [] };
  const configPath = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (err) {
    throw new ConfigError('SUPPLYGRAPH_IMPORTERS_CONFIG', `cannot read ${configPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return { configPath, definitions: parseImportersConfig(text, configPath) };
  } catch (err) {
    if (err instanceof ImporterError) throw new ConfigError('SUPPLYGRAPH_IMPORTERS_CONFIG', err.message);
    throw err;
  }
}

/** Tokens from the variable and the file together; a malformed list names the variable it came from. */
function apiTokens(spec: string | undefined, file: string | undefined): ApiTokenEntry[] {
  const parse = (variable: string, text: string): ApiTokenEntry[] => {
    try {
      return parseTokenSpec(text);
    } catch (err) {
      if (err instanceof TokenSpecError) throw new ConfigError(variable, err.message);
      throw err;
    }
  };
  const fromEnv = spec === undefined ? [] : parse('SUPPLYGRAPH_API_TOKENS', spec);
  let fromFile: ApiTokenEntry[] = [];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(path.resolve(file), 'utf8');
    } catch (err) {
      throw new ConfigError('SUPPLYGRAPH_API_TOKENS_FILE', `cannot read ${path.resolve(file)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    fromFile = parse('SUPPLYGRAPH_API_TOKENS_FILE', text);
  }
  try {
    return mergeTokenLists(fromEnv, fromFile);
  } catch (err) {
    if (err instanceof TokenSpecError) throw new ConfigError(file !== undefined ? 'SUPPLYGRAPH_API_TOKENS_FILE' : 'SUPPLYGRAPH_API_TOKENS', err.message);
    throw err;
  }
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
