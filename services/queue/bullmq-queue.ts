/**
 * The production queue: BullMQ on Redis. Same contract and semantics as the
 * in-process queue (services/queue/memory-queue.ts):
 *
 * - a job carries only its IngestJobData (blob digest etc.); its id is a random UUID;
 * - a processor error with `transient: true` is retried with exponential backoff
 *   (`backoffMs * 2^(attempt-1)`) up to `attempts`; any other error fails the job
 *   at once (BullMQ's UnrecoverableError);
 * - the failure's code, message and transient flag survive in Redis: they are
 *   encoded as JSON into the error message BullMQ stores as `failedReason`
 *   (see encodeFailure/decodeFailure), so `get()` returns them on any process.
 *
 * - the backlog (jobs not finished, and their documents' bytes) is capped: the
 *   job count comes from BullMQ's own counts; the bytes from a sorted set of
 *   job id -> byte size next to the queue's keys (added on enqueue, removed when
 *   a job ends; members whose job ended without us seeing it — a worker killed
 *   at the wrong moment — are pruned when the set has more members than there
 *   are unfinished jobs);
 * - a job that was running when its worker died counts that attempt (BullMQ
 *   counts every start in `attemptsStarted`): once started more than
 *   `attempts` times it is failed with ATTEMPTS_EXHAUSTED instead of run, as
 *   the in-process queue does at start-up.
 *
 * Redis going away never crashes the process: every connection, queue and
 * worker has an 'error' listener (forwarded to `onError`, never to stdout);
 * clients reconnect on their own and stalled-job recovery moves jobs whose
 * worker died back to waiting.
 */
import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job, type JobType } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import {
  assertRoom,
  attemptsExhausted,
  isJobFailureCode,
  JobError,
  JOB_STATES,
  toJobFailure,
  type QueueBacklog,
  type QueueCaps,
  type EnqueueOptions,
  type IngestJobData,
  type IngestJobResult,
  type JobFailure,
  type JobProcessor,
  type JobQueue,
  type JobState,
  type JobView,
  type WorkerHandle,
} from './job-queue.js';

export interface BullMqQueueOptions {
  /** `redis://[user:pass@]host:port[/db]` (or `rediss://`). */
  redisUrl: string;
  /** BullMQ queue name (no `:`). */
  queueName: string;
  /** Total tries per job, first one included. */
  attempts: number;
  /** Base of the exponential backoff between transient failures. */
  backoffMs: number;
  /** Completed and failed jobs kept (each) for the job API; default 10 000. */
  keepFinished?: number;
  /** Redis key prefix; BullMQ's default (`bull`) when unset. */
  prefix?: string;
  /** How long a worker's job lock lives without renewal (ms); BullMQ default 30 000. */
  lockDuration?: number;
  /** How often workers look for stalled jobs (ms); BullMQ default 30 000. */
  stalledInterval?: number;
  /** Times a job may stall (its worker died) and be recovered before BullMQ fails it; default `attempts` (our own check fails it first, see the module comment). */
  maxStalledCount?: number;
  /** `open()` gives up when Redis has not answered after this long (ms); default 10 000. */
  connectTimeoutMs?: number;
  /** `ping()` gives up after this long (ms); default 2 000. */
  pingTimeoutMs?: number;
  /** Connection and worker errors (Redis down, lost locks, ...); default: ignored. */
  onError?: (err: Error) => void;
  /** Backlog limits; none when unset. */
  caps?: QueueCaps;
}

type IngestJob = Job<IngestJobData, IngestJobResult, typeof JOB_NAME>;
type IngestQueue = Queue<IngestJobData, IngestJobResult, typeof JOB_NAME>;
type IngestWorker = Worker<IngestJobData, IngestJobResult, typeof JOB_NAME>;

const JOB_NAME = 'ingest';
const CLOSE_TIMEOUT_MS = 5_000;

