/**
 * `supplygraph ingest <paths...>`: uploads files to a running supplygraph
 * server (POST /api/v1/documents), waits for their ingestion jobs and reports.
 *
 * registerIngest() wires the command into commander; runIngest() is the whole
 * behaviour with injectable streams/client, returning the exit code
 * (0 all good, 1 something failed or timed out, 130 interrupted). Usage errors
 * (nothing matched, bad option values) are thrown as UsageError and become
 * exit code 2.
 */
import { parseLabel } from '../../documents/labels.js';
import { UsageError } from '../usage-error.js';
import { Command, Option } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  ApiClient,
  ApiError,
  DEFAULT_SERVER,
  JobTimeoutError,
  describeApiError,
  normalizeServerUrl,
  type JobState,
  type JobStatus,
  type UploadAccepted,
} from '../api-client.js';
import { PARSERS } from '../../../ingestors/registry.js';
import { expandPaths, type ExpandedFile } from '../files.js';
import { ProgressBar, formatDuration, formatTable, type ProgressStream } from '../progress.js';

export interface IngestOptions {
  server: string;
  token: string | null;
  format: string | null;
  strict: boolean;
  /** false = --no-wait: upload and print job ids. */
  wait: boolean;
  concurrency: number;
  /** Max wait per job. */
  timeoutSeconds: number;
  json: boolean;
  /** `--meta k=v`: producer metadata sent with every upload (`meta.k=v`). */
  metadata: Record<string, string>;
  /** `--label k=v`: labels stored on every uploaded document (`label.k=v`). */
  labels?: Record<string, string>;
}

