import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudImportRecord } from '../../../shared/model/cloud-import';
import type { UploadRecord } from '../../../shared/model/upload';
import { flush, makeJob, setupStore } from '../../test/fake-transport';
import { renderWithStore, webInfo } from '../../test/render';
import { CloudImports } from '../history/CloudImports';
import { UploadScreen } from './UploadScreen';

afterEach(cleanup);

const upload: UploadRecord = {
  uploadId: 'up-1',
  state: 'paused',
  filePath: '/out/import_1.zip',
  fileSize: 50_000_000,
  endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  bucket: 'ferry-packages',
  key: 'import_1.zip',
  pathStyle: false,
  partSize: 16_777_216,
  partCount: 3,
  partsDone: 1,
  bytesDone: 16_777_216,
  parallel: 4,
  credentialSource: 'env',
  accessKeyHint: '…abcd',
  etag: null,
  error: null,
  url: null,
  urlExpiresAt: null,
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-24T08:01:00.000Z',
  completedAt: null,
};

const cloudImport: CloudImportRecord = {
  id: 'ci-1',
  name: 'import_1',
  projectId: 12345,
  region: 'cn-hangzhou',
  endpoint: 'https://dataworks.cn-hangzhou.aliyuncs.com',
  packageRef: 'https://ferry-packages.oss-cn-hangzhou.aliyuncs.com/import_1.zip',
  packageKind: 'url',
  migrationId: '987',
  state: 'PARTIAL_SUCCESS',
  credentialSource: 'env',
  accessKeyHint: null,
  summary: null,
  steps: [],
  states: [{ state: 'PARTIAL_SUCCESS', at: '2026-11-24T08:10:30.000Z' }],
  error: null,
  createdAt: '2026-11-24T08:10:00.000Z',
  updatedAt: '2026-11-24T08:10:30.000Z',
  finishedAt: '2026-11-24T08:10:30.000Z',
};

describe('UploadScreen', () => {
  it('uploads with named controls, never a secret field, and shows the link with Copy', async () => {
    const { store, transport } = setupStore({
      'upload:list': () => [],
      'upload:start': () => ({ jobId: 'job-u', uploadId: 'up-1' }),
      'upload:url': () => ({ url: 'https://b.example/k?sig=1', expiresAt: '2026-11-25T08:00:00.000Z' }),
    });
    renderWithStore(store, <UploadScreen info={webInfo} />);
    expect(screen.queryByLabelText(/secret/i)).toBeNull();
    fireEvent.change(screen.getByLabelText(/Package file to upload/), {
      target: { value: '/out/import_1.zip' },
    });
    fireEvent.change(screen.getByLabelText(/^Endpoint/), {
      target: { value: 'oss-cn-hangzhou.aliyuncs.com' },
    });
    fireEvent.change(screen.getByLabelText(/^Bucket/), { target: { value: 'ferry-packages' } });
    expect(screen.getByLabelText<HTMLInputElement>(/^Region/).value).toBe('cn-hangzhou');
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await flush();
    expect(transport.callsOf('upload:start')).toHaveLength(1);
    transport.emit(
      'job:updated',
      makeJob({ id: 'job-u', kind: 'upload', progress: { done: 1_048_576, total: 10_485_760 } }),
    );
    await flush();
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toBeTruthy();
    expect(screen.getByText('1 MB of 10 MB')).toBeTruthy();
    expect(screen.getByText(/30 MB or less: DataWorks can take it directly/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    transport.emit('job:updated', makeJob({ id: 'job-u', kind: 'upload', state: 'succeeded' }));
    await flush();
    expect(screen.getByLabelText<HTMLInputElement>(/Pre-signed download URL/).value).toBe(
      'https://b.example/k?sig=1',
    );
    expect(screen.getByRole('button', { name: 'Copy URL' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start DataWorks import' })).toBeTruthy();
  });
});

describe('CloudImports (History)', () => {
  it('lists cloud imports with a state badge and resumes an interrupted upload', async () => {
    const { store, transport } = setupStore({
      'cloud:imports': () => [cloudImport],
      'upload:list': () => [upload],
      'upload:resume': () => ({ jobId: 'job-r', uploadId: 'up-1' }),
    });
    renderWithStore(store, <CloudImports />);
    expect(await screen.findByRole('table', { name: 'DataWorks cloud imports' })).toBeTruthy();
    expect(screen.getByText('PARTIAL_SUCCESS')).toBeTruthy();
    expect(screen.getByText('12345 (cn-hangzhou)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resume upload of import_1.zip' }));
    await flush();
    expect(transport.callsOf('upload:resume')).toEqual([{ uploadId: 'up-1' }]);
    expect(store.getState().uploadFlow.status).toBe('uploading');
  });
});
