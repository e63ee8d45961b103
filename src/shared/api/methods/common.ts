import { z } from 'zod';

/** Input of a method that takes nothing. */
export const empty = z.object({}).strict();

/** Methods that start long work return the job's id; progress arrives as `job:updated` events. */
export const jobRef = z.object({ jobId: z.string().min(1) }).strict();
