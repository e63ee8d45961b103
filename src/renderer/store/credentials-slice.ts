import type { SavedCredential } from '../../shared/api/methods/credentials-methods';
import type { ErrorShape } from '../../shared/errors';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';

/**
 * Access keys saved in the desktop app's keychain-encrypted store. The state holds names and the id's last 4
 * characters only: a secret passes through `saveCredential`'s argument to the backend once and is never kept here.
 */
export interface SavedCredentialsState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** False in web mode and where the OS offers no keychain; `reason` says why. */
  available: boolean;
  reason: string | null;
  items: SavedCredential[];
  error: ErrorShape | null;
  saving: boolean;
  saveError: ErrorShape | null;
}

export interface CredentialsSlice {
  savedCredentials: SavedCredentialsState;
  loadSavedCredentials: () => Promise<void>;
  /** Encrypts and stores a pair in the backend; resolves to the saved name, or null when it failed (saveError). */
  saveCredential: (input: {
    name: string;
    accessKeyId: string;
    accessKeySecret: string;
  }) => Promise<string | null>;
  deleteSavedCredential: (name: string) => Promise<void>;
}

export const createCredentialsSlice: SliceCreator<CredentialsSlice> =
  ({ client }) =>
  (set, get) => {
    const patch = (edit: Partial<SavedCredentialsState>) =>
      set((s) => ({ savedCredentials: { ...s.savedCredentials, ...edit } }));
    return {
      savedCredentials: {
        status: 'idle',
        available: false,
        reason: null,
        items: [],
        error: null,
        saving: false,
        saveError: null,
      },
      async loadSavedCredentials() {
        patch({ status: 'loading', error: null });
        try {
          const { available, reason, credentials } = await client.call('credentials:list', {});
          patch({ status: 'ready', available, reason, items: credentials });
        } catch (error) {
          patch({ status: 'failed', available: false, error: asErrorShape(error) });
        }
      },
      async saveCredential(input) {
        patch({ saving: true, saveError: null });
        try {
          const { name } = await client.call('credentials:save', input);
          patch({ saving: false });
          await get().loadSavedCredentials();
          return name;
        } catch (error) {
          patch({ saving: false, saveError: asErrorShape(error) });
          return null;
        }
      },
      async deleteSavedCredential(name) {
        try {
          await client.call('credentials:delete', { name });
          patch({ saveError: null });
        } catch (error) {
          patch({ saveError: asErrorShape(error) });
        }
        await get().loadSavedCredentials();
      },
    };
  };