/** BullMQ job types of jobs not yet finished. */
const UNFINISHED_TYPES: JobType[] = ['waiting', 'prioritized', 'waiting-children', 'delayed', 'active'];

/** BullMQ job types that make up each contract state. */
const TYPES_FOR: Record<JobState, JobType[]> = {
  waiting: ['waiting', 'prioritized', 'waiting-children'],
  active: ['active'],
  delayed: ['delayed'],
  completed: ['completed'],
  failed: ['failed'],
};

/** Reconnect quickly after an outage, but never give up. */
const retryStrategy = (times: number): number => Math.min(times * 100, 2_000);

export class BullMqJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  readonly caps: QueueCaps | null;
  private readonly workers = new Set<WorkerEntry>();
  private closing: Promise<void> | null = null;
  /** Sorted set: job id -> byte size of its document, for every job not yet finished. */
  private readonly backlogKey: string;
  /** This process's enqueues, one at a time: check-then-add is then exact within one API process. */
  private enqueues: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: BullMqQueueOptions,
    private readonly connection: Redis,
    private readonly queue: IngestQueue,
  ) {
    this.caps = options.caps ?? null;
    this.backlogKey = queue.toKey('supplygraph-backlog-bytes');
  }

  static async open(options: BullMqQueueOptions): Promise<BullMqJobQueue> {
    if (!Number.isInteger(options.attempts) || options.attempts < 1) throw new Error(`attempts must be a positive integer, got ${options.attempts}`);
    if (!(options.backoffMs >= 0)) throw new Error(`backoffMs must be >= 0, got ${options.backoffMs}`);
    const onError = options.onError ?? (() => undefined);
    // The queue's own connection: commands fail after a few reconnect attempts
    // (so enqueue during an outage errors instead of hanging forever).
    const connection = new Redis(options.redisUrl, {
      maxRetriesPerRequest: 3,
      retryStrategy,
      connectionName: `supplygraph:${options.queueName}:queue`,
    });
    connection.on('error', onError);
    const queue: IngestQueue = new Queue<IngestJobData, IngestJobResult, typeof JOB_NAME>(options.queueName, {
      connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
    queue.on('error', onError);
    try {
      await withTimeout(queue.waitUntilReady(), options.connectTimeoutMs ?? 10_000, `Redis at ${redactUrl(options.redisUrl)} did not answer`);
    } catch (err) {
      await queue.close().catch(() => undefined);
      connection.disconnect();
      throw err;
    }
    return new BullMqJobQueue(options, connection, queue);
  }

  async backlog(): Promise<QueueBacklog> {
    const [raw, scores] = await Promise.all([
      this.queue.getJobCounts(...UNFINISHED_TYPES),
      this.connection.zrange(this.backlogKey, '0', '-1', 'WITHSCORES'),
    ]);
    const jobs = UNFINISHED_TYPES.reduce((n, t) => n + (raw[t] ?? 0), 0);
    if (scores.length / 2 > jobs) {
      await this.pruneBacklog(scores.filter((_, i) => i % 2 === 0));
      return { jobs, bytes: sumScores(await this.connection.zrange(this.backlogKey, '0', '-1', 'WITHSCORES')) };
    }
    return { jobs, bytes: sumScores(scores) };
  }

  /** Drops byte counts of jobs that ended (or were removed) without a worker of ours seeing it. */
  private async pruneBacklog(ids: string[]): Promise<void> {
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(id)));
    const ended = ids.filter((_, i) => states[i] === 'completed' || states[i] === 'failed' || states[i] === 'unknown');
    if (ended.length > 0) await this.connection.zrem(this.backlogKey, ...ended);
  }

  async checkRoom(byteSize: number): Promise<void> {
    if (!this.caps) return;
    assertRoom(await this.backlog(), this.caps, byteSize);
  }

  enqueue(data: IngestJobData, options: EnqueueOptions = {}): Promise<JobView> {
    // Check, then add, one at a time here; API processes sharing the queue may still pass the caps by one job each.
    const next = this.enqueues.then(() => this.checkAndAdd(data, options));
    this.enqueues = next.catch(() => undefined);
    return next;
  }

  private async checkAndAdd(data: IngestJobData, options: EnqueueOptions): Promise<JobView> {
    if (!options.ignoreCaps) await this.checkRoom(data.byteSize);
    const keep = this.options.keepFinished ?? 10_000;
    const jobId = randomUUID();
    await this.connection.zadd(this.backlogKey, data.byteSize, jobId);
    const job = await this.queue.add(JOB_NAME, data, {
      jobId,
      attempts: this.options.attempts,
      backoff: { type: 'exponential', delay: this.options.backoffMs },
      removeOnComplete: { count: keep },
      removeOnFail: { count: keep },
    });
    return this.view(job, 'waiting');
  }

  async get(id: string): Promise<JobView | null> {
    const [job, state] = await Promise.all([this.queue.getJob(id), this.queue.getJobState(id)]);
    if (!job) return null;
    const mapped = mapState(state);
    return mapped ? this.view(job, mapped) : null;
  }

  async list(state: JobState, page: { offset: number; limit: number }): Promise<JobView[]> {
    const offset = Math.max(0, Math.floor(page.offset));
    const limit = Math.max(0, Math.floor(page.limit));
    if (limit === 0) return [];
    const types = TYPES_FOR[state];
    let jobs: IngestJob[];
    if (types.length === 1) {
      // Newest first, paged by Redis.
      jobs = await this.queue.getJobs(types, offset, offset + limit - 1, false);
    } else {
      // Several lists: take the first offset+limit of each, merge newest first, then page.
      const all = await this.queue.getJobs(types, 0, offset + limit - 1, false);
      jobs = all
        .filter((j): j is IngestJob => Boolean(j))
        .sort((a, b) => b.timestamp - a.timestamp)
        .slice(offset, offset + limit);
    }
    return jobs.filter((j): j is IngestJob => Boolean(j)).map((j) => this.view(j, state));
  }

  async counts(): Promise<Record<JobState, number>> {
    const all = [...new Set(JOB_STATES.flatMap((s) => TYPES_FOR[s]))];
    const raw = await this.queue.getJobCounts(...all);
    const out = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const s of JOB_STATES) {
      for (const t of TYPES_FOR[s]) out[s] += raw[t] ?? 0;
    }
    return out;
  }

  startWorker(processor: JobProcessor, options: { concurrency: number }): WorkerHandle {
    if (this.closing) throw new Error('the BullMQ queue is closed');
    const onError = this.options.onError ?? (() => undefined);
    // The worker's own connection (BullMQ connects it and uses it for normal
    // commands) plus the blocking connection BullMQ duplicates from it. The
    // duplicates are tracked so close() can end them even while Redis is gone;
    // once `cut`, none of them reconnects again (see closeWorker).
    let cut = false;
    const template = new Redis(this.options.redisUrl, {
      maxRetriesPerRequest: null,
      retryStrategy: (times) => (cut ? null : retryStrategy(times)),
      lazyConnect: true,
      connectionName: `supplygraph:${this.options.queueName}:worker`,
    });
    template.on('error', onError);
    const spawned = new Set<Redis>();
    const duplicate = template.duplicate.bind(template);
    template.duplicate = ((override?: Partial<RedisOptions>) => {
      const client = duplicate(override);
      client.on('error', onError);
      spawned.add(client);
      return client;
    }) as unknown as typeof template.duplicate;

    let inFlight = 0;
    let drainedWaiters: Array<() => void> = [];
    const drained = (): Promise<void> =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => drainedWaiters.push(resolve));

    const ended = async (job: IngestJob): Promise<void> => {
      await this.connection.zrem(this.backlogKey, job.id ?? '').catch(() => undefined);
    };

    const run = async (job: IngestJob): Promise<IngestJobResult> => {
      const attempt = job.attemptsStarted > 0 ? job.attemptsStarted : job.attemptsMade + 1;
      const maxAttempts = job.opts.attempts ?? this.options.attempts;
      inFlight += 1;
      try {
        // Started more often than allowed: earlier starts died with their worker (failures are counted by BullMQ itself).
        if (attempt > maxAttempts) {
          const f = attemptsExhausted(maxAttempts, maxAttempts, null);
          throw new JobError(f.code, f.message, false);
        }
        // Each attempt starts from 0, as in the in-process queue.
        if (attempt > 1 && job.progress !== 0) await job.updateProgress(0);
        const result = await processor({
          id: job.id ?? '',
          data: job.data,
          attempt,
          updateProgress: async (percent) => {
            await job.updateProgress(clampProgress(percent));
          },
        });
        await ended(job);
        return result;
      } catch (err) {
        const failure = toJobFailure(err);
        const message = encodeFailure(failure);
        if (!failure.transient || attempt >= maxAttempts) await ended(job);
        // Permanent: failed now, whatever attempts are left.
        if (!failure.transient) throw new UnrecoverableError(message);
        throw new Error(message, { cause: err });
      } finally {
        inFlight -= 1;
        if (inFlight === 0) {
          const waiters = drainedWaiters;
          drainedWaiters = [];
          for (const w of waiters) w();
        }
      }
    };

    const worker: IngestWorker = new Worker<IngestJobData, IngestJobResult, typeof JOB_NAME>(this.options.queueName, run, {
      connection: template,
      concurrency: Math.max(1, Math.floor(options.concurrency)),
      ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
      ...(this.options.lockDuration !== undefined ? { lockDuration: this.options.lockDuration } : {}),
      ...(this.options.stalledInterval !== undefined ? { stalledInterval: this.options.stalledInterval } : {}),
      maxStalledCount: this.options.maxStalledCount ?? this.options.attempts,
    });
    worker.on('error', onError);
    const entry: WorkerEntry = {
      worker,
      drained,
      connected: () => [template, ...spawned].every((c) => c.status === 'ready' || c.status === 'end' || c.status === 'wait'),
      cut: () => {
        cut = true;
        for (const c of [template, ...spawned]) endClient(c);
      },
    };
    this.workers.add(entry);

    let closing: Promise<void> | null = null;
    return {
      close: (force = false) => {
        closing ??= (async () => {
          await closeWorker(entry, force);
          this.workers.delete(entry);
        })();
        return closing;
      },
    };
  }

  async ping(): Promise<void> {
    if (this.closing) throw new Error('the BullMQ queue is closed');
    const reply = await withTimeout(this.connection.ping(), this.options.pingTimeoutMs ?? 2_000, `Redis at ${redactUrl(this.options.redisUrl)} did not answer PING`);
    if (reply !== 'PONG') throw new Error(`unexpected PING reply from Redis: ${reply}`);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.workers].map((w) => closeWorker(w, false)));
      this.workers.clear();
      await settlesWithin(this.queue.close(), CLOSE_TIMEOUT_MS);
      await settlesWithin(this.connection.quit(), CLOSE_TIMEOUT_MS);
      this.connection.disconnect();
    })();
    return this.closing;
  }

  private view(job: IngestJob, state: JobState): JobView {
    const finished = state === 'completed' || state === 'failed';
    return {
      id: job.id ?? '',
      state,
      // A job refused for ATTEMPTS_EXHAUSTED was started once more than it ran.
      attempts: Math.min(Math.max(job.attemptsMade ?? 0, job.attemptsStarted ?? 0), job.opts.attempts ?? this.options.attempts),
      maxAttempts: job.opts.attempts ?? this.options.attempts,
      progress: state === 'completed' ? 100 : typeof job.progress === 'number' ? clampProgress(job.progress) : 0,
      data: job.data,
      result: state === 'completed' ? (job.returnvalue ?? null) : null,
      failure: state === 'completed' || !job.failedReason ? null : decodeFailure(job.failedReason),
      createdAt: new Date(job.timestamp).toISOString(),
      startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
      finishedAt: finished && job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }
}

