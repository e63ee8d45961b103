import { describe, expect, it } from 'vitest';
import type { UploadRecord } from '../../shared/model/upload';
import { flush, makeJob, setupStore } from '../test/fake-transport';
import { endpointUrl, ossRegion, uploadBlocker } from './upload-slice';
import { stepGuards } from './wizard-guards';

const record = (overrides: Partial<UploadRecord> = {}): UploadRecord => ({
  uploadId: 'up-1',
  state: 'completed',
  filePath: '/data/handoff/import_1.zip',
  fileSize: 50_000_000,
  endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  bucket: 'ferry-packages',
  key: 'import_1.zip',
  pathStyle: false,
  partSize: 16 * 1024 * 1024,
  partCount: 3,
  partsDone: 3,
  bytesDone: 50_000_000,
  parallel: 4,
  credentialSource: 'env',
  accessKeyHint: '…abcd',
  etag: '"abc-3"',
  error: null,
  url: null,
  urlExpiresAt: null,
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-24T08:01:00.000Z',
  completedAt: '2026-11-24T08:01:00.000Z',
  ...overrides,
});

const url = {
  url: 'https://ferry-packages.oss-cn-hangzhou.aliyuncs.com/import_1.zip?X-Amz-Signature=x',
  expiresAt: '2026-11-25T08:01:00.000Z',
};

function fill(store: ReturnType<typeof setupStore>['store']) {
  const s = store.getState();
  s.setUploadPackage('/data/handoff/import_1.zip');
  s.setUploadTarget({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: 'ferry-packages' });
}

