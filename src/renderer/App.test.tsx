import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFerryClient } from '../shared/api/client';
import { App } from './App';
import { FakeTransport } from './test/fake-transport';
import { webInfo } from './test/render';

afterEach(cleanup);

describe('App', () => {
  it('connects, subscribes to events once, and shows the nav and the wizard at its Start step', async () => {
    const transport = new FakeTransport({
      'app:info': () => webInfo,
      'samples:list': () => [],
      'history:packages': () => [],
    });
    render(<App connection={{ client: createFerryClient(transport), transport: 'web', upload: null }} />);
    expect(await screen.findByRole('button', { name: 'Try the samples' })).toBeTruthy();
    expect(screen.getByLabelText('Workspace folder on this machine')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Migration' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Open package' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'History' })).toBeTruthy();
    // Steps that cannot be entered yet are disabled, and say why.
    const exportStep = screen.getByRole('button', { name: 'Export' });
    expect(exportStep.hasAttribute('disabled')).toBe(true);
    expect(exportStep.getAttribute('title')).toContain('choose a workspace');
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