export interface IngestIo {
  stdout: { write(chunk: string): boolean };
  stderr: ProgressStream;
  /** Base for relative paths; default process.cwd(). */
  cwd?: string;
  /** Replaces the client built from options.server/token (tests). */
  client?: ApiClient;
  /** Cancels the run (default: SIGINT does). */
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * What happened to one file.
 * state: the job's last known state, or 'uploaded' (--no-wait), 'upload-failed',
 * 'skipped' (not attempted after a fatal error), 'cancelled' (interrupted).
 */
export type FileState = JobState | 'uploaded' | 'upload-failed' | 'skipped' | 'cancelled';

export interface FileOutcome {
  file: string;
  jobId: string | null;
  state: FileState;
  /** Ingestion result status: 'written' | 'already-ingested', null otherwise. */
  status: 'written' | 'already-ingested' | null;
  documentKey: string | null;
  format: string | null;
  nodes: number | null;
  edges: number | null;
  nodesCreated: number | null;
  edgesCreated: number | null;
  /** Number of warnings. */
  warnings: number;
  failure: { code: string; message: string } | null;
  blobDigest: string | null;
}

export interface IngestReport {
  /** Files ingested by this run ('written'); with --no-wait: files uploaded. */
  ok: number;
  failed: number;
  alreadyIngested: number;
  files: FileOutcome[];
  elapsedMs: number;
}


/** `items` as a comma-separated list, broken into indented lines of at most `width` columns. */
function wrapList(items: readonly string[], indent: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const word = i < items.length - 1 ? `${item},` : item;
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** The names --format takes: the ingestor registry's, in detection order. */
export const FORMAT_NAMES: readonly string[] = PARSERS.map((p) => p.format);

export const HELP_AFTER = `
Paths may be files, folders (searched recursively; dotfiles and dot-folders
such as .git are skipped) or globs: * and ? (within one folder), ** (any depth),
[abc], {a,b}. Quote globs so the shell passes them through unchanged.

Each file is uploaded to POST /api/v1/documents, then its ingestion job is
polled until it completes, fails, or --timeout passes.

--format (normally the format is detected from the content) takes one of:
${wrapList(FORMAT_NAMES, '  ', 78)}

Examples:
  $ supplygraph ingest sbom.cdx.json
  $ supplygraph ingest ./sboms ./models
  $ supplygraph ingest 'sboms/**/*.{json,xml}' --concurrency 8
  $ supplygraph ingest --format spdx2-json --strict app.spdx.json
  $ supplygraph ingest --no-wait --json ./sboms | jq -r '.files[].jobId'
  $ supplygraph ingest model.sig --meta purl=pkg:huggingface/acme/sentiment@r1 --meta name=acme/sentiment
  $ SUPPLYGRAPH_SERVER=https://sg.example.com SUPPLYGRAPH_TOKEN=... supplygraph ingest ./sboms

Exit codes:
  0  every file ingested (or already present)
  1  at least one file failed (upload rejected, job failed) or timed out
  2  usage error, e.g. a path or pattern that matched no files
`;

/** Adds `ingest` to the program. */
export function registerIngest(program: Command): void {
  const cmd = program
    .command('ingest')
    .description('upload SBOMs, attestations, model signatures, advisories... to a supplygraph server and wait for ingestion')
    .usage('[options] <paths...>')
    .argument('[paths...]', 'files, folders or glob patterns (at least one)')
    .addOption(new Option('--server <url>', 'supplygraph server URL').env('SUPPLYGRAPH_SERVER').default(DEFAULT_SERVER))
    .addOption(new Option('--token <token>', 'bearer token for the API').env('SUPPLYGRAPH_TOKEN'))
    .option('--format <fmt>', 'force the document format instead of detecting it (names below)')
    .option('--strict', 'strict validation (validate=strict): reject documents with schema violations')
    .option('--no-wait', 'only upload and print the job ids; do not wait for ingestion')
    .option('--concurrency <n>', 'parallel uploads', '4')
    .option('--timeout <seconds>', 'max wait per job, in seconds', '600')
    .option('--json', 'print one JSON report on stdout instead of the table')
    .option('--meta <key=value>', 'producer metadata for every upload, e.g. purl=… or name=… for a model signature (repeatable)', collectMeta, [])
    .option('--label <key=value>', 'label stored on every uploaded document, e.g. team=payments (repeatable); filter with `documents list --label`', collectMeta, [])
    .addHelpText('after', HELP_AFTER);

  cmd.action(async (paths: string[], raw: Record<string, unknown>) => {
    let options: IngestOptions;
    try {
      options = parseIngestOptions(raw);
      if (paths.length === 0) throw new UsageError('no paths given: pass files, folders or glob patterns (see `supplygraph ingest --help`)');
    } catch (err) {
      usageExit(cmd, err);
    }
    const client = new ApiClient({ server: options.server, token: options.token });
    try {
      const code = await runIngest(paths, options, { stdout: process.stdout, stderr: process.stderr, client });
      process.exitCode = code;
      // Done: idle keep-alive connections to the server (fetch's included, which we cannot close) must not
      // keep the process alive until the server drops them (72 s for Fastify). The timer is unref'd, so a
      // process that ends by itself ends sooner.
      setTimeout(() => process.exit(code), 200).unref();
    } catch (err) {
      usageExit(cmd, err);
    } finally {
      client.close();
    }
  });
}

/** Exits with code 2 for usage errors (through commander, so exitOverride is honoured); rethrows others. */
function usageExit(cmd: Command, err: unknown): never {
  if (err instanceof UsageError) cmd.error(`error: ${err.message}`, { exitCode: 2, code: 'supplygraph.usage' });
  if (err instanceof ApiError && err.code === 'INVALID_SERVER_URL') {
    cmd.error(`error: ${describeApiError(err)}`, { exitCode: 2, code: 'supplygraph.usage' });
  }
  throw err;
}

/** Commander's collector for the repeatable `--meta key=value`. */
export function collectMeta(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `key=value` pairs → metadata; keys are what the server reads after `meta.` (purl, name, …). */
export function parseMeta(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!/^[A-Za-z][\w.-]*$/.test(key)) throw new UsageError(`--meta needs key=value with a key of letters, digits, "_", "-" or "." (got "${pair}")`);
    const value = pair.slice(eq + 1).trim();
    if (value === '') throw new UsageError(`--meta ${key} has an empty value`);
    out[key] = value;
  }
  return out;
}

/** `--label key=value` pairs, validated as the server validates them. */
export function parseLabelOptions(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    try {
      const [k, v] = parseLabel(pair);
      out[k] = v;
    } catch (err) {
      throw new UsageError(`--label: ${(err as Error).message}`);
    }
  }
  return out;
}

/** Validates commander's raw option values. */
export function parseIngestOptions(raw: Record<string, unknown>): IngestOptions {
  const concurrency = Number(raw.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64 (got "${String(raw.concurrency)}")`);
  }
  const timeoutSeconds = Number(raw.timeout ?? 600);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds (got "${String(raw.timeout)}")`);
  }
  const format = typeof raw.format === 'string' ? raw.format.trim() : null;
  if (format === '') throw new UsageError('--format needs a value');
  const serverRaw = typeof raw.server === 'string' && raw.server.trim() !== '' ? raw.server : DEFAULT_SERVER;
  let server: string;
  try {
    server = normalizeServerUrl(serverRaw);
  } catch (err) {
    throw new UsageError(describeApiError(err));
  }
  return {
    server,
    token: typeof raw.token === 'string' && raw.token !== '' ? raw.token : null,
    format,
    strict: raw.strict === true,
    wait: raw.wait !== false,
    concurrency,
    timeoutSeconds,
    json: raw.json === true,
    metadata: parseMeta(Array.isArray(raw.meta) ? raw.meta.map(String) : []),
    labels: parseLabelOptions(Array.isArray(raw.label) ? raw.label.map(String) : []),
  };
}

