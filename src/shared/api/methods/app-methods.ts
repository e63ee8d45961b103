import { z } from 'zod';
import { method } from '../define';
import { empty } from './common';

export const appMethods = {
  'app:info': method(
    empty,
    z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'web']),
      userDataDir: z.string(),
      canPickFiles: z.boolean(),
      canUpload: z.boolean(),
    }),
    'What this backend is and what it can do.',
  ),
} as const;
