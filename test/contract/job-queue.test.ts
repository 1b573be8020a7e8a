/**
 * The job queue contract, run unchanged on both implementations: the
 * in-process queue (embedded default) and BullMQ on Redis (production).
 * The BullMQ half needs REDIS_URL, which `npm test` (scripts/test.sh) always
 * sets; without it that half fails rather than being skipped.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { BullMqJobQueue } from '../../services/queue/bullmq-queue.js';
import { JOB_STATES, JobError, QueueFullError, type IngestJobData, type QueueCaps, type IngestJobResult, type JobProcessor, type JobQueue, type JobView, type WorkerHandle } from '../../services/queue/job-queue.js';
import { InProcessJobQueue } from '../../services/queue/memory-queue.js';

const ATTEMPTS = 3;
const BACKOFF_MS = 20;
const WAIT_MS = 15_000;

interface QueueFactory {
  name: string;
  open(opts: { attempts: number; backoffMs: number; caps?: QueueCaps }): Promise<JobQueue>;
}

const runId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
const TEST_PREFIX = 'sgtest';
let queueSeq = 0;

const FACTORIES: QueueFactory[] = [
  {
    name: 'memory',
    open: (opts) => InProcessJobQueue.open({ directory: null, ...opts }),
  },
  {
    name: 'bullmq',
    open: async (opts) => {
      const redisUrl = process.env.REDIS_URL;
      if (!redisUrl) {
        throw new Error('REDIS_URL is not set: the BullMQ queue contract needs Redis. Run the tests via `npm test` (scripts/test.sh starts Redis), or set REDIS_URL=redis://host:port.');
      }
      queueSeq += 1;
      return BullMqJobQueue.open({
        redisUrl,
        queueName: `sg-contract-${runId}-${queueSeq}`,
        prefix: TEST_PREFIX,
        ...opts,
        // Short stall settings keep a test's worker close quick.
        lockDuration: 5_000,
        stalledInterval: 5_000,
      });
    },
  },
];

/** Deletes this run's BullMQ keys, so a shared Redis is left as it was found. */
after(async () => {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) return;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${TEST_PREFIX}:sg-contract-${runId}-*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
});

function jobData(n: number): IngestJobData {
  return {
    blobDigest: `sha256:${randomBytes(32).toString('hex')}`,
    byteSize: 100 + n,
    fileName: `doc-${n}.json`,
    submittedAt: new Date().toISOString(),
    options: { validate: 'lenient', metadata: { n: String(n) } },
  };
}

function resultFor(data: IngestJobData): IngestJobResult {
  return {
    status: 'written',
    documentKey: data.blobDigest,
    ingestedAt: data.submittedAt,
    format: 'cyclonedx-json',
    kind: 'sbom',
    nodes: 3,
    edges: 2,
    nodesCreated: 3,
    edgesCreated: 2,
    warnings: [],
    vulnerabilityMatches: { edgesAdded: 0, edgesRemoved: 0, unknown: 0 },
    timings: { readMs: 1, parseMs: 2, writeMs: 3, totalMs: 6 },
  };
}

