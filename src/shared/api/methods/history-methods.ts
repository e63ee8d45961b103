import { z } from 'zod';
import { method } from '../define';
import { packageRecordSchema } from '../../model/history';

export const historyMethods = {
  'history:packages': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(packageRecordSchema),
    'Packages opened on this machine, newest first.',
  ),
} as const;