/** Errors after which every other request would fail the same way. */
function isFatal(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.code === 'UNREACHABLE' || err.isAuthError);
}

interface InFlight {
  file: ExpandedFile;
  phase: string;
}

/** The whole command; returns the exit code. Throws UsageError when nothing matched. */
export async function runIngest(patterns: readonly string[], options: IngestOptions, io: IngestIo): Promise<number> {
  const { files, unmatched } = await expandPaths(patterns, { cwd: io.cwd });
  if (unmatched.length > 0) {
    const lines = unmatched.map((u) => `  ${u.operand}: ${u.reason}`).join('\n');
    throw new UsageError(`${unmatched.length === 1 ? 'a path' : `${unmatched.length} paths`} matched nothing:\n${lines}`);
  }
  if (files.length === 0) throw new UsageError('no files to ingest');

  const now = io.now ?? Date.now;
  const started = now();
  const client = io.client ?? new ApiClient({ server: options.server, token: options.token });
  const useBar = io.stderr.isTTY === true && !options.json;

  // Cancellation: the caller's signal, or Ctrl-C.
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  if (io.signal) {
    if (io.signal.aborted) controller.abort();
    else io.signal.addEventListener('abort', onSigint, { once: true });
  } else {
    process.once('SIGINT', onSigint);
  }

  const outcomes: FileOutcome[] = files.map((f) => blankOutcome(f.display));
  const inFlight = new Map<number, InFlight>();
  let done = 0;
  let okCount = 0;
  let failedCount = 0;
  let fatal: ApiError | null = null;

  const bar = useBar ? new ProgressBar(io.stderr, { total: files.length, done: 0, ok: 0, failed: 0, current: null }).start() : null;
  const refresh = (): void => {
    if (!bar) return;
    const entries = [...inFlight.values()];
    const cur = entries[entries.length - 1];
    bar.update({ done, ok: okCount, failed: failedCount, current: cur?.file.display ?? null, phase: cur?.phase ?? null, active: entries.length });
  };
  const say = (line: string): void => {
    if (bar) bar.log(line);
    else io.stderr.write(line + '\n');
  };

  const finish = (index: number, outcome: FileOutcome): void => {
    outcomes[index] = outcome;
    inFlight.delete(index);
    done++;
    const good = outcome.failure === null;
    if (good) okCount++;
    else failedCount++;
    if (!bar) say(progressLine(done, files.length, outcome));
    else if (!good) say(`FAILED ${outcome.file}: ${outcome.failure?.code}: ${outcome.failure?.message}`);
    refresh();
  };

  const processFile = async (index: number): Promise<void> => {
    const file = files[index];
    const outcome = blankOutcome(file.display);
    if (fatal || controller.signal.aborted) {
      outcome.state = controller.signal.aborted ? 'cancelled' : 'skipped';
      outcome.failure = controller.signal.aborted
        ? { code: 'CANCELLED', message: 'interrupted before upload' }
        : { code: fatal?.code ?? 'SKIPPED', message: `not attempted: ${fatal?.message ?? 'an earlier error stopped the run'}` };
      finish(index, outcome);
      return;
    }
    const slot: InFlight = { file, phase: 'uploading' };
    inFlight.set(index, slot);
    refresh();

    let accepted: UploadAccepted;
    try {
      let told = false;
      accepted = await uploadWithRetry(client, file, options, controller.signal, (sent, total) => {
        slot.phase = total > 0 ? `uploading ${Math.floor((sent / total) * 100)}%` : 'uploading';
        refresh();
      }, (waitMs, err) => {
        slot.phase = `server busy (${err.code}); retrying in ${Math.ceil(waitMs / 1000)}s`;
        if (!bar && !told) say(`waiting: ${file.display}: the server asks to retry later (${err.code}); retrying every ${Math.ceil(waitMs / 1000)}s for up to ${options.timeoutSeconds}s`);
        told = true;
        refresh();
      });
    } catch (err) {
      if (isFatal(err) && !fatal) fatal = err;
      outcome.state = controller.signal.aborted ? 'cancelled' : 'upload-failed';
      outcome.failure = controller.signal.aborted ? { code: 'CANCELLED', message: 'interrupted during upload' } : failureOf(err);
      finish(index, outcome);
      return;
    }
    outcome.jobId = accepted.jobId;
    outcome.blobDigest = accepted.blobDigest || null;
    if (!options.wait) {
      outcome.state = 'uploaded';
      finish(index, outcome);
      return;
    }

    slot.phase = 'queued';
    refresh();
    let job: JobStatus | null = null;
    try {
      job = await client.waitForJob(accepted.jobId, {
        timeoutMs: options.timeoutSeconds * 1000,
        signal: controller.signal,
        onUpdate: (j) => {
          job = j;
          slot.phase = phaseOf(j);
          refresh();
        },
      });
    } catch (err) {
      if (isFatal(err) && !fatal) fatal = err;
      const last = err instanceof JobTimeoutError ? err.job : job;
      outcome.state = controller.signal.aborted ? 'cancelled' : (last?.state ?? 'waiting');
      outcome.failure = controller.signal.aborted
        ? { code: 'CANCELLED', message: `interrupted while waiting; job ${accepted.jobId} keeps running on the server` }
        : failureOf(err);
      finish(index, outcome);
      return;
    }
    finish(index, outcomeFromJob(file.display, accepted, job));
  };

  // A fixed pool of workers taking the next file index.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      await processFile(index);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, files.length) }, () => worker()));
  } finally {
    bar?.stop();
    if (io.signal) io.signal.removeEventListener('abort', onSigint);
    else process.removeListener('SIGINT', onSigint);
  }

  const elapsedMs = now() - started;
  const report = buildReport(outcomes, options.wait, elapsedMs);
  if (options.json) {
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    io.stdout.write(renderSummary(report, options.wait) + '\n');
  }
  if (fatal) io.stderr.write(`error: ${describeApiError(fatal)}\n`);
  if (controller.signal.aborted) {
    const pending = outcomes.filter((o) => o.state === 'cancelled' && o.jobId).length;
    io.stderr.write(`interrupted${pending > 0 ? `; ${pending} uploaded job(s) keep running on the server` : ''}\n`);
    return 130;
  }
  return report.failed > 0 ? 1 : 0;
}