async function waitFor(predicate: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls get(id) until the job is completed or failed; returns its view. */
async function waitFinished(q: JobQueue, id: string): Promise<JobView> {
  let last: JobView | null = null;
  await waitFor(async () => {
    last = await q.get(id);
    return last?.state === 'completed' || last?.state === 'failed';
  }, WAIT_MS, `job ${id} to finish`);
  return last!;
}

function isIsoDate(s: string | null): boolean {
  return s !== null && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s;
}

for (const factory of FACTORIES) {
  describe(`job queue contract: ${factory.name}`, () => {
    let q: JobQueue;
    let worker: WorkerHandle | null = null;
    /** Routes each job to the behaviour its test registered (keyed by blob digest). */
    const behaviours = new Map<string, JobProcessor>();
    let earlyJob: JobView | null = null;
    const attemptsSeen = new Map<string, number[]>();

    const processor: JobProcessor = async (job) => {
      const seen = attemptsSeen.get(job.id) ?? [];
      seen.push(job.attempt);
      attemptsSeen.set(job.id, seen);
      const behaviour = behaviours.get(job.data.blobDigest);
      if (!behaviour) throw new JobError('INTERNAL_ERROR', `no behaviour registered for ${job.data.blobDigest}`, false);
      return behaviour(job);
    };

    async function submit(n: number, behaviour: JobProcessor): Promise<JobView> {
      const data = jobData(n);
      behaviours.set(data.blobDigest, behaviour);
      return q.enqueue(data);
    }

    before(async () => {
      q = await factory.open({ attempts: ATTEMPTS, backoffMs: BACKOFF_MS });
      assert.equal(q.kind, factory.name);
      await q.ping();
    });

    after(async () => {
      await worker?.close();
      await q?.close();
    });

    test('get(unknown id) is null', async () => {
      assert.equal(await q.get(randomUUID()), null);
    });

    test('enqueue returns a waiting job carrying only its data', async () => {
      const data = jobData(0);
      const before = await q.counts();
      const view = await q.enqueue(data);
      assert.match(view.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(view.state, 'waiting');
      assert.equal(view.attempts, 0);
      assert.equal(view.maxAttempts, ATTEMPTS);
      assert.equal(view.progress, 0);
      assert.deepEqual(view.data, data);
      assert.equal(view.result, null);
      assert.equal(view.failure, null);
      assert.ok(isIsoDate(view.createdAt), `createdAt ${view.createdAt}`);
      assert.equal(view.startedAt, null);
      assert.equal(view.finishedAt, null);
      const got = await q.get(view.id);
      assert.equal(got?.state, 'waiting');
      assert.deepEqual(got?.data, data);
      const after = await q.counts();
      assert.equal(after.waiting, before.waiting + 1);
      const waiting = await q.list('waiting', { offset: 0, limit: 100 });
      assert.ok(waiting.some((j) => j.id === view.id), 'list(waiting) shows the new job');
      // That job gets processed once a worker starts (next test).
      behaviours.set(data.blobDigest, async (job) => resultFor(job.data));
      earlyJob = view;
    });

    test('a worker processes jobs to completed with result and progress 100', async () => {
      worker = q.startWorker(processor, { concurrency: 2 });
      const progressSeen: number[] = [];
      const view = await submit(1, async (job) => {
        await job.updateProgress(10);
        const mid = await q.get(job.id);
        progressSeen.push(mid?.progress ?? -1);
        assert.equal(mid?.state, 'active');
        await job.updateProgress(250); // clamped to 100
        progressSeen.push((await q.get(job.id))?.progress ?? -1);
        await job.updateProgress(60); // completion still reports 100
        return resultFor(job.data);
      });
      const done = await waitFinished(q, view.id);
      assert.equal(done.state, 'completed');
      assert.deepEqual(done.result, resultFor(view.data));
      assert.equal(done.failure, null);
      assert.equal(done.progress, 100);
      assert.equal(done.attempts, 1);
      assert.deepEqual(attemptsSeen.get(view.id), [1]);
      assert.deepEqual(progressSeen, [10, 100]);
      assert.ok(isIsoDate(done.startedAt) && isIsoDate(done.finishedAt), 'startedAt/finishedAt are ISO dates');
      assert.ok(done.createdAt <= done.startedAt! && done.startedAt! <= done.finishedAt!, 'created ≤ started ≤ finished');
      // The job enqueued before the worker started is picked up too.
      assert.ok(earlyJob, 'the previous test enqueued a job');
      const early = await waitFinished(q, earlyJob.id);
      assert.equal(early.state, 'completed');
      assert.deepEqual(early.result, resultFor(earlyJob.data));
    });

    test('a permanent JobError fails the job once, keeping its code and message', async () => {
      const view = await submit(2, async () => {
        throw new JobError('PARSE_ERROR', 'document is not valid JSON at byte 17', false);
      });
      const done = await waitFinished(q, view.id);
      assert.equal(done.state, 'failed');
      assert.equal(done.attempts, 1);
      assert.deepEqual(done.failure, { code: 'PARSE_ERROR', message: 'document is not valid JSON at byte 17', transient: false });
      assert.equal(done.result, null);
      assert.ok(isIsoDate(done.finishedAt));
      assert.deepEqual(attemptsSeen.get(view.id), [1]);
    });

    test('an uncoded error is permanent, reported as INTERNAL_ERROR with its own code in the message', async () => {
      const view = await submit(3, async () => {
        throw Object.assign(new Error('disk on fire'), { code: 'EIO' });
      });
      const done = await waitFinished(q, view.id);
      assert.equal(done.state, 'failed');
      assert.equal(done.attempts, 1);
      assert.deepEqual(done.failure, { code: 'INTERNAL_ERROR', message: 'EIO: disk on fire', transient: false });
    });

    test('a transient error is retried with backoff and then succeeds', async () => {
      const view = await submit(4, async (job) => {
        if (job.attempt === 1) throw new JobError('GRAPH_UNAVAILABLE', 'graph store timed out', true);
        return resultFor(job.data);
      });
      const done = await waitFinished(q, view.id);
      assert.equal(done.state, 'completed');
      assert.equal(done.attempts, 2);
      assert.equal(done.failure, null);
      assert.deepEqual(done.result, resultFor(view.data));
      assert.deepEqual(attemptsSeen.get(view.id), [1, 2]);
    });

    test('a job failing transiently every time ends failed after all attempts', async () => {
      const startedAt: number[] = [];
      const view = await submit(5, async (job) => {
        startedAt.push(Date.now());
        throw new JobError('GRAPH_UNAVAILABLE', `still down (attempt ${job.attempt})`, true);
      });
      const done = await waitFinished(q, view.id);
      assert.equal(done.state, 'failed');
      assert.equal(done.attempts, ATTEMPTS);
      assert.deepEqual(done.failure, { code: 'GRAPH_UNAVAILABLE', message: `still down (attempt ${ATTEMPTS})`, transient: true });
      assert.deepEqual(attemptsSeen.get(view.id), [1, 2, 3]);
      // Exponential backoff: ≥ 20 ms before attempt 2 and ≥ 40 ms before attempt 3 (small slack for timer rounding).
      assert.ok(startedAt[1]! - startedAt[0]! >= BACKOFF_MS - 5, `first backoff ${startedAt[1]! - startedAt[0]!} ms`);
      assert.ok(startedAt[2]! - startedAt[1]! >= 2 * BACKOFF_MS - 5, `second backoff ${startedAt[2]! - startedAt[1]!} ms`);
    });

    test('concurrency 2: never more than 2 jobs at once, and all complete', async () => {
      // The shared worker runs with concurrency 2; add a gauge around a slow processor.
      let running = 0;
      let peak = 0;
      const slow: JobProcessor = async (job) => {
        running += 1;
        peak = Math.max(peak, running);
        try {
          await new Promise((r) => setTimeout(r, 40));
          return resultFor(job.data);
        } finally {
          running -= 1;
        }
      };
      const views = await Promise.all(Array.from({ length: 8 }, (_, i) => submit(10 + i, slow)));
      for (const v of views) assert.equal((await waitFinished(q, v.id)).state, 'completed');
      assert.equal(peak, 2, 'two jobs ran side by side, never more');
      assert.equal(running, 0);
    });

    test('list and counts reflect the states', async () => {
      const counts = await q.counts();
      assert.deepEqual(Object.keys(counts).sort(), [...JOB_STATES].sort());
      // 1 early + 1 progress + 1 retried + 8 concurrent completed; 3 failed.
      assert.equal(counts.completed, 11);
      assert.equal(counts.failed, 3);
      assert.equal(counts.waiting, 0);
      assert.equal(counts.active, 0);
      assert.equal(counts.delayed, 0);

      const failed = await q.list('failed', { offset: 0, limit: 100 });
      assert.equal(failed.length, 3);
      assert.ok(failed.every((j) => j.state === 'failed' && j.failure !== null));
      assert.deepEqual(failed.map((j) => j.failure!.code).sort(), ['GRAPH_UNAVAILABLE', 'INTERNAL_ERROR', 'PARSE_ERROR']);

      const page1 = await q.list('completed', { offset: 0, limit: 4 });
      const page2 = await q.list('completed', { offset: 4, limit: 100 });
      assert.equal(page1.length, 4);
      assert.equal(page2.length, 7);
      const ids = new Set([...page1, ...page2].map((j) => j.id));
      assert.equal(ids.size, 11, 'pages do not overlap');
      assert.ok([...page1, ...page2].every((j) => j.state === 'completed' && j.result !== null));
      assert.deepEqual(await q.list('active', { offset: 0, limit: 10 }), []);
    });

    test('caps: beyond the waiting jobs or bytes, enqueue and checkRoom refuse with QUEUE_FULL; finished jobs make room', async () => {
      const capped = await factory.open({ attempts: 1, backoffMs: BACKOFF_MS, caps: { maxWaitingJobs: 3, maxWaitingBytes: 2_000 } });
      const release: Array<() => void> = [];
      let w: WorkerHandle | null = null;
      try {
        assert.deepEqual(capped.caps, { maxWaitingJobs: 3, maxWaitingBytes: 2_000 });
        const data = (n: number, byteSize: number): IngestJobData => ({ ...jobData(n), byteSize });
        // An empty queue takes one job whatever its size.
        await capped.enqueue(data(1, 1_500));
        await assert.rejects(capped.enqueue(data(2, 600)), (err: unknown) => {
          assert.ok(err instanceof QueueFullError);
          assert.equal(err.code, 'QUEUE_FULL');
          assert.ok(err.retryAfterSeconds > 0);
          assert.match(err.message, /1500 bytes .*SUPPLYGRAPH_QUEUE_MAX_WAITING_BYTES/);
          return true;
        });
        await capped.enqueue(data(3, 200));
        await capped.enqueue(data(4, 200));
        assert.deepEqual(await capped.backlog(), { jobs: 3, bytes: 1_900 });
        await assert.rejects(capped.checkRoom(1), /3 jobs are not yet finished \(limit 3, SUPPLYGRAPH_QUEUE_MAX_WAITING_JOBS\)/);
        await assert.rejects(capped.enqueue(data(5, 1)), QueueFullError);
        assert.equal((await capped.counts()).waiting, 3, 'refused jobs were not queued');

        // Running jobs still count; finished ones do not.
        w = capped.startWorker(async (job) => {
          await new Promise<void>((resolve) => release.push(resolve));
          return resultFor(job.data);
        }, { concurrency: 3 });
        await waitFor(() => release.length === 3, WAIT_MS, 'three jobs to start');
        assert.deepEqual(await capped.backlog(), { jobs: 3, bytes: 1_900 });
        await assert.rejects(capped.checkRoom(1), QueueFullError);
        release.splice(0).forEach((r) => r());
        await waitFor(async () => (await capped.backlog()).jobs === 0, WAIT_MS, 'the backlog to drain');
        assert.deepEqual(await capped.backlog(), { jobs: 0, bytes: 0 });
        await capped.checkRoom(1_999);
        const again = await capped.enqueue(data(6, 10));
        await waitFor(() => release.length === 1, WAIT_MS, 'the new job to start');
        release.splice(0).forEach((r) => r());
        assert.equal((await waitFinished(capped, again.id)).state, 'completed');
      } finally {
        release.splice(0).forEach((r) => r());
        await w?.close();
        await capped.close();
      }
    });

    test('a delayed retry shows as delayed with its last failure', async () => {
      // Long backoff on a fresh queue so the delayed state is observable.
      const slowQ = await factory.open({ attempts: 2, backoffMs: 60_000 });
      const w = slowQ.startWorker(async (job) => {
        throw new JobError('GRAPH_UNAVAILABLE', `busy on attempt ${job.attempt}`, true);
      }, { concurrency: 1 });
      try {
        const view = await slowQ.enqueue(jobData(99));
        let got: JobView | null = null;
        await waitFor(async () => (got = await slowQ.get(view.id))?.state === 'delayed', WAIT_MS, 'the job to be delayed');
        assert.equal(got!.attempts, 1);
        assert.deepEqual(got!.failure, { code: 'GRAPH_UNAVAILABLE', message: 'busy on attempt 1', transient: true });
        assert.equal(got!.finishedAt, null);
        assert.equal((await slowQ.counts()).delayed, 1);
        assert.deepEqual((await slowQ.list('delayed', { offset: 0, limit: 10 })).map((j) => j.id), [view.id]);
      } finally {
        await w.close();
        await slowQ.close();
      }
    });
  });
}

describe('in-process queue with a directory', () => {
  test('a job running when the process died counts that attempt; after the last one it fails ATTEMPTS_EXHAUSTED and is not run again', async () => {
    const crashDir = await mkdtemp(path.join(tmpdir(), 'sg-jobqueue-crash-'));
    // A process dying mid-job leaves its record on disk as it was: opening a second queue on the directory
    // without closing the first is what the next start sees.
    const hang: JobProcessor = () => new Promise<never>(() => undefined);
    const abandoned: JobQueue[] = [];
    try {
      let q = await InProcessJobQueue.open({ directory: crashDir, attempts: 2, backoffMs: BACKOFF_MS });
      abandoned.push(q);
      const view = await q.enqueue(jobData(1));
      for (const attempt of [1, 2]) {
        const current = q;
        current.startWorker(hang, { concurrency: 1 });
        await waitFor(async () => (await current.get(view.id))?.attempts === attempt, WAIT_MS, `attempt ${attempt} to start`);
        q = await InProcessJobQueue.open({ directory: crashDir, attempts: 2, backoffMs: BACKOFF_MS });
        abandoned.push(q);
      }
      const after = await q.get(view.id);
      assert.equal(after?.state, 'failed');
      assert.equal(after?.attempts, 2);
      assert.equal(after?.failure?.code, 'ATTEMPTS_EXHAUSTED');
      assert.match(after?.failure?.message ?? '', /^ATTEMPTS_EXHAUSTED: the process died while running this job, on attempt 2 of 2 \(last started at \d{4}-/);
      const ran: string[] = [];
      const w = q.startWorker(async (job) => { ran.push(job.id); return resultFor(job.data); }, { concurrency: 1 });
      const other = await q.enqueue(jobData(2));
      assert.equal((await waitFinished(q, other.id)).state, 'completed');
      await w.close();
      assert.deepEqual(ran, [other.id], 'the exhausted job is not run again');
      // And it stays failed on the start after that.
      const next = await InProcessJobQueue.open({ directory: crashDir, attempts: 2, backoffMs: BACKOFF_MS });
      abandoned.push(next);
      assert.equal((await next.get(view.id))?.state, 'failed');
    } finally {
      await Promise.all(abandoned.map((a) => a.close()));
      await rm(crashDir, { recursive: true, force: true });
    }
  });

  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sg-jobqueue-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('jobs still waiting at close are recovered by the next open and processed', async () => {
    const first = await InProcessJobQueue.open({ directory: dir, attempts: ATTEMPTS, backoffMs: BACKOFF_MS });
    const views = await Promise.all([0, 1, 2].map((n) => first.enqueue(jobData(n))));
    await first.close();

    const second = await InProcessJobQueue.open({ directory: dir, attempts: ATTEMPTS, backoffMs: BACKOFF_MS });
    try {
      assert.equal((await second.counts()).waiting, 3);
      for (const v of views) {
        const got = await second.get(v.id);
        assert.equal(got?.state, 'waiting');
        assert.deepEqual(got?.data, v.data);
      }
      const processed: string[] = [];
      const w = second.startWorker(async (job) => {
        processed.push(job.id);
        return resultFor(job.data);
      }, { concurrency: 1 });
      try {
        for (const v of views) {
          const done = await waitFinished(second, v.id);
          assert.equal(done.state, 'completed');
          assert.deepEqual(done.result, resultFor(v.data));
        }
      } finally {
        await w.close();
      }
      assert.deepEqual(processed.sort(), views.map((v) => v.id).sort());
    } finally {
      await second.close();
    }
  });
});
