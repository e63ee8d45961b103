import { randomUUID } from 'node:crypto';
import { FerryError, toErrorShape } from '../../shared/errors';
import type { Job } from '../../shared/model/job';

/** What a job's work function gets: where to report progress and how to learn it was cancelled. */
export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Reports progress; cheap to call per item, events are throttled. */
  progress(done: number, total?: number | null, step?: string): void;
  /** Names the current step (shown to the user); always published at once. */
  step(text: string): void;
}

export interface JobRunnerOptions {
  /** Called with a copy of the job whenever it changes, at most every `throttleMs` for progress. */
  onUpdate: (job: Job) => void;
  throttleMs?: number;
  now?: () => Date;
}

interface Running<T> {
  job: Job;
  controller: AbortController;
  done: Promise<T>;
}

/**
 * Runs long work (open a package, export, import, upload) as jobs with state, progress, a step text and
 * cancel. Progress is throttled (about 10 events a second) because the UI only needs to look alive; the
 * first and last update of each job are always published.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Running<unknown>>();
  private readonly results = new Map<string, unknown>();
  private readonly throttleMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: JobRunnerOptions) {
    this.throttleMs = options.throttleMs ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  /** Starts `work` as a job and returns it at once; `done` settles when the work does. */
  start<T>(kind: string, title: string, work: (ctx: JobContext) => Promise<T>): { job: Job; done: Promise<T> } {
    const controller = new AbortController();
    const job: Job = {
      id: randomUUID(),
      kind,
      title,
      state: 'running',
      progress: { done: 0, total: null },
      step: 'Starting',
      startedAt: this.now().toISOString(),
      finishedAt: null,
      error: null,
    };
    let lastPublished = 0;
    let pending: NodeJS.Timeout | null = null;
    const publish = () => {
      if (pending) clearTimeout(pending);
      pending = null;
      lastPublished = Date.now();
      this.options.onUpdate({ ...job, progress: { ...job.progress } });
    };
    const publishThrottled = () => {
      if (pending) return;
      const wait = this.throttleMs - (Date.now() - lastPublished);
      if (wait <= 0) publish();
      else pending = setTimeout(publish, wait);
    };
    const ctx: JobContext = {
      jobId: job.id,
      signal: controller.signal,
      progress(done, total, step) {
        job.progress = { done, total: total === undefined ? job.progress.total : total };
        if (step !== undefined) job.step = step;
        publishThrottled();
      },
      step(text) {
        job.step = text;
        publish();
      },
    };
    const finish = (state: Job['state'], error: unknown) => {
      job.state = state;
      job.finishedAt = this.now().toISOString();
      job.error = error === null ? null : toErrorShape(error);
      publish();
    };
    const done = (async () => {
      publish();
      try {
        const result = await work(ctx);
        controller.signal.throwIfAborted();
        this.results.set(job.id, result);
        finish('succeeded', null);
        return result;
      } catch (error) {
        const cancelled = controller.signal.aborted || toErrorShape(error).code === 'cancelled';
        finish(cancelled ? 'cancelled' : 'failed', cancelled ? new FerryError('cancelled', `${title}: cancelled.`) : error);
        throw error;
      }
    })();
    // The caller may never await `done` (the UI follows events instead); keep the rejection handled.
    done.catch(() => {});
    this.jobs.set(job.id, { job, controller, done });
    return { job: { ...job }, done };
  }

  get(id: string): Job | undefined {
    const running = this.jobs.get(id);
    return running ? { ...running.job, progress: { ...running.job.progress } } : undefined;
  }

  /** The value a succeeded job produced; a typed error otherwise. */
  result<T>(id: string, kind: string): T {
    const running = this.jobs.get(id);
    if (!running || running.job.kind !== kind) throw new FerryError('not-found', `No ${kind} job with id ${id}.`);
    if (running.job.state === 'running') throw new FerryError('conflict', `${running.job.title} is still running.`);
    if (running.job.state !== 'succeeded') {
      throw new FerryError('conflict', `${running.job.title} did not finish: ${running.job.error?.message ?? running.job.state}`);
    }
    return this.results.get(id) as T;
  }

  list(): Job[] {
    return [...this.jobs.values()].map((r) => ({ ...r.job })).reverse();
  }

  cancel(id: string): boolean {
    const running = this.jobs.get(id);
    if (!running || running.job.state !== 'running') return false;
    running.controller.abort();
    return true;
  }

  /** Cancels everything still running and waits for it to settle (used at shutdown). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((r) => r.job.state === 'running');
    for (const r of running) r.controller.abort();
    await Promise.allSettled(running.map((r) => r.done));
  }
}
