import { z } from 'zod';

/** A mapping profile saved in the history database, as the Profiles list shows it (the profile itself is fetched on request). */
export const profileRecordSchema = z.object({
  id: z.number(),
  /** Unique; the key `profile:get`, `profile:delete` and `ferry profile export` use. */
  name: z.string(),
  description: z.string().nullable(),
  sourceProject: z.string(),
  destinationProject: z.string(),
  /** sha256 of the profile's canonical JSON (the hash a plan records). */
  hash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProfileRecord = z.infer<typeof profileRecordSchema>;
