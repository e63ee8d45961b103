import type { MethodInput } from '../../shared/api/contract';
import type { ErrorShape } from '../../shared/errors';
import { localUploadLimitBytes } from '../../shared/model/upload';
import type { CloudImportRecord } from '../../shared/model/cloud-import';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';
import { credentialBlocker, credentialSource, ossRegion, type CredentialChoice } from './upload-slice';

/** DataWorks' final states, and Ferry's own ends (a failed request, the user stopped following). */
export const cloudFinalStates = [
  'IMPORT_SUCCESS',
  'PARTIAL_SUCCESS',
  'IMPORT_ERROR',
  'REVOKED',
  'CANCELLED',
  'FAILED',
];

export interface CloudForm {
  projectId: string;
  region: string;
  name: string;
  /** Where the package comes from: the uploaded package's pre-signed URL, or the local file (<= 30 MB). */
  packageFrom: 'url' | 'file';
  credentials: CredentialChoice;
}

export interface CloudFlow {
  form: CloudForm;
  status: 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';
  jobId: string | null;
  importId: string | null;
  error: ErrorShape | null;
  /** The import as history recorded it, read when the job ends. */
  record: CloudImportRecord | null;
}

export interface CloudSlice {
  cloudFlow: CloudFlow;
  cloudImports: {
    status: 'idle' | 'loading' | 'ready' | 'failed';
    rows: CloudImportRecord[];
    error: ErrorShape | null;
  };
  setCloudForm: (
    edit: Partial<Omit<CloudForm, 'credentials'>> & { credentials?: Partial<CredentialChoice> },
  ) => void;
  startCloudImport: () => Promise<void>;
  /** Stops following the import (DataWorks may go on with it). */
  cancelCloudImport: () => Promise<void>;
  /** Follows a cancelled, failed-while-polling or orphaned import again to its final state (creates nothing). */
  followCloudImport: (importId: string) => Promise<void>;
  loadCloudImports: () => Promise<void>;
}

/** Whether History offers to follow an import again: DataWorks knows it, and Ferry did not see it end. */
export function canFollowAgain(row: CloudImportRecord): boolean {
  return (
    row.migrationId !== null &&
    !['IMPORT_SUCCESS', 'PARTIAL_SUCCESS', 'IMPORT_ERROR', 'REVOKED'].includes(row.state)
  );
}

/** Whether a package of this size may skip OSS (DataWorks takes files of at most 30 MB directly). */
export function canSkipOss(size: number | null): boolean {
  return size !== null && size <= localUploadLimitBytes;
}

/** The region the form uses: what the user typed, else the OSS endpoint's. */
export function cloudRegion(s: {
  cloudFlow: CloudFlow;
  uploadFlow: { target: { endpoint: string; region: string } };
}): string {
  return (
    s.cloudFlow.form.region.trim() ||
    s.uploadFlow.target.region.trim() ||
    ossRegion(s.uploadFlow.target.endpoint) ||
    ''
  );
}

type BlockerState = Parameters<typeof cloudRegion>[0] & {
  mapping: { profile: unknown };
  uploadFlow: {
    url: unknown;
    packagePath: string;
    fileSize: number | null;
    target: { endpoint: string; region: string };
  };
};

/** Why the cloud import cannot start yet; null when it can. */
export function cloudImportBlocker(s: BlockerState): string | null {
  const { form } = s.cloudFlow;
  if (!s.mapping.profile) return t.cloud.needProfile;
  if (form.packageFrom === 'url' && !s.uploadFlow.url) return t.cloud.needUrl;
  if (form.packageFrom === 'file') {
    if (!s.uploadFlow.packagePath.trim()) return t.cloud.needPackage;
    if (s.uploadFlow.fileSize !== null && !canSkipOss(s.uploadFlow.fileSize)) return t.cloud.tooBig;
  }
  if (!/^[1-9]\d*$/.test(form.projectId.trim())) return t.cloud.needProject;
  if (!/^[a-z]{2,}-[a-z0-9-]+$/.test(cloudRegion(s))) return t.cloud.needRegion;
  if (!form.name.trim()) return t.cloud.needName;
  return credentialBlocker(form.credentials, t.cloud.needCredentialsFile);
}

