import type { MethodInput } from '../../shared/api/contract';
import type { ErrorShape } from '../../shared/errors';
import type { UploadCredentialSource, UploadRecord } from '../../shared/model/upload';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';

/** The credentials choice as the form holds it; never a secret, only where the backend finds one. */
export interface CredentialChoice {
  source: 'env' | 'file' | 'vault';
  path: string;
  /** The saved credentials' name (desktop app: the keychain-encrypted store). */
  name: string;
}

export function credentialSource(choice: CredentialChoice): UploadCredentialSource | null {
  if (choice.source === 'env') return { source: 'env' };
  if (choice.source === 'vault') return choice.name ? { source: 'vault', name: choice.name } : null;
  const path = choice.path.trim();
  return path ? { source: 'file', path } : null;
}

/** What the credentials choice still needs, in the words of the given section; null when complete. */
export function credentialBlocker(choice: CredentialChoice, needFile: string): string | null {
  if (credentialSource(choice)) return null;
  return choice.source === 'vault' ? t.upload.needSavedCredential : needFile;
}

export interface UploadTarget {
  endpoint: string;
  bucket: string;
  key: string;
  region: string;
  pathStyle: boolean;
}

/** `oss-cn-hangzhou.aliyuncs.com` (with or without the scheme, internal or not) → `cn-hangzhou`; null otherwise. */
export function ossRegion(endpoint: string): string | null {
  const match = /^(?:https?:\/\/)?oss-([a-z]{2,}-[a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com\/?$/i.exec(
    endpoint.trim(),
  );
  return match ? match[1].toLowerCase() : null;
}

/** The endpoint as the API wants it: an http(s) URL (`https://` added when left out). */
export function endpointUrl(endpoint: string): string {
  const trimmed = endpoint.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Why the upload cannot start yet; null when it can. */
export function uploadBlocker(flow: UploadFlow): string | null {
  if (!flow.packagePath.trim()) return t.upload.needPackage;
  if (!flow.target.endpoint.trim()) return t.upload.needEndpoint;
  if (flow.target.bucket.trim().length < 3) return t.upload.needBucket;
  const credentials = credentialBlocker(flow.credentials, t.upload.needCredentialsFile);
  if (credentials) return credentials;
  return null;
}

export type UploadStatus =
  'idle' | 'starting' | 'uploading' | 'pausing' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface HandoffState {
  name: string;
  outDir: string;
  status: 'idle' | 'running' | 'ready' | 'failed';
  jobId: string | null;
  parametersPath: string | null;
  error: ErrorShape | null;
}

export interface UploadFlow {
  handoff: HandoffState;
  /** The package file to upload: the hand-off's zip, or any path the user gives. */
  packagePath: string;
  target: UploadTarget;
  credentials: CredentialChoice;
  uploadId: string | null;
  jobId: string | null;
  status: UploadStatus;
  error: ErrorShape | null;
  /** The file's size once the backend said it (the job's total). */
  fileSize: number | null;
  url: { url: string; expiresAt: string } | null;
  urlError: ErrorShape | null;
}

export interface UploadSlice {
  uploadFlow: UploadFlow;
  uploads: {
    status: 'idle' | 'loading' | 'ready' | 'failed';
    rows: UploadRecord[];
    error: ErrorShape | null;
  };
  setHandoff: (edit: Partial<Pick<HandoffState, 'name' | 'outDir'>>) => void;
  /** Writes the hand-off (mapped zip + create-import-migration.json) from the current plan. */
  writeHandoff: () => Promise<void>;
  setUploadPackage: (path: string) => void;
  setUploadTarget: (edit: Partial<UploadTarget>) => void;
  setUploadCredentials: (edit: Partial<CredentialChoice>) => void;
  startUpload: () => Promise<void>;
  pauseUpload: () => Promise<void>;
  /** Resumes the current upload, or one from History (then it becomes the current one). */
  resumeUpload: (uploadId?: string) => Promise<void>;
  cancelUpload: () => Promise<void>;
  /** A fresh pre-signed URL for the completed upload. */
  refreshUploadUrl: () => Promise<void>;
  loadUploads: () => Promise<void>;
}

function initialFlow(): UploadFlow {
  return {
    handoff: { name: '', outDir: '', status: 'idle', jobId: null, parametersPath: null, error: null },
    packagePath: '',
    target: { endpoint: '', bucket: '', key: '', region: '', pathStyle: false },
    credentials: { source: 'env', path: '', name: '' },
    uploadId: null,
    jobId: null,
    status: 'idle',
    error: null,
    fileSize: null,
    url: null,
    urlError: null,
  };
}

export const createUploadSlice: SliceCreator<UploadSlice> =
  ({ client }) =>
  (set, get) => {
    const write = (next: (s: UploadFlow) => UploadFlow) => set((s) => ({ uploadFlow: next(s.uploadFlow) }));
    let attempt = 0;
    let handoffAttempt = 0;

    /** The upload's row from history, refreshing the list on the way (History shows it too). */
    async function findRecord(uploadId: string): Promise<UploadRecord | null> {
      await get().loadUploads();
      return get().uploads.rows.find((r) => r.uploadId === uploadId) ?? null;
    }

    async function settleSucceeded(mine: number, uploadId: string) {
      try {
        const record = await findRecord(uploadId);
        if (mine !== attempt) return;
        if (record && record.state !== 'completed') {
          write((s) => ({
            ...s,
            status: record.state === 'uploading' ? 'paused' : record.state,
            fileSize: record.fileSize,
          }));
          return;
        }
        const url =
          record?.url && record.urlExpiresAt
            ? { url: record.url, expiresAt: record.urlExpiresAt }
            : await client.call('upload:url', { uploadId });
        if (mine === attempt) write((s) => ({ ...s, status: 'completed', url, urlError: null }));
      } catch (error) {
        if (mine === attempt) write((s) => ({ ...s, status: 'completed', urlError: asErrorShape(error) }));
      }
    }

    function follow(mine: number, uploadId: string, jobId: string) {
      write((s) => ({ ...s, uploadId, jobId, status: s.status === 'pausing' ? 'pausing' : 'uploading' }));
      get().watchJob(jobId, {
        onSucceeded: () => void settleSucceeded(mine, uploadId),
        onFailed: (job) => {
          if (mine !== attempt) return;
          write((s) => ({
            ...s,
            status: s.status === 'cancelled' ? 'cancelled' : 'failed',
            error: job.error ?? { code: 'internal', message: job.step || t.upload.failed },
          }));
          void get().loadUploads();
        },
        // A job cancelled by job:cancel or a shutdown leaves the upload paused (resumable); upload:cancel discards it.
        onCancelled: () => {
          if (mine !== attempt) return;
          write((s) => ({ ...s, status: s.status === 'cancelled' ? 'cancelled' : 'paused' }));
          void get().loadUploads();
        },
      });
    }

    return {
      uploadFlow: initialFlow(),
      uploads: { status: 'idle', rows: [], error: null },
      setHandoff(edit) {
        write((s) => ({ ...s, handoff: { ...s.handoff, ...edit } }));
      },
      async writeHandoff() {
        const planJobId = get().plan.jobId;
        const { name, outDir } = get().uploadFlow.handoff;
        if (!planJobId || !name.trim() || !outDir.trim()) return;
        const mine = ++handoffAttempt;
        write((s) => ({
          ...s,
          handoff: { ...s.handoff, status: 'running', jobId: null, parametersPath: null, error: null },
        }));
        const fail = (error: ErrorShape) =>
          mine === handoffAttempt &&
          write((s) => ({ ...s, handoff: { ...s.handoff, status: 'failed', error } }));
        try {
          const { jobId } = await client.call('import:handoff', {
            planJobId,
            name: name.trim(),
            outDir: outDir.trim(),
          });
          if (mine !== handoffAttempt) return;
          write((s) => ({ ...s, handoff: { ...s.handoff, jobId } }));
          get().watchJob(jobId, {
            onSucceeded: () => {
              void (async () => {
                try {
                  const result = await client.call('import:handoffResult', { jobId });
                  if (mine !== handoffAttempt) return;
                  write((s) => ({
                    ...s,
                    packagePath: result.packagePath,
                    handoff: { ...s.handoff, status: 'ready', parametersPath: result.parametersPath },
                  }));
                } catch (error) {
                  fail(asErrorShape(error));
                }
              })();
            },
            onFailed: (job) =>
              fail(job.error ?? { code: 'internal', message: job.step || t.upload.handoffFailed }),
            onCancelled: () => fail({ code: 'cancelled', message: t.upload.handoffCancelled }),
          });
        } catch (error) {
          fail(asErrorShape(error));
        }
      },
      setUploadPackage(packagePath) {
        write((s) => ({ ...s, packagePath }));
      },
      setUploadTarget(edit) {
        write((s) => {
          const target = { ...s.target, ...edit };
          // Fill the region from an OSS endpoint unless the user typed one.
          if (edit.endpoint !== undefined) {
            const before = ossRegion(s.target.endpoint) ?? '';
            if (s.target.region === before) target.region = ossRegion(edit.endpoint) ?? '';
          }
          return { ...s, target };
        });
      },
      setUploadCredentials(edit) {
        write((s) => ({ ...s, credentials: { ...s.credentials, ...edit } }));
      },
      async startUpload() {
        const flow = get().uploadFlow;
        if (uploadBlocker(flow)) return;
        const credentials = credentialSource(flow.credentials)!;
        const { target } = flow;
        const input: MethodInput<'upload:start'> = {
          path: flow.packagePath.trim(),
          endpoint: endpointUrl(target.endpoint),
          bucket: target.bucket.trim(),
          credentials,
          pathStyle: target.pathStyle,
          ...(target.key.trim() ? { key: target.key.trim() } : {}),
          ...(target.region.trim() ? { region: target.region.trim() } : {}),
        };
        const mine = ++attempt;
        write((s) => ({
          ...s,
          uploadId: null,
          jobId: null,
          status: 'starting',
          error: null,
          url: null,
          urlError: null,
          fileSize: null,
        }));
        try {
          const { jobId, uploadId } = await client.call('upload:start', input);
          if (mine === attempt) follow(mine, uploadId, jobId);
        } catch (error) {
          if (mine === attempt) write((s) => ({ ...s, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async pauseUpload() {
        const { uploadId, status } = get().uploadFlow;
        if (!uploadId || status !== 'uploading') return;
        write((s) => ({ ...s, status: 'pausing' }));
        try {
          await client.call('upload:pause', { uploadId });
        } catch (error) {
          write((s) => ({
            ...s,
            status: s.status === 'pausing' ? 'uploading' : s.status,
            error: asErrorShape(error),
          }));
        }
      },
      async resumeUpload(fromHistory) {
        const uploadId = fromHistory ?? get().uploadFlow.uploadId;
        if (!uploadId) return;
        const record = fromHistory ? get().uploads.rows.find((r) => r.uploadId === fromHistory) : undefined;
        const credentials = fromHistory
          ? undefined
          : (credentialSource(get().uploadFlow.credentials) ?? undefined);
        const mine = ++attempt;
        write((s) => ({
          ...s,
          ...(record
            ? {
                packagePath: record.filePath,
                target: {
                  endpoint: record.endpoint,
                  bucket: record.bucket,
                  key: record.key,
                  region: record.region,
                  pathStyle: record.pathStyle,
                },
                fileSize: record.fileSize,
              }
            : {}),
          uploadId,
          jobId: null,
          status: 'starting',
          error: null,
          url: null,
          urlError: null,
        }));
        try {
          const { jobId } = await client.call('upload:resume', {
            uploadId,
            ...(credentials ? { credentials } : {}),
          });
          if (mine === attempt) follow(mine, uploadId, jobId);
        } catch (error) {
          if (mine === attempt) write((s) => ({ ...s, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async cancelUpload() {
        const { uploadId, status } = get().uploadFlow;
        if (!uploadId || status === 'completed' || status === 'cancelled') return;
        const before = status;
        write((s) => ({ ...s, status: 'cancelled' }));
        try {
          await client.call('upload:cancel', { uploadId });
          void get().loadUploads();
        } catch (error) {
          write((s) => ({ ...s, status: before, error: asErrorShape(error) }));
        }
      },
      async refreshUploadUrl() {
        const { uploadId, status } = get().uploadFlow;
        if (!uploadId || status !== 'completed') return;
        try {
          const url = await client.call('upload:url', { uploadId });
          write((s) => ({ ...s, url, urlError: null }));
        } catch (error) {
          write((s) => ({ ...s, urlError: asErrorShape(error) }));
        }
      },
      async loadUploads() {
        set((s) => ({ uploads: { ...s.uploads, status: 'loading', error: null } }));
        try {
          const rows = await client.call('upload:list', { limit: 100 });
          set({ uploads: { status: 'ready', rows, error: null } });
        } catch (error) {
          set((s) => ({ uploads: { ...s.uploads, status: 'failed', error: asErrorShape(error) } }));
        }
      },
    };
  };
