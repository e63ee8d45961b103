import { describe, expect, it } from 'vitest';
import type { CloudImportRecord } from '../../shared/model/cloud-import';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import { flush, makeJob, setupStore } from '../test/fake-transport';
import { canFollowAgain, canSkipOss, cloudImportBlocker } from './cloud-slice';

const profile = { name: 'dev-to-prod' } as unknown as MappingProfile;

const record = (overrides: Partial<CloudImportRecord> = {}): CloudImportRecord => ({
  id: 'ci-1',
  name: 'import_1',
  projectId: 12345,
  region: 'cn-hangzhou',
  endpoint: 'https://dataworks.cn-hangzhou.aliyuncs.com',
  packageRef: 'https://ferry-packages.oss-cn-hangzhou.aliyuncs.com/import_1.zip',
  packageKind: 'url',
  migrationId: '987',
  state: 'IMPORT_SUCCESS',
  credentialSource: 'env',
  accessKeyHint: '…wxyz',
  summary: null,
  steps: [],
  states: [
    { state: 'INIT', at: '2026-11-24T08:10:00.000Z' },
    { state: 'IMPORTING', at: '2026-11-24T08:10:02.000Z' },
    { state: 'IMPORT_SUCCESS', at: '2026-11-24T08:10:30.000Z' },
  ],
  error: null,
  createdAt: '2026-11-24T08:10:00.000Z',
  updatedAt: '2026-11-24T08:10:30.000Z',
  finishedAt: '2026-11-24T08:10:30.000Z',
  ...overrides,
});

const signed = {
  url: 'https://ferry-packages.oss-cn-hangzhou.aliyuncs.com/import_1.zip?X-Amz-Signature=x',
  expiresAt: '2026-11-25T08:00:00.000Z',
};

function ready(store: ReturnType<typeof setupStore>['store']) {
  store.setState((s) => ({
    mapping: { ...s.mapping, profile },
    uploadFlow: {
      ...s.uploadFlow,
      packagePath: '/out/import_1.zip',
      target: { ...s.uploadFlow.target, endpoint: 'oss-cn-hangzhou.aliyuncs.com', region: 'cn-hangzhou' },
      status: 'completed',
      uploadId: 'up-1',
      fileSize: 50_000_000,
      url: signed,
    },
  }));
  store.getState().setCloudForm({ projectId: '12345', name: 'import_1' });
}

describe('cloud slice', () => {
  it('lets packages of 30 MB or less skip OSS', () => {
    expect(canSkipOss(30 * 1024 * 1024)).toBe(true);
    expect(canSkipOss(30 * 1024 * 1024 + 1)).toBe(false);
    expect(canSkipOss(null)).toBe(false);
  });

  it('says what is missing: a profile, the URL, the project, a small enough file', () => {
    const { store } = setupStore();
    expect(cloudImportBlocker(store.getState())).toBe('Suggest or load a mapping profile on Map first.');
    ready(store);
    expect(cloudImportBlocker(store.getState())).toBeNull();
    store.getState().setCloudForm({ packageFrom: 'file' });
    expect(cloudImportBlocker(store.getState())).toBe(
      'The package is over 30 MB: upload it to OSS and import it from the URL.',
    );
    store.getState().setCloudForm({ packageFrom: 'url', projectId: 'abc' });
    expect(cloudImportBlocker(store.getState())).toBe('Give the DataWorks project id (a number).');
  });

  it('imports from the pre-signed URL with the region of the OSS endpoint, then shows the final state', async () => {
    let rows: CloudImportRecord[] = [record({ state: 'IMPORTING', finishedAt: null })];
    const { store, transport } = setupStore({
      'cloud:import': () => ({ jobId: 'cloud-job-1', importId: 'ci-1' }),
      'cloud:imports': () => rows,
    });
    ready(store);
    await store.getState().startCloudImport();
    expect(transport.callsOf('cloud:import')).toEqual([
      {
        profile,
        projectId: 12345,
        region: 'cn-hangzhou',
        name: 'import_1',
        credentials: { source: 'env' },
        url: signed.url,
      },
    ]);
    expect(store.getState().cloudFlow.status).toBe('running');
    rows = [record()];
    transport.emit('job:updated', makeJob({ id: 'cloud-job-1', kind: 'cloud:import', state: 'succeeded' }));
    await flush();
    expect(store.getState().cloudFlow.status).toBe('done');
    expect(store.getState().cloudFlow.record?.state).toBe('IMPORT_SUCCESS');
    expect(store.getState().cloudImports.rows.map((r) => r.state)).toEqual(['IMPORT_SUCCESS']);
  });

  it('imports a small local file directly with a credentials file', async () => {
    const { store, transport } = setupStore({
      'cloud:import': () => ({ jobId: 'cloud-job-1', importId: 'ci-1' }),
      'cloud:imports': () => [],
    });
    ready(store);
    store.setState((s) => ({ uploadFlow: { ...s.uploadFlow, fileSize: 1_000_000, url: null } }));
    store
      .getState()
      .setCloudForm({ packageFrom: 'file', credentials: { source: 'file', path: '/home/me/.dw' } });
    await store.getState().startCloudImport();
    expect(transport.callsOf('cloud:import')[0]).toMatchObject({
      packagePath: '/out/import_1.zip',
      credentials: { source: 'file', path: '/home/me/.dw' },
    });
  });

  it('records a failed import with its error and stops following on request', async () => {
    const error = { code: 'io' as const, message: 'DataWorks answered 403 Forbidden.' };
    const { store, transport } = setupStore({
      'cloud:import': () => ({ jobId: 'cloud-job-1', importId: 'ci-1' }),
      'cloud:imports': () => [record({ state: 'FAILED', error: error.message })],
      'job:cancel': () => ({ cancelled: true }),
    });
    ready(store);
    await store.getState().startCloudImport();
    await store.getState().cancelCloudImport();
    expect(transport.callsOf('job:cancel')).toEqual([{ jobId: 'cloud-job-1' }]);
    transport.emit(
      'job:updated',
      makeJob({ id: 'cloud-job-1', kind: 'cloud:import', state: 'failed', error }),
    );
    await flush();
    expect(store.getState().cloudFlow).toMatchObject({ status: 'failed', error });
    expect(store.getState().cloudFlow.record?.state).toBe('FAILED');
  });

  it('follows a cancelled import again from History, and only imports DataWorks knows that did not end', async () => {
    expect(canFollowAgain(record({ state: 'CANCELLED' }))).toBe(true);
    expect(canFollowAgain(record({ state: 'FAILED', migrationId: null }))).toBe(false);
    expect(canFollowAgain(record())).toBe(false);
    const { store, transport } = setupStore({
      'cloud:follow': () => ({ jobId: 'cloud-job-2', importId: 'ci-1' }),
      'cloud:imports': () => [record({ state: 'REVOKED' })],
    });
    await store.getState().followCloudImport('ci-1');
    expect(transport.callsOf('cloud:follow')).toEqual([{ importId: 'ci-1', credentials: { source: 'env' } }]);
    transport.emit('job:updated', makeJob({ id: 'cloud-job-2', kind: 'cloud:follow', state: 'succeeded' }));
    await flush();
    expect(store.getState().cloudFlow).toMatchObject({ status: 'done', importId: 'ci-1' });
    expect(store.getState().cloudFlow.record?.state).toBe('REVOKED');
  });

  it('surfaces a failure to list the cloud imports', async () => {
    const { store } = setupStore();
    await store.getState().loadCloudImports();
    expect(store.getState().cloudImports.status).toBe('failed');
  });
});