describe('upload slice', () => {
  it('reads the region from an OSS endpoint and adds the scheme', () => {
    expect(ossRegion('oss-cn-hangzhou.aliyuncs.com')).toBe('cn-hangzhou');
    expect(ossRegion('https://oss-ap-southeast-1-internal.aliyuncs.com')).toBe('ap-southeast-1');
    expect(ossRegion('http://127.0.0.1:8080')).toBeNull();
    expect(endpointUrl('oss-cn-hangzhou.aliyuncs.com')).toBe('https://oss-cn-hangzhou.aliyuncs.com');
    expect(endpointUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it('says what is missing before an upload can start, and needs a path for a credentials file', () => {
    const { store } = setupStore();
    expect(uploadBlocker(store.getState().uploadFlow)).toBe('Give the package file to upload.');
    fill(store);
    expect(store.getState().uploadFlow.target.region).toBe('cn-hangzhou');
    expect(uploadBlocker(store.getState().uploadFlow)).toBeNull();
    store.getState().setUploadCredentials({ source: 'file' });
    expect(uploadBlocker(store.getState().uploadFlow)).toBe('Give the credentials file path.');
  });

  it('writes the hand-off from the plan and takes its zip as the package to upload', async () => {
    const { store, transport } = setupStore({
      'import:handoff': () => ({ jobId: 'handoff-1' }),
      'import:handoffResult': () => ({
        packagePath: '/out/import_1.zip',
        parametersPath: '/out/create-import-migration.json',
        parameters: { PackageType: 'SPEC' },
      }),
    });
    store.setState((s) => ({ plan: { ...s.plan, jobId: 'plan-1', status: 'ready' } }));
    store.getState().setHandoff({ name: 'import_1', outDir: '/out' });
    await store.getState().writeHandoff();
    expect(transport.callsOf('import:handoff')).toEqual([
      { planJobId: 'plan-1', name: 'import_1', outDir: '/out' },
    ]);
    transport.emit('job:updated', makeJob({ id: 'handoff-1', kind: 'import:handoff', state: 'succeeded' }));
    await flush();
    expect(store.getState().uploadFlow.handoff.status).toBe('ready');
    expect(store.getState().uploadFlow.packagePath).toBe('/out/import_1.zip');
  });

  it('uploads with a credential source only, then shows the pre-signed URL and its expiry', async () => {
    const { store, transport } = setupStore({
      'upload:start': () => ({ jobId: 'upload-job-1', uploadId: 'up-1' }),
      'upload:list': () => [record()],
      'upload:url': () => url,
    });
    fill(store);
    await store.getState().startUpload();
    expect(transport.callsOf('upload:start')).toEqual([
      {
        path: '/data/handoff/import_1.zip',
        endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
        bucket: 'ferry-packages',
        credentials: { source: 'env' },
        pathStyle: false,
        region: 'cn-hangzhou',
      },
    ]);
    expect(store.getState().uploadFlow.status).toBe('uploading');
    transport.emit(
      'job:updated',
      makeJob({
        id: 'upload-job-1',
        kind: 'upload',
        state: 'running',
        progress: { done: 10, total: 50_000_000 },
      }),
    );
    transport.emit('job:updated', makeJob({ id: 'upload-job-1', kind: 'upload', state: 'succeeded' }));
    await flush();
    expect(store.getState().uploadFlow.status).toBe('completed');
    expect(store.getState().uploadFlow.url).toEqual(url);
    expect(store.getState().uploads.rows).toHaveLength(1);
  });

  it('pauses (the job ends with the upload paused), resumes, and cancels', async () => {
    const { store, transport } = setupStore({
      'upload:start': () => ({ jobId: 'upload-job-1', uploadId: 'up-1' }),
      'upload:pause': () => ({ paused: true }),
      'upload:list': () => [
        record({ state: 'paused', bytesDone: 16_777_216, partsDone: 1, completedAt: null }),
      ],
      'upload:resume': () => ({ jobId: 'upload-job-2', uploadId: 'up-1' }),
      'upload:cancel': () => ({ cancelled: true }),
    });
    fill(store);
    await store.getState().startUpload();
    await store.getState().pauseUpload();
    expect(store.getState().uploadFlow.status).toBe('pausing');
    transport.emit(
      'job:updated',
      makeJob({ id: 'upload-job-1', kind: 'upload', state: 'succeeded', step: 'Paused' }),
    );
    await flush();
    expect(store.getState().uploadFlow.status).toBe('paused');

    await store.getState().resumeUpload();
    expect(transport.callsOf('upload:resume')).toEqual([
      { uploadId: 'up-1', credentials: { source: 'env' } },
    ]);
    expect(store.getState().uploadFlow).toMatchObject({ jobId: 'upload-job-2', status: 'uploading' });

    await store.getState().cancelUpload();
    expect(transport.callsOf('upload:cancel')).toEqual([{ uploadId: 'up-1' }]);
    transport.emit('job:updated', makeJob({ id: 'upload-job-2', kind: 'upload', state: 'failed' }));
    await flush();
    expect(store.getState().uploadFlow.status).toBe('cancelled');
  });

  it('keeps a failed upload resumable with its error', async () => {
    const error = { code: 'io' as const, message: 'The server at 127.0.0.1:8080 went away.' };
    const { store, transport } = setupStore({
      'upload:start': () => ({ jobId: 'upload-job-1', uploadId: 'up-1' }),
      'upload:list': () => [],
    });
    fill(store);
    await store.getState().startUpload();
    transport.emit('job:updated', makeJob({ id: 'upload-job-1', kind: 'upload', state: 'failed', error }));
    await flush();
    expect(store.getState().uploadFlow).toMatchObject({ status: 'failed', error, uploadId: 'up-1' });
  });

  it('resumes an interrupted upload from History with its target, without sending credentials again', async () => {
    const { store, transport } = setupStore({
      'upload:list': () => [record({ state: 'paused', bucket: 'other', completedAt: null })],
      'upload:resume': () => ({ jobId: 'upload-job-9', uploadId: 'up-1' }),
    });
    await store.getState().loadUploads();
    await store.getState().resumeUpload('up-1');
    expect(transport.callsOf('upload:resume')).toEqual([{ uploadId: 'up-1' }]);
    expect(store.getState().uploadFlow).toMatchObject({
      uploadId: 'up-1',
      jobId: 'upload-job-9',
      status: 'uploading',
      packagePath: '/data/handoff/import_1.zip',
      target: { bucket: 'other' },
    });
  });

  it('the Cloud hand-off step is entered with a plan or an upload under way, and never holds the user', () => {
    const { store } = setupStore();
    expect(stepGuards.upload.canEnter(store.getState())).toMatchObject({
      ok: false,
      reason: /plan on Preview/,
    });
    store.setState((s) => ({ plan: { ...s.plan, jobId: 'plan-1', status: 'ready' } }));
    expect(stepGuards.upload.canEnter(store.getState())).toEqual({ ok: true });
    store.setState((s) => ({
      plan: { ...s.plan, status: 'idle' },
      uploadFlow: { ...s.uploadFlow, uploadId: 'up-1' },
    }));
    expect(stepGuards.upload.canEnter(store.getState())).toEqual({ ok: true });
    expect(stepGuards.upload.canLeave(store.getState())).toEqual({ ok: true });
  });

  it('surfaces a refused start', async () => {
    const { store } = setupStore();
    fill(store);
    await store.getState().startUpload();
    expect(store.getState().uploadFlow.status).toBe('failed');
    expect(store.getState().uploadFlow.error?.message).toMatch(/upload:start/);
  });
});
