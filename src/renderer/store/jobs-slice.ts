import { isFinished, type Job } from '../../shared/model/job';
import type { SliceCreator } from './ferry-store';

export interface JobsSlice {
  /** Jobs of this session by id, as last reported by the backend. */
  jobs: Record<string, Job>;
  /** Applies one `job:updated` event (or a row of `job:list`). */
  jobUpdated: (job: Job) => void;
  /** Re-reads every job, for when events may have been missed (the event stream reconnected). */
  syncJobs: () => Promise<void>;
}

export const createJobsSlice: SliceCreator<JobsSlice> =
  ({ client }) =>
  (set, get) => ({
    jobs: {},
    jobUpdated(job) {
      const known = get().jobs[job.id];
      // A late progress tick must not bring a finished job back to life.
      if (known && isFinished(known) && !isFinished(job)) return;
      set((state) => ({ jobs: { ...state.jobs, [job.id]: job } }));
      get().followOpenJob(job);
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
  });
