import { z } from 'zod';
import { method } from '../define';
import { empty } from './common';

/** The sample workspaces shipped in resources/samples: dev is the source, prod the destination. */
export const sampleWorkspaceSchema = z.object({
  id: z.enum(['dev', 'prod']),
  /** The workspace's display name, from its workspace.json. */
  name: z.string(),
  /** Absolute path of the workspace folder on the backend's machine. */
  path: z.string(),
  projectIdentifier: z.string(),
});
export type SampleWorkspace = z.infer<typeof sampleWorkspaceSchema>;

export const samplesMethods = {
  'samples:list': method(
    empty,
    z.array(sampleWorkspaceSchema),
    'The sample workspaces this installation carries (dev first); empty when they are not installed.',
  ),
} as const;
