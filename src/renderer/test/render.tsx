import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AppProviders } from '../App';
import type { FerryStore } from '../store/ferry-store';

/** Renders UI with the app's theme and a given store; Mantine's test env turns off transitions and portals. */
export function renderWithStore(store: FerryStore, ui: ReactNode) {
  return render(
    <AppProviders store={store} env="test">
      {ui}
    </AppProviders>,
  );
}

export const webInfo = {
  version: '0.1.0',
  mode: 'web' as const,
  userDataDir: '/home/me/.ferry',
  canPickFiles: false,
  canUpload: true,
};