function initialCloud(): CloudFlow {
  return {
    form: {
      projectId: '',
      region: '',
      name: '',
      packageFrom: 'url',
      credentials: { source: 'env', path: '', name: '' },
    },
    status: 'idle',
    jobId: null,
    importId: null,
    error: null,
    record: null,
  };
}

export const createCloudSlice: SliceCreator<CloudSlice> =
  ({ client }) =>
  (set, get) => {
    const write = (next: (s: CloudFlow) => CloudFlow) => set((s) => ({ cloudFlow: next(s.cloudFlow) }));
    let attempt = 0;

    async function finish(mine: number, status: CloudFlow['status'], error: ErrorShape | null) {
      await get().loadCloudImports();
      if (mine !== attempt) return;
      const importId = get().cloudFlow.importId;
      const record = get().cloudImports.rows.find((r) => r.id === importId) ?? null;
      write((s) => ({ ...s, status, error, record }));
    }

    function watch(mine: number, jobId: string) {
      get().watchJob(jobId, {
        onSucceeded: () => void finish(mine, 'done', null),
        onFailed: (job) =>
          void finish(mine, 'failed', job.error ?? { code: 'internal', message: job.step || t.cloud.failed }),
        onCancelled: () => void finish(mine, 'cancelled', null),
      });
    }

    return {
      cloudFlow: initialCloud(),
      cloudImports: { status: 'idle', rows: [], error: null },
      setCloudForm(edit) {
        write((s) => ({
          ...s,
          form: { ...s.form, ...edit, credentials: { ...s.form.credentials, ...edit.credentials } },
        }));
      },
      async startCloudImport() {
        const state = get();
        if (cloudImportBlocker(state)) return;
        const { form } = state.cloudFlow;
        const credentials = credentialSource(form.credentials)!;
        const input: MethodInput<'cloud:import'> = {
          profile: state.mapping.profile!,
          projectId: Number(form.projectId.trim()),
          region: cloudRegion(state),
          name: form.name.trim(),
          credentials,
          ...(form.packageFrom === 'url'
            ? { url: state.uploadFlow.url!.url }
            : { packagePath: state.uploadFlow.packagePath.trim() }),
        };
        const mine = ++attempt;
        write((s) => ({ ...s, status: 'starting', jobId: null, importId: null, error: null, record: null }));
        try {
          const { jobId, importId } = await client.call('cloud:import', input);
          if (mine !== attempt) return;
          write((s) => ({ ...s, jobId, importId, status: 'running' }));
          void get().loadCloudImports();
          watch(mine, jobId);
        } catch (error) {
          if (mine === attempt) write((s) => ({ ...s, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async cancelCloudImport() {
        const { jobId, status } = get().cloudFlow;
        if (!jobId || status !== 'running') return;
        try {
          await client.call('job:cancel', { jobId });
        } catch (error) {
          write((s) => ({ ...s, error: asErrorShape(error) }));
        }
      },
      async followCloudImport(importId) {
        const credentials = credentialSource(get().cloudFlow.form.credentials) ?? undefined;
        const mine = ++attempt;
        write((s) => ({ ...s, status: 'starting', jobId: null, importId, error: null, record: null }));
        try {
          const { jobId } = await client.call('cloud:follow', {
            importId,
            ...(credentials ? { credentials } : {}),
          });
          if (mine !== attempt) return;
          write((s) => ({ ...s, jobId, status: 'running' }));
          watch(mine, jobId);
        } catch (error) {
          if (mine === attempt) write((s) => ({ ...s, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async loadCloudImports() {
        set((s) => ({ cloudImports: { ...s.cloudImports, status: 'loading', error: null } }));
        try {
          const rows = await client.call('cloud:imports', { limit: 100 });
          set({ cloudImports: { status: 'ready', rows, error: null } });
        } catch (error) {
          set((s) => ({ cloudImports: { ...s.cloudImports, status: 'failed', error: asErrorShape(error) } }));
        }
      },
    };
  };
