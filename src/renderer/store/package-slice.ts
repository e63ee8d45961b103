import type { ErrorShape } from '../../shared/errors';
import { FerryError } from '../../shared/errors';
import type { Job } from '../../shared/model/job';
import type { OpenedPackage } from '../../shared/model/package-listing';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';

/** Where opening a package stands. `source` is what the user gave: a path or an uploaded file's name. */
export type OpenState =
  | { status: 'idle' }
  | { status: 'uploading'; source: string }
  | { status: 'starting'; source: string }
  | {
      status: 'running';
      source: string;
      jobId: string;
      cancelRequested: boolean;
      cancelError: ErrorShape | null;
      /** The job succeeded and its result is being fetched. */
      finishing: boolean;
    }
  | { status: 'ready'; jobId: string; pkg: OpenedPackage }
  | { status: 'failed'; source: string | null; error: ErrorShape }
  | { status: 'cancelled'; source: string | null };

export function isOpenBusy(open: OpenState): boolean {
  return open.status === 'uploading' || open.status === 'starting' || open.status === 'running';
}

export interface PackageSlice {
  open: OpenState;
  /** Starts a `package:open` job for a path on the backend's machine; ignored while another open is busy. */
  openPackage: (path: string) => Promise<void>;
  /** Desktop: native dialog, then open. Cancelling the dialog changes nothing. */
  pickAndOpen: () => Promise<void>;
  /** Browser mode: upload the file to the backend, then open the stored copy. */
  uploadAndOpen: (file: File) => Promise<void>;
  /** Stops the upload or asks the backend to cancel the job; the job's own update ends the flow. */
  cancelOpen: () => Promise<void>;
  /** Moves the open flow on when its job reports progress, success or failure. */
  followOpenJob: (job: Job) => void;
  dismissOpenResult: () => void;
  /**
   * Unlocks a signed package with the passphrase shared with the source: the main process checks the signature and
   * keeps the passphrase in memory for the session, so every later read of the package works. Resolves with the
   * error when it was refused.
   */
  unlockPackage: (path: string, passphrase: string) => Promise<ErrorShape | null>;
}

export const createPackageSlice: SliceCreator<PackageSlice> =
  ({ client, upload }) =>
  (set, get) => {
    // Each attempt gets a number; answers for an older attempt (after cancel or a new open) are dropped.
    let attempt = 0;
    let uploadAbort: AbortController | null = null;

    const fail = (mine: number, source: string | null, error: unknown) => {
      if (mine === attempt) set({ open: { status: 'failed', source, error: asErrorShape(error) } });
    };

    async function start(mine: number, path: string, source: string) {
      set({ open: { status: 'starting', source } });
      try {
        const { jobId } = await client.call('package:open', { path });
        if (mine !== attempt) return;
        set({
          open: {
            status: 'running',
            source,
            jobId,
            cancelRequested: false,
            cancelError: null,
            finishing: false,
          },
        });
        // With SSE the job's events can beat the call's response; catch up with what already arrived.
        const known = get().jobs[jobId];
        if (known) get().followOpenJob(known);
      } catch (error) {
        fail(mine, source, error);
      }
    }

    async function finish(mine: number, jobId: string) {
      try {
        const pkg = await client.call('package:get', { jobId });
        if (mine !== attempt) return;
        set({ open: { status: 'ready', jobId, pkg } });
        get().resetEntries(jobId);
      } catch (error) {
        fail(mine, null, error);
      }
    }

    return {
      open: { status: 'idle' },
      async openPackage(path) {
        if (isOpenBusy(get().open)) return;
        const mine = ++attempt;
        await start(mine, path, path);
      },
      async pickAndOpen() {
        if (isOpenBusy(get().open)) return;
        const mine = ++attempt;
        try {
          const { path } = await client.call('package:pick', {});
          if (path && mine === attempt) await start(mine, path, path);
        } catch (error) {
          fail(mine, null, error);
        }
      },
      async uploadAndOpen(file) {
        if (isOpenBusy(get().open)) return;
        const mine = ++attempt;
        if (!upload) {
          fail(mine, file.name, new FerryError('unsupported', t.transport.uploadUnsupported));
          return;
        }
        const controller = new AbortController();
        uploadAbort = controller;
        set({ open: { status: 'uploading', source: file.name } });
        try {
          const path = await upload(file, { signal: controller.signal });
          if (mine !== attempt) return;
          await start(mine, path, file.name);
        } catch (error) {
          if (controller.signal.aborted) {
            if (mine === attempt) set({ open: { status: 'cancelled', source: file.name } });
          } else {
            fail(mine, file.name, error);
          }
        } finally {
          if (uploadAbort === controller) uploadAbort = null;
        }
      },
      async cancelOpen() {
        const open = get().open;
        if (open.status === 'uploading') {
          uploadAbort?.abort();
          return;
        }
        if (open.status !== 'running' || open.cancelRequested || open.finishing) return;
        set({ open: { ...open, cancelRequested: true, cancelError: null } });
        try {
          await client.call('job:cancel', { jobId: open.jobId });
        } catch (error) {
          const now = get().open;
          if (now.status === 'running' && now.jobId === open.jobId) {
            set({ open: { ...now, cancelRequested: false, cancelError: asErrorShape(error) } });
          }
        }
      },
      followOpenJob(job) {
        const open = get().open;
        if (open.status !== 'running' || open.jobId !== job.id) return;
        const mine = attempt;
        if (job.state === 'succeeded' && !open.finishing) {
          set({ open: { ...open, finishing: true } });
          void finish(mine, job.id);
        } else if (job.state === 'failed') {
          set({
            open: {
              status: 'failed',
              source: open.source,
              error: job.error ?? { code: 'internal', message: job.step || t.open.failedTitle },
            },
          });
        } else if (job.state === 'cancelled') {
          set({ open: { status: 'cancelled', source: open.source } });
        }
      },
      dismissOpenResult() {
        if (isOpenBusy(get().open)) return;
        attempt += 1;
        set({ open: { status: 'idle' } });
      },
      async unlockPackage(path, passphrase) {
        try {
          await client.call('package:unlock', { path, passphrase });
          return null;
        } catch (error) {
          return asErrorShape(error);
        }
      },
    };
  };
