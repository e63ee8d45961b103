import { isFinished, type Job } from '../../shared/model/job';
import type { SliceCreator } from './ferry-store';

/** What to do when a watched job ends. Each handler runs at most once. */
export interface JobWatch {
  onSucceeded?: (job: Job) => void;
  onFailed?: (job: Job) => void;
  onCancelled?: (job: Job) => void;
}

export interface JobsSlice {
  /** Jobs of this session by id, as last reported by the backend. */
  jobs: Record<string, Job>;
  /** Applies one `job:updated` event (or a row of `job:list`). */
  jobUpdated: (job: Job) => void;
  /** Re-reads every job, for when events may have been missed (the event stream reconnected). */
  syncJobs: () => Promise<void>;
  /**
   * Calls back when the job finishes, even if it already has (with SSE a job's events can beat the response of
   * the call that started it). Slices use it instead of each hooking into `jobUpdated`. Returns an unwatch.
   */
  watchJob: (jobId: string, watch: JobWatch) => () => void;
}

function settle(watch: JobWatch, job: Job): void {
  if (job.state === 'succeeded') watch.onSucceeded?.(job);
  else if (job.state === 'failed') watch.onFailed?.(job);
  else if (job.state === 'cancelled') watch.onCancelled?.(job);
}

export const createJobsSlice: SliceCreator<JobsSlice> =
  ({ client }) =>
  (set, get) => {
    // Callbacks are not state: they live beside the store, keyed by job id.
    const watchers = new Map<string, Set<JobWatch>>();

    return {
      jobs: {},
      jobUpdated(job) {
        const known = get().jobs[job.id];
        // A late progress tick must not bring a finished job back to life.
        if (known && isFinished(known) && !isFinished(job)) return;
        set((state) => ({ jobs: { ...state.jobs, [job.id]: job } }));
        get().followOpenJob(job);
        const waiting = watchers.get(job.id);
        if (waiting && isFinished(job)) {
          watchers.delete(job.id);
          for (const watch of waiting) settle(watch, job);
        }
      },
      async syncJobs() {
        let jobs: Job[];
        try {
          jobs = await client.call('job:list', {});
        } catch {
          return; // Best effort: the next event or sync will catch up.
        }
        for (const job of jobs) {
          const known = get().jobs[job.id];
          if (!known || known.state !== job.state || known.progress.done !== job.progress.done)
            get().jobUpdated(job);
        }
      },
      watchJob(jobId, watch) {
        const known = get().jobs[jobId];
        if (known && isFinished(known)) {
          settle(watch, known);
          return () => {};
        }
        const group = watchers.get(jobId) ?? new Set<JobWatch>();
        group.add(watch);
        watchers.set(jobId, group);
        return () => {
          group.delete(watch);
          if (group.size === 0) watchers.delete(jobId);
        };
      },
    };
  };
