import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FerryError, flush, makeJob, setupStore } from '../../test/fake-transport';
import { makeRows, makeSummary } from '../../test/inspection-fixtures';
import { renderWithStore, webInfo } from '../../test/render';
import { InspectScreen } from './InspectScreen';

afterEach(cleanup);

const signedError = {
  code: 'bad-request' as const,
  message: '/data/signed.zip is signed: give the passphrase shared with the source',
  details: { reason: 'passphrase-required' },
};
const rows = makeRows(3);

/** The Inspect step over a signed package: the first inspection fails for want of the passphrase. */
async function signedInspection() {
  let started = 0;
  const setup = setupStore({
    'inspect:start': () => ({ jobId: `insp-${++started}` }),
    'inspect:summary': () => makeSummary(rows),
    'inspect:objects': () => ({ total: 0, rows: [] }),
    'inspect:problems': () => ({ total: 0, problems: [] }),
    'package:unlock': ({ path, passphrase }) => {
      if (passphrase !== 'open sesame')
        throw new FerryError('unsafe-archive', `${path}: the signature does not match — wrong passphrase, or the package was changed after export`, { reason: 'signature-mismatch' });
      return { path };
    },
  });
  renderWithStore(setup.store, <InspectScreen info={webInfo} />);
  await act(async () => {
    setup.store.getState().inspectPackage('/data/signed.zip', 'signed.zip');
    await flush();
    setup.transport.emit('job:updated', makeJob({ id: 'insp-1', kind: 'inspect', state: 'failed', error: signedError }));
    await flush();
  });
  return setup;
}

async function unlockWith(passphrase: string) {
  fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: passphrase } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Unlock and inspect' }));
    await flush();
  });
}

describe('Inspect step, signed package', () => {
  it('asks for the passphrase instead of offering to inspect again', async () => {
    await signedInspection();
    expect(screen.getByRole('alert').textContent).toContain('is signed: give the passphrase');
    expect(screen.getByLabelText<HTMLInputElement>('Passphrase').type).toBe('password');
    expect(screen.queryByRole('button', { name: 'Inspect again' })).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Unlock and inspect' }).disabled).toBe(true);
  });

  it('shows a wrong passphrase under the field; the right one unlocks the package and inspects it again', async () => {
    const { transport } = await signedInspection();
    await unlockWith('guess');
    expect(screen.getByText(/the signature does not match — wrong passphrase/)).toBeTruthy();
    expect(transport.callsOf('inspect:start')).toHaveLength(1);

    await unlockWith('open sesame');
    expect(transport.callsOf('package:unlock').at(-1)).toEqual({ path: '/data/signed.zip', passphrase: 'open sesame' });
    expect(transport.callsOf('inspect:start')).toEqual([{ path: '/data/signed.zip' }, { path: '/data/signed.zip' }]);
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
  });
});
