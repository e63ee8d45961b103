import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedCredential } from '../../../shared/api/methods/credentials-methods';
import { flush, setupStore } from '../../test/fake-transport';
import { renderWithStore, webInfo } from '../../test/render';
import { UploadScreen } from './UploadScreen';

afterEach(cleanup);

const secret = 'Typed-Secret-9c1e';
const desktopInfo = { ...webInfo, mode: 'desktop' as const, canPickFiles: true, canUpload: false };

describe('Upload credentials: saved in the keychain', () => {
  it('saves a pair once, clears the secret, chooses it by name and uploads with {source: vault}', async () => {
    let items: SavedCredential[] = [{ name: 'staging', accessKeyHint: '…0000' }];
    const { store, transport } = setupStore({
      'upload:list': () => [],
      'credentials:list': () => ({ available: true, reason: null, credentials: items }),
      'credentials:save': ({ name, accessKeyId }) => {
        items = [...items, { name, accessKeyHint: `…${accessKeyId.slice(-4)}` }];
        return { name, accessKeyHint: `…${accessKeyId.slice(-4)}` };
      },
      'credentials:delete': ({ name }) => {
        items = items.filter((c) => c.name !== name);
        return { deleted: true };
      },
      'upload:start': () => ({ jobId: 'job-u', uploadId: 'up-1' }),
    });
    renderWithStore(store, <UploadScreen info={desktopInfo} />);
    await flush();
    fireEvent.click(screen.getAllByRole('radio', { name: "Saved in this computer's keychain" })[0]);
    const select = screen.getByLabelText<HTMLSelectElement>(/^Saved access key/);
    expect([...select.options].map((o) => o.text)).toEqual(['Choose saved credentials', 'staging (…0000)']);

    const form = screen.getByRole('form', { name: "Save an access key in this computer's keychain" });
    expect(form).toBeTruthy();
    const secretInput = screen.getByLabelText<HTMLInputElement>(/^Access key secret/);
    expect(secretInput.type).toBe('password');
    fireEvent.change(screen.getByLabelText(/^Name for these credentials/), { target: { value: 'prod-oss' } });
    fireEvent.change(screen.getByLabelText(/^Access key id/), { target: { value: 'LTAI5tAbCdEfYd12' } });
    fireEvent.change(secretInput, { target: { value: secret } });
    fireEvent.click(screen.getByRole('button', { name: 'Save credentials' }));
    await flush();

    expect(transport.callsOf('credentials:save')).toEqual([
      { name: 'prod-oss', accessKeyId: 'LTAI5tAbCdEfYd12', accessKeySecret: secret },
    ]);
    expect(screen.getByLabelText<HTMLInputElement>(/^Access key secret/).value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>(/^Access key id/).value).toBe('');
    expect(screen.getByText('Saved as prod-oss; chosen above.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>(/^Saved access key/).value).toBe('prod-oss');
    expect(screen.getByText('prod-oss (…Yd12)')).toBeTruthy();
    expect(store.getState().uploadFlow.credentials).toMatchObject({ source: 'vault', name: 'prod-oss' });
    // The secret went to the backend once and is kept nowhere in the renderer.
    expect(JSON.stringify(store.getState())).not.toContain(secret);
    expect(document.body.innerHTML).not.toContain(secret);

    fireEvent.change(screen.getByLabelText(/Package file to upload/), {
      target: { value: '/out/import_1.zip' },
    });
    fireEvent.change(screen.getByLabelText(/^Endpoint/), {
      target: { value: 'oss-cn-hangzhou.aliyuncs.com' },
    });
    fireEvent.change(screen.getByLabelText(/^Bucket/), { target: { value: 'ferry-packages' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await flush();
    expect(transport.callsOf('upload:start')).toEqual([
      expect.objectContaining({ credentials: { source: 'vault', name: 'prod-oss' } }),
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete saved credentials prod-oss' }));
    await flush();
    expect(transport.callsOf('credentials:delete')).toEqual([{ name: 'prod-oss' }]);
    expect(screen.queryByText('prod-oss (…Yd12)')).toBeNull();
  });

  it('in web mode says in one line why nothing can be saved, and offers env and file only', async () => {
    const { store } = setupStore({
      'upload:list': () => [],
      'credentials:list': () => ({
        available: false,
        reason: 'The CLI and web mode have no keychain. Use environment variables or a credentials file.',
        credentials: [],
      }),
    });
    renderWithStore(store, <UploadScreen info={webInfo} />);
    await flush();
    expect(
      screen.getByText(/Saving credentials is not available here\. The CLI and web mode have no keychain/),
    ).toBeTruthy();
    expect(screen.queryByRole('radio', { name: "Saved in this computer's keychain" })).toBeNull();
    expect(screen.queryByLabelText(/secret/i)).toBeNull();
    expect(screen.getAllByRole('radio', { name: 'Environment variables' }).length).toBeGreaterThan(0);
  });
});