function mapState(state: string): JobState | null {
  switch (state) {
    case 'waiting':
    case 'wait':
    case 'paused':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'active':
    case 'delayed':
    case 'completed':
    case 'failed':
      return state;
    default:
      return null; // 'unknown': removed meanwhile
  }
}

/** The failure as stored in BullMQ's `failedReason`: JSON, so code and transient survive. */
export function encodeFailure(failure: JobFailure): string {
  return JSON.stringify({ code: failure.code, message: failure.message, transient: failure.transient });
}

/**
 * Reads back encodeFailure's output. Reasons BullMQ wrote itself (a job that
 * stalled too often, a lost lock) are plain text: reported as permanent.
 */
export function decodeFailure(reason: string): JobFailure {
  try {
    const parsed = JSON.parse(reason) as { code?: unknown; message?: unknown; transient?: unknown };
    if (parsed && isJobFailureCode(parsed.code) && typeof parsed.message === 'string' && typeof parsed.transient === 'boolean') {
      return { code: parsed.code, message: parsed.message, transient: parsed.transient };
    }
  } catch {
    // not ours
  }
  return { code: /stalled/i.test(reason) ? 'JOB_STALLED' : 'INTERNAL_ERROR', message: reason, transient: false };
}

function sumScores(withScores: string[]): number {
  let total = 0;
  for (let i = 1; i < withScores.length; i += 2) total += Number(withScores[i]);
  return total;
}

