import type { CredentialVault } from '../../electron/credential-vault';
import type { CloudImportRepository } from '../../history/cloud-import-repository';
import type { HistoryRepository } from '../../history/history-repository';
import type { ImportRepository } from '../../history/import-repository';
import type { ProfileRepository } from '../../history/profile-repository';
import type { UploadRepository } from '../../history/upload-repository';
import type { JobRunner } from '../../jobs/job-runner';

/** What handlers may use; the composition root (app/create-backend.ts) builds it once. */
export interface HandlerDeps {
  version: string;
  mode: 'desktop' | 'web';
  userDataDir: string;
  jobs: JobRunner;
  history: HistoryRepository;
  /** Saved mapping profiles and the profiles plans were made with. */
  profiles: ProfileRepository;
  /** Import tasks, journal and identity ledger. */
  imports: ImportRepository;
  /** OSS uploads: upload ids and finished parts, for resume. */
  uploads: UploadRepository;
  /** DataWorks cloud imports and their states. */
  cloudImports: CloudImportRepository;
  /** The native open dialog; absent in web mode. */
  pickPackageFile?: () => Promise<string | null>;
  /** Whether the transport accepts file uploads (web mode). */
  canUpload: boolean;
  /**
   * Access keys saved encrypted with the OS keychain (Electron's safeStorage); only the desktop app has one. Without
   * it `vault` credential sources and the credentials:* methods are refused with a pointer to env or a file.
   */
  credentialVault?: CredentialVault;
}
