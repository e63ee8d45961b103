import { z } from 'zod';
import { method } from '../define';
import { savedCredentialNameSchema } from '../../model/upload';
import { empty } from './common';

/** A saved access key as the UI sees it: a name and the id's last 4 characters. Never the secret. */
export const savedCredentialSchema = z.object({
  name: z.string(),
  /** `…abcd`; null when the entry could not be decrypted (another keychain), so it can still be deleted. */
  accessKeyHint: z.string().nullable(),
});
export type SavedCredential = z.infer<typeof savedCredentialSchema>;

const nameRef = z.object({ name: savedCredentialNameSchema }).strict();

/**
 * Access key pairs saved in the desktop app, encrypted with the OS keychain (Electron's safeStorage), for OSS uploads
 * and DataWorks imports (`{source: 'vault', name}`). A secret crosses this API once, renderer to main, on save; no
 * method returns one. The CLI and web mode have no keychain: list says so, save and delete are refused.
 */
export const credentialsMethods = {
  'credentials:list': method(
    empty,
    z.object({
      available: z.boolean(),
      /** Why saving is not possible here (web mode, CLI, no keychain); null when available. */
      reason: z.string().nullable(),
      credentials: z.array(savedCredentialSchema),
    }),
    'The saved access keys (names and the id hint only), and whether this app can store any.',
  ),
  'credentials:save': method(
    nameRef
      .extend({
        accessKeyId: z.string().trim().min(1, 'Give the access key id.').max(256),
        accessKeySecret: z.string().trim().min(1, 'Give the access key secret.').max(1024),
      })
      .strict(),
    savedCredentialSchema,
    'Encrypts an access key pair with the OS keychain and stores it under a name (replacing one of that name).',
  ),
  'credentials:delete': method(
    nameRef,
    z.object({ deleted: z.boolean() }),
    'Deletes a saved access key; false when there was none of that name.',
  ),
} as const;