/** Longest single wait a Retry-After may impose; longer asks are retried after this. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Uploads. A 429 or 503 carrying Retry-After (rate limit, full ingest queue) is
 * waited out and retried for as long as --timeout allows in total; other
 * temporary server trouble is retried twice (never an unreachable server).
 */
async function uploadWithRetry(
  client: ApiClient,
  file: ExpandedFile,
  options: IngestOptions,
  signal: AbortSignal,
  onProgress: (sent: number, total: number) => void,
  onWait: (waitMs: number, err: ApiError) => void,
): Promise<UploadAccepted> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.uploadDocument(file.path, {
        format: options.format ?? undefined,
        strict: options.strict,
        ...(Object.keys(options.metadata).length > 0 ? { metadata: options.metadata } : {}),
        ...(options.labels && Object.keys(options.labels).length > 0 ? { labels: options.labels } : {}),
        signal,
        onProgress,
      });
    } catch (err) {
      if (err instanceof ApiError && err.retryAfterMs !== null && !signal.aborted) {
        const waitMs = Math.min(Math.max(err.retryAfterMs, 100), MAX_RETRY_AFTER_MS);
        if (Date.now() + waitMs > deadline) throw err;
        onWait(waitMs, err);
        try {
          await sleep(waitMs, undefined, { signal });
        } catch {
          throw err;
        }
        attempt = -1; // the server said when; the two blind retries below stay for other trouble
        continue;
      }
      const retriable = err instanceof ApiError && err.transient && err.status !== null && attempt < 2;
      if (!retriable || signal.aborted) throw err;
      try {
        await sleep(1000 * (attempt + 1), undefined, { signal });
      } catch {
        throw err;
      }
    }
  }
}

function blankOutcome(file: string): FileOutcome {
  return {
    file,
    jobId: null,
    state: 'waiting',
    status: null,
    documentKey: null,
    format: null,
    nodes: null,
    edges: null,
    nodesCreated: null,
    edgesCreated: null,
    warnings: 0,
    failure: null,
    blobDigest: null,
  };
}

