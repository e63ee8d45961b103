import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mappingProfileSchema } from '../../../shared/model/mapping-profile';
import { FerryError, flush, setupStore } from '../../test/fake-transport';
import { renderWithStore } from '../../test/render';
import { MapScreen } from './MapScreen';

afterEach(cleanup);

const profile = mappingProfileSchema.parse({
  schemaVersion: 1,
  name: 'dev-to-prod',
  sourceProject: 'retail_dev',
  destinationProject: 'retail_prod',
  resourceGroups: [{ source: 'group_1', type: 'scheduling', target: 'group_1' }],
  dataSources: [{ source: 'mysql_orders', type: 'mysql', target: 'mysql_orders_prd' }],
});

describe('MapScreen', () => {
  it('shows suggestions as suggestions, counts what is unmapped, and hides Ignore where it is not offered', async () => {
    const { store } = setupStore({
      'samples:list': () => [],
      'profile:list': () => [],
      'profile:suggest': () => ({
        profile,
        suggestions: [
          {
            section: 'dataSources',
            source: 'mysql_orders',
            target: 'mysql_orders_prd',
            score: 0.9,
            reason: 'same once environment parts are dropped',
            alternatives: [],
          },
          {
            section: 'dataSources',
            source: 'mysql_legacy_erp',
            target: null,
            score: 0,
            reason: 'no match',
            alternatives: [],
          },
        ],
      }),
      'profile:validate': ({ profile: p }) => ({
        findings: (p.resourceGroups ?? []).some((g) => g.ignore)
          ? [
              {
                severity: 'error' as const,
                code: 'ignore-not-offered',
                message: 'no ignore',
                path: 'resourceGroups[0].ignore',
                rule: 'resource-group-ignore',
              },
            ]
          : [],
      }),
    });
    store.setState((s) => ({ inspect: { ...s.inspect, source: { path: '/p/dev', label: 'dev' } } }));
    store.getState().setDestination('/p/prod');
    renderWithStore(store, <MapScreen />);
    await store.getState().suggestProfile();
    await flush();

    const dataSources = await screen.findByRole('region', { name: 'Data sources' });
    expect(within(dataSources).getByLabelText(/^Suggested \(score 0\.90\): same once/)).toBeTruthy();
    expect(within(dataSources).getByLabelText(/^Needs a decision: no match/)).toBeTruthy();
    expect(screen.getByLabelText('1 unmapped in Data sources')).toBeTruthy();
    const groups = screen.getByRole('region', { name: 'Resource groups' });
    expect(within(groups).queryByRole('switch', { name: 'Ignore group_1' })).toBeNull();
    expect(within(groups).getByText('Not offered')).toBeTruthy();

    fireEvent.click(within(dataSources).getByRole('switch', { name: 'Ignore mysql_legacy_erp' }));
    expect(screen.getByLabelText('0 unmapped in Data sources')).toBeTruthy();
    fireEvent.click(within(dataSources).getByRole('button', { name: 'Accept suggestion for mysql_orders' }));
    expect(within(dataSources).queryByLabelText(/^Suggested/)).toBeNull();
  });

  it('asks for the passphrase of a signed package, unlocks it and suggests again', async () => {
    let unlocked = false;
    const { store, transport } = setupStore({
      'samples:list': () => [],
      'profile:list': () => [],
      'profile:suggest': ({ packagePath }) => {
        if (!unlocked)
          throw new FerryError('bad-request', `${packagePath} is signed: give the passphrase shared with the source`, {
            reason: 'passphrase-required',
          });
        return { profile, suggestions: [] };
      },
      'profile:validate': () => ({ findings: [] }),
      'package:unlock': ({ path }) => {
        unlocked = true;
        return { path };
      },
    });
    store.setState((s) => ({ inspect: { ...s.inspect, source: { path: '/p/signed.zip', label: 'signed.zip' } } }));
    store.getState().setDestination('/p/prod');
    renderWithStore(store, <MapScreen />);
    await act(async () => {
      await store.getState().suggestProfile();
      await flush();
    });
    expect(screen.getByRole('alert').textContent).toContain('/p/signed.zip is signed');

    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'open sesame' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unlock and suggest' }));
      await flush();
    });
    expect(transport.callsOf('package:unlock')).toEqual([{ path: '/p/signed.zip', passphrase: 'open sesame' }]);
    expect(transport.callsOf('profile:suggest')).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.getState().mapping.profile?.name).toBe('dev-to-prod');
  });
});
