import path from 'node:path';
import type { CredentialVault } from '../electron/credential-vault';
import { createDispatcher, type Dispatch } from '../api/dispatcher';
import { EventBus } from '../api/event-bus';
import { createFerryService } from '../api/ferry-service';
import { openHistoryDatabase } from '../history/history-database';
import { createHistoryRepository } from '../history/history-repository';
import { createCloudImportRepository } from '../history/cloud-import-repository';
import { createImportRepository } from '../history/import-repository';
import { createProfileRepository } from '../history/profile-repository';
import { createUploadRepository } from '../history/upload-repository';
import { JobRunner } from '../jobs/job-runner';

export interface BackendOptions {
  userDataDir: string;
  mode: 'desktop' | 'web';
  version: string;
  pickPackageFile?: () => Promise<string | null>;
  /** The desktop app's keychain-encrypted credential store (main.ts); the CLI and web mode pass none. */
  credentialVault?: CredentialVault;
  log?: (line: string) => void;
}

export interface Backend {
  dispatch: Dispatch;
  events: EventBus;
  close(): Promise<void>;
}

/** The composition root: wires history, jobs and the service behind the dispatcher. One per process. */
export function createBackend(options: BackendOptions): Backend {
  const log = options.log ?? (() => {});
  const events = new EventBus();
  const db = openHistoryDatabase(path.join(options.userDataDir, 'history.db'));
  const history = createHistoryRepository(db);
  const jobs = new JobRunner({ onUpdate: (job) => events.emit('job:updated', job) });
  const handlers = createFerryService({
    version: options.version,
    mode: options.mode,
    userDataDir: options.userDataDir,
    jobs,
    history,
    profiles: createProfileRepository(db),
    imports: createImportRepository(db),
    uploads: createUploadRepository(db),
    cloudImports: createCloudImportRepository(db),
    pickPackageFile: options.pickPackageFile,
    canUpload: options.mode === 'web',
    credentialVault: options.credentialVault,
  });
  return {
    dispatch: createDispatcher(handlers, log),
    events,
    async close() {
      await jobs.cancelAll();
      await history.close();
    },
  };
}
