/**
 * The embedded default's queue: in-process, no server. Each job's record is
 * written to <dir>/<id>.json on every state change, so jobs that were waiting
 * or running when the process died are picked up again on the next start.
 *
 * An attempt is counted (and written) before the job runs, so a job that was
 * running when the process died has already used that attempt: once a job has
 * died with the process on its last attempt, the next start fails it with
 * ATTEMPTS_EXHAUSTED instead of running it again (a document that kills the
 * process must not crash-loop the server).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertRoom, attemptsExhausted, backoffDelay, JOB_STATES, toJobFailure, type EnqueueOptions, type IngestJobData, type QueueBacklog, type QueueCaps, type JobProcessor, type JobQueue, type JobState, type JobView, type WorkerHandle } from './job-queue.js';

export interface MemoryQueueOptions {
  /** Where job records are kept; null keeps them in memory only (tests). */
  directory: string | null;
  attempts: number;
  backoffMs: number;
  /** Finished jobs kept for the job API; older ones are forgotten. */
  keepFinished?: number;
  /** Backlog limits; none when unset. */
  caps?: QueueCaps;
}

export class InProcessJobQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly jobs = new Map<string, JobView>();
  private readonly ready: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private workers: Array<{ wake: () => void; wakeAll: () => void }> = [];
  private closed = false;

  readonly caps: QueueCaps | null;

  private constructor(private readonly options: MemoryQueueOptions) {
    this.caps = options.caps ?? null;
  }

  static async open(options: MemoryQueueOptions): Promise<InProcessJobQueue> {
    const q = new InProcessJobQueue(options);
    if (options.directory) await q.recover(options.directory);
    return q;
  }

  async backlog(): Promise<QueueBacklog> {
    return this.backlogNow();
  }

  async checkRoom(byteSize: number): Promise<void> {
    assertRoom(this.backlogNow(), this.caps, byteSize);
  }

  async enqueue(data: IngestJobData, options: EnqueueOptions = {}): Promise<JobView> {
    // Checked and added with no await in between, so simultaneous uploads cannot overshoot the caps.
    if (!options.ignoreCaps) assertRoom(this.backlogNow(), this.caps, data.byteSize);
    const job: JobView = {
      id: randomUUID(), state: 'waiting', attempts: 0, maxAttempts: this.options.attempts, progress: 0, data,
      result: null, failure: null, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null,
    };
    this.jobs.set(job.id, job);
    await this.persist(job);
    this.ready.push(job.id);
    this.wakeOne();
    return structuredClone(job);
  }

  private backlogNow(): QueueBacklog {
    let jobs = 0;
    let bytes = 0;
    for (const j of this.jobs.values()) {
      if (j.state === 'completed' || j.state === 'failed') continue;
      jobs += 1;
      bytes += j.data.byteSize;
    }
    return { jobs, bytes };
  }

  async get(id: string): Promise<JobView | null> {
    const j = this.jobs.get(id);
    return j ? structuredClone(j) : null;
  }

  async list(state: JobState, page: { offset: number; limit: number }): Promise<JobView[]> {
    return [...this.jobs.values()]
      .filter((j) => j.state === state)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .slice(page.offset, page.offset + page.limit)
      .map((j) => structuredClone(j));
  }

  async counts(): Promise<Record<JobState, number>> {
    const out = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const j of this.jobs.values()) out[j.state] += 1;
    return out;
  }

  startWorker(processor: JobProcessor, options: { concurrency: number }): WorkerHandle {
    let stopping = false;
    const idle: Array<() => void> = [];
    const slot = {
      wake: () => idle.shift()?.(),
      wakeAll: () => {
        while (idle.length > 0) idle.shift()!();
      },
    };
    this.workers.push(slot);

    const loop = async (): Promise<void> => {
      while (!stopping && !this.closed) {
        const id = this.ready.shift();
        if (!id) {
          await new Promise<void>((resolve) => idle.push(resolve));
          continue;
        }
        const job = this.jobs.get(id);
        if (!job || job.state === 'completed' || job.state === 'failed') continue;
        await this.runOne(job, processor);
      }
    };
    const loops = Array.from({ length: options.concurrency }, () => loop());
    return {
      close: async () => {
        stopping = true;
        this.workers = this.workers.filter((w) => w !== slot);
        slot.wakeAll();
        await Promise.all(loops);
      },
    };
  }

  private async runOne(job: JobView, processor: JobProcessor): Promise<void> {
    // On disk first: whoever sees this attempt running (the job API) can rely on it being counted should the process die now.
    const started: JobView = { ...job, state: 'active', attempts: job.attempts + 1, startedAt: new Date().toISOString(), progress: 0 };
    await this.persist(started);
    Object.assign(job, started);
    try {
      const result = await processor({
        id: job.id,
        data: job.data,
        attempt: job.attempts,
        updateProgress: async (p) => {
          job.progress = Math.max(0, Math.min(100, Math.round(p)));
        },
      });
      job.state = 'completed';
      job.result = result;
      job.failure = null;
      job.progress = 100;
      job.finishedAt = new Date().toISOString();
    } catch (err) {
      const failure = toJobFailure(err);
      job.failure = failure;
      if (failure.transient && job.attempts < job.maxAttempts && !this.closed) {
        job.state = 'delayed';
        const t = setTimeout(() => {
          this.timers.delete(t);
          if (job.state !== 'delayed') return;
          job.state = 'waiting';
          this.ready.push(job.id);
          this.wakeOne();
        }, backoffDelay(this.options.backoffMs, job.attempts));
        this.timers.add(t);
      } else {
        job.state = 'failed';
        job.finishedAt = new Date().toISOString();
      }
    }
    await this.persist(job);
    this.forgetOldFinished();
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the in-process queue is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const w of this.workers) w.wakeAll();
  }

  private wakeOne(): void {
    for (const w of this.workers) w.wake();
  }

  private forgetOldFinished(): void {
    const keep = this.options.keepFinished ?? 10_000;
    const finished = [...this.jobs.values()].filter((j) => j.state === 'completed' || j.state === 'failed');
    if (finished.length <= keep) return;
    finished.sort((a, b) => (a.finishedAt! < b.finishedAt! ? -1 : 1));
    for (const j of finished.slice(0, finished.length - keep)) {
      this.jobs.delete(j.id);
      if (this.options.directory) void unlink(path.join(this.options.directory, `${j.id}.json`)).catch(() => undefined);
    }
  }

  private async persist(job: JobView): Promise<void> {
    const dir = this.options.directory;
    if (!dir) return;
    const file = path.join(dir, `${job.id}.json`);
    const tmp = `${file}.tmp`;
    await writeFile(tmp, JSON.stringify(job));
    await rename(tmp, file);
  }

  private async recover(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const records: JobView[] = [];
    for (const f of await readdir(dir)) {
      if (!f.endsWith('.json')) continue;
      try {
        records.push(JSON.parse(await readFile(path.join(dir, f), 'utf8')) as JobView);
      } catch {
        // A record torn by a crash mid-write is ignored; its blob is still stored.
      }
    }
    records.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    for (const j of records) {
      if (j.state === 'active' && j.attempts >= j.maxAttempts) {
        j.state = 'failed';
        j.failure = attemptsExhausted(j.attempts, j.maxAttempts, j.startedAt);
        j.finishedAt = new Date().toISOString();
        await this.persist(j);
      }
      if (j.state === 'active' || j.state === 'delayed') j.state = 'waiting';
      this.jobs.set(j.id, j);
      if (j.state === 'waiting') this.ready.push(j.id);
    }
  }
}
