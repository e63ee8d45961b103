import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFerryClient } from '../shared/api/client';
import { App } from './App';
import { FakeTransport } from './test/fake-transport';
import { webInfo } from './test/render';

afterEach(cleanup);

describe('App', () => {
  it('connects, subscribes to events once, and shows the nav and the Open package screen', async () => {
    const transport = new FakeTransport({ 'app:info': () => webInfo });
    render(<App connection={{ client: createFerryClient(transport), transport: 'web', upload: null }} />);
    expect(await screen.findByLabelText('Package path on this machine')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open package' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'History' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Switch to (dark|light) theme/ })).toBeTruthy();
    expect(transport.listenerCount).toBe(1);
  });

  it('explains a missing or stale session token', async () => {
    const unauthorized = {
      invoke: () =>
        Promise.resolve({ error: { code: 'unauthorized', message: 'Missing or wrong session token.' } }),
      listen: () => () => {},
    };
    render(<App connection={{ client: createFerryClient(unauthorized), transport: 'web', upload: null }} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Missing or wrong session token.');
    expect(alert.textContent).toContain('?token=');
  });
});