function clampProgress(p: number): number {
  return Number.isFinite(p) ? Math.max(0, Math.min(100, Math.round(p))) : 0;
}

interface WorkerEntry {
  worker: IngestWorker;
  /** False while any of the worker's connections is down (reconnecting). */
  connected: () => boolean;
  /** Ends the worker's own connections (the template and its duplicates), whatever Redis's state. */
  cut: () => void;
  /** Resolves when no processor call is running. */
  drained: () => Promise<void>;
}

/**
 * BullMQ quirk: a graceful Worker.close() also waits for the worker's fetch
 * loop, which never ends while Redis is unreachable (it keeps retrying). So:
 * wait for our in-flight processors (unless forced), give BullMQ a few seconds
 * to close cleanly, then cut the worker's connections, which ends the loop.
 * A job cut off this way keeps its lock until it expires; the stalled-job
 * check of any worker then moves it back to waiting.
 */
async function closeWorker(entry: WorkerEntry, force: boolean): Promise<void> {
  const closing = entry.worker.close(force);
  closing.catch(() => undefined);
  if (!force) await entry.drained();
  // Redis unreachable: nothing left to close cleanly, so don't wait for it.
  if (!entry.connected()) entry.cut();
  if (!(await settlesWithin(closing, CLOSE_TIMEOUT_MS))) {
    entry.cut();
    await settlesWithin(closing, CLOSE_TIMEOUT_MS);
  }
  entry.cut();
}

/**
 * Ends an ioredis client for good, even mid-outage. ioredis quirk: disconnect()
 * while the client waits to reconnect clears the reconnect timer but never
 * emits 'end' (there is no socket left to close), so whoever awaits 'end' (BullMQ's
 * Worker.close does) waits forever, and the client sits in 'reconnecting'. A
 * fresh connect() attempt after disconnect() fixes that: it fails and ends the
 * client (manually closing), or succeeds and is disconnected at once.
 */
function endClient(c: Redis): void {
  if (c.status === 'end') return;
  c.disconnect();
  if (c.status === 'reconnecting' || c.status === 'close') {
    c.once('ready', () => c.disconnect());
    c.connect().catch(() => undefined);
  }
}

/** True when p settled (either way) within ms. */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = p.then(() => true, () => true);
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
