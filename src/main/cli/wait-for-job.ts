import type { FerryClient } from '../../shared/api/client';
import { FerryError } from '../../shared/errors';
import { isFinished, type Job } from '../../shared/model/job';

/** Resolves when the job finishes; rejects with the job's own error when it failed or was cancelled. */
export async function waitForJob(client: FerryClient, jobId: string, onUpdate: (job: Job) => void = () => {}): Promise<Job> {
  const finished = await new Promise<Job>((resolve) => {
    const settle = (job: Job) => {
      onUpdate(job);
      if (isFinished(job)) {
        stop();
        resolve(job);
      }
    };
    const stop = client.on('job:updated', (job) => {
      if (job.id === jobId) settle(job);
    });
    // The job may have finished before we subscribed.
    void client.call('job:list', {}).then((jobs) => {
      const current = jobs.find((j) => j.id === jobId);
      if (current && isFinished(current)) settle(current);
    });
  });
  if (finished.error) throw FerryError.fromShape(finished.error);
  return finished;
}
