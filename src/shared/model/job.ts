import { z } from 'zod';
import { errorShapeSchema } from '../errors';

export const jobStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

/** Long work (open a package, export, import, upload) as the UI sees it. Results are fetched by their own method. */
export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** What the job works on, for people: a file name, a workspace. */
  title: z.string(),
  state: z.enum(jobStates),
  /** Units done and in all; `total` is null while unknown. */
  progress: z.object({ done: z.number(), total: z.number().nullable() }),
  step: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: errorShapeSchema.nullable(),
});

export type Job = z.infer<typeof jobSchema>;

export function isFinished(job: Pick<Job, 'state'>): boolean {
  return job.state !== 'running';
}
