import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { flush, setupStore } from '../../test/fake-transport';
import { renderWithStore } from '../../test/render';
import { HistoryScreen } from './HistoryScreen';

afterEach(cleanup);

describe('HistoryScreen', () => {
  it('says clearly when nothing has been opened yet', async () => {
    const { store } = setupStore({ 'history:packages': () => [] });
    renderWithStore(store, <HistoryScreen />);
    expect(await screen.findByText('No packages opened yet — open one from Open package')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists packages and re-opens one when its row is clicked', async () => {
    const { store, transport } = setupStore({
      'history:packages': () => [
        {
          id: 7,
          path: '/data/export.zip',
          fileName: 'export.zip',
          size: 2048,
          sha256: 'c'.repeat(64),
          entryCount: 6,
          openedAt: '2025-05-01T08:30:00Z',
        },
      ],
      'package:open': () => ({ jobId: 'job-3' }),
    });
    store.getState().navigate('history');
    renderWithStore(store, <HistoryScreen />);
    const button = await screen.findByRole('button', { name: 'Open export.zip again' });
    expect(screen.getByRole('table', { name: 'Opened packages' })).toBeTruthy();
    expect(screen.getByText('2 KB')).toBeTruthy();
    expect(screen.getByText('cccccccccccc…')).toBeTruthy();
    fireEvent.click(button);
    await flush();
    expect(transport.callsOf('package:open')).toEqual([{ path: '/data/export.zip' }]);
    expect(store.getState().screen).toBe('open');
  });
});