function failureOf(err: unknown): { code: string; message: string } {
  // Fatal errors (unreachable, auth) hit every file alike: their hint is printed once at the end.
  if (err instanceof ApiError) return { code: err.code, message: isFatal(err) ? err.message : describeApiError(err) };
  return { code: 'ERROR', message: err instanceof Error ? err.message : String(err) };
}

function phaseOf(job: JobStatus): string {
  switch (job.state) {
    case 'waiting':
      return 'queued';
    case 'delayed':
      return `retrying (attempt ${job.attempts + 1}${job.maxAttempts ? `/${job.maxAttempts}` : ''})`;
    case 'active':
      return job.progress > 0 ? `ingesting ${Math.floor(job.progress)}%` : 'ingesting';
    default:
      return job.state;
  }
}

/** Outcome of a job that reached completed/failed. */
export function outcomeFromJob(file: string, accepted: UploadAccepted, job: JobStatus): FileOutcome {
  const out = blankOutcome(file);
  out.jobId = job.id || accepted.jobId;
  out.blobDigest = accepted.blobDigest || null;
  out.state = job.state;
  if (job.state === 'failed') {
    out.failure = job.failure
      ? { code: job.failure.code, message: job.failure.message }
      : { code: 'JOB_FAILED', message: `job failed after ${job.attempts} attempt(s) without a reason` };
    return out;
  }
  const r = job.result;
  if (!r) {
    out.failure = { code: 'NO_RESULT', message: 'job completed without a result' };
    return out;
  }
  out.status = r.status;
  out.documentKey = r.documentKey || null;
  out.format = r.format || null;
  out.nodes = r.nodes;
  out.edges = r.edges;
  out.nodesCreated = r.nodesCreated;
  out.edgesCreated = r.edgesCreated;
  out.warnings = r.warnings.length;
  return out;
}

export function buildReport(files: FileOutcome[], waited: boolean, elapsedMs: number): IngestReport {
  let ok = 0;
  let failed = 0;
  let alreadyIngested = 0;
  for (const f of files) {
    if (f.failure) failed++;
    else if (!waited) ok++;
    else if (f.status === 'already-ingested') alreadyIngested++;
    else ok++;
  }
  return { ok, failed, alreadyIngested, files, elapsedMs };
}

function statusText(o: FileOutcome): string {
  if (o.failure) return `FAILED ${o.failure.code}`;
  if (o.state === 'uploaded') return 'uploaded';
  return o.status === 'already-ingested' ? 'already ingested' : 'ok';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The one line printed per finished file when there is no progress bar. */
export function progressLine(done: number, total: number, o: FileOutcome): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  if (o.failure) return `${counter} FAILED ${o.file}: ${o.failure.code}: ${o.failure.message}`;
  if (o.state === 'uploaded') return `${counter} uploaded ${o.file} (job ${o.jobId ?? '?'})`;
  const what = o.status === 'already-ingested' ? 'already ingested' : 'ok';
  const counts = `+${o.nodesCreated ?? 0} nodes, +${o.edgesCreated ?? 0} edges${o.warnings > 0 ? `, ${plural(o.warnings, 'warning')}` : ''}`;
  return `${counter} ${what} ${o.file} (${counts})`;
}

/** The table plus the final line. */
export function renderSummary(report: IngestReport, waited: boolean): string {
  const dur = formatDuration(report.elapsedMs);
  if (!waited) {
    const rows = report.files.map((f) => [f.file, f.failure ? `FAILED ${f.failure.code}` : 'uploaded', f.jobId ?? '-', f.failure?.message ?? '']);
    const table = formatTable(['FILE', 'STATUS', 'JOB', 'DETAIL'], rows);
    return `${table}\n\n${report.ok} uploaded, ${report.failed} failed in ${dur} (not waiting for ingestion: follow a job with GET /api/v1/jobs/<id>)`;
  }
  const rows = report.files.map((f) => [
    f.file,
    statusText(f),
    f.nodesCreated === null ? '-' : String(f.nodesCreated),
    f.edgesCreated === null ? '-' : String(f.edgesCreated),
    String(f.warnings),
    f.failure?.message ?? '',
  ]);
  const table = formatTable(['FILE', 'STATUS', 'NEW NODES', 'NEW EDGES', 'WARNINGS', 'DETAIL'], rows, ['left', 'left', 'right', 'right', 'right', 'left']);
  return `${table}\n\n${report.ok} ingested, ${report.alreadyIngested} already present, ${report.failed} failed in ${dur}`;
}
