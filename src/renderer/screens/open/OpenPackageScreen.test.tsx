import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../../shared/model/package-listing';
import { flush, makeJob, samplePackage, setupStore } from '../../test/fake-transport';
import { renderWithStore, webInfo } from '../../test/render';
import { OpenPackageScreen } from './OpenPackageScreen';

afterEach(cleanup);

// happy-dom does no layout, so every element is 0 px high and a virtualiser would render no rows. Give the
// entries' scroll container the size a window would.
const realClientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const realClientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
function sized(real: PropertyDescriptor | undefined, px: number): PropertyDescriptor {
  return {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('ferry-scroll')
        ? px
        : ((real?.get?.call(this) as number | undefined) ?? 0);
    },
  };
}
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', sized(realClientHeight, 480));
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', sized(realClientWidth, 900));
});
afterAll(() => {
  for (const [name, real] of [
    ['clientHeight', realClientHeight],
    ['clientWidth', realClientWidth],
  ] as const) {
    if (real) Object.defineProperty(HTMLElement.prototype, name, real);
    else Reflect.deleteProperty(HTMLElement.prototype, name);
  }
});

const entries: ArchiveEntry[] = Array.from({ length: 6 }, (_, i) => ({
  name: i === 0 ? 'nodes/' : `nodes/node-${i}.json`,
  isDirectory: i === 0,
  size: 1000 * i,
  compressedSize: 400 * i,
  modifiedAt: '2025-01-01T10:00:00Z',
  crc32: i,
}));

function openByPath(path: string) {
  fireEvent.change(screen.getByLabelText('Package path on this machine'), { target: { value: path } });
  fireEvent.click(screen.getByRole('button', { name: 'Open' }));
}

describe('OpenPackageScreen (browser mode)', () => {
  it('offers a path field and an upload, not the desktop picker', () => {
    const { store } = setupStore();
    renderWithStore(store, <OpenPackageScreen info={webInfo} />);
    expect(screen.getByLabelText('Package path on this machine')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Upload a package').type).toBe('file');
    expect(screen.queryByRole('button', { name: 'Choose package…' })).toBeNull();
  });

  it('offers the picker on the desktop', () => {
    const { store } = setupStore();
    renderWithStore(
      store,
      <OpenPackageScreen info={{ ...webInfo, mode: 'desktop', canPickFiles: true, canUpload: false }} />,
    );
    expect(screen.getByRole('button', { name: 'Choose package…' })).toBeTruthy();
    expect(screen.queryByLabelText('Upload a package')).toBeNull();
  });

  it('shows progress with a working Cancel button, then a red alert naming the problem and what to do', async () => {
    const { store, transport } = setupStore({
      'package:open': () => ({ jobId: 'job-1' }),
      'job:cancel': () => ({ cancelled: true }),
    });
    renderWithStore(store, <OpenPackageScreen info={webInfo} />);
    openByPath('/data/broken.zip');
    await act(flush);
    act(() =>
      transport.emit('job:updated', makeJob({ progress: { done: 2, total: 6 }, step: 'Listing entries' })),
    );
    expect(screen.getByText('Listing entries')).toBeTruthy();
    expect(screen.getByText('2 of 6')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Opening package' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await act(flush);
    expect(transport.callsOf('job:cancel')).toEqual([{ jobId: 'job-1' }]);
    expect(screen.getByRole('button', { name: 'Cancelling…' })).toBeTruthy();

    const error = {
      code: 'not-a-zip' as const,
      message: 'broken.zip is not a zip archive (no end of central directory).',
    };
    act(() => transport.emit('job:updated', makeJob({ state: 'failed', error })));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Could not open the package');
    expect(alert.textContent).toContain(error.message);
    expect(alert.textContent).toContain('Choose a package file (.zip)');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows the summary and the entries once the package is read', async () => {
    const { store, transport } = setupStore({
      'package:open': () => ({ jobId: 'job-1' }),
      'package:get': () => samplePackage,
      'package:entries': ({ search }) => {
        const matching = search ? entries.filter((e) => e.name.includes(search)) : entries;
        return { total: matching.length, entries: matching };
      },
    });
    renderWithStore(store, <OpenPackageScreen info={webInfo} />);
    openByPath('/data/export.zip');
    await act(flush);
    act(() =>
      transport.emit('job:updated', makeJob({ state: 'succeeded', progress: { done: 6, total: 6 } })),
    );
    await act(flush);

    expect(screen.getByText('6 entries')).toBeTruthy();
    expect(screen.getByText('1.5 KB')).toBeTruthy();
    expect(screen.getByText('aaaaaaaaaaaa…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy SHA-256' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Package entries' });
    expect(table.getAttribute('aria-rowcount')).toBe('7');
    expect(await screen.findByText('nodes/node-5.json')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Search entries'), { target: { value: 'node-3' } });
    expect(await screen.findByText('1 matching')).toBeTruthy();
    expect(transport.callsOf('package:entries').at(-1)).toMatchObject({ jobId: 'job-1', search: 'node-3' });
    expect(screen.queryByText('nodes/node-5.json')).toBeNull();
    expect(screen.getByText('nodes/node-3.json')).toBeTruthy();

    // The opened package goes on into the wizard's Inspect step.
    transport.handlers['inspect:start'] = () => ({ jobId: 'insp-1' });
    fireEvent.click(screen.getByRole('button', { name: 'Inspect this package' }));
    expect(store.getState().screen).toBe('inspect');
    expect(store.getState().inspect.source).toEqual({ path: '/data/export.zip', label: 'export.zip' });
  });
});
