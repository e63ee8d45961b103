import { z } from 'zod';
import { method } from '../define';
import { jobSchema } from '../../model/job';
import { empty, jobRef } from './common';

export const jobMethods = {
  'job:list': method(empty, z.array(jobSchema), 'Jobs of this session, newest first.'),
  'job:cancel': method(jobRef, z.object({ cancelled: z.boolean() }), 'Asks a running job to stop.'),
} as const;
