import { MantineProvider, createTheme } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { FerryConnection } from './api/connect';
import { AppLayout } from './components/AppLayout';
import { bindHashRoute } from './lib/hash-route';
import { bindBackendEvents } from './store/backend-events';
import { createFerryStore, type FerryStore } from './store/ferry-store';
import { StoreProvider } from './store/store-context';

/** System fonts only: nothing to download, nothing for the CSP to allow. */
export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
});

/** Theme and store around a subtree; tests use it with env="test" (no transitions, no portals). */
export function AppProviders({
  store,
  env,
  children,
}: {
  store: FerryStore;
  env?: 'default' | 'test';
  children: ReactNode;
}) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" env={env}>
      <StoreProvider store={store}>{children}</StoreProvider>
    </MantineProvider>
  );
}

/** The root: builds the store once, subscribes to backend events once, and keeps the hash route in step. */
export function App({ connection }: { connection: FerryConnection }) {
  const [store] = useState(() => createFerryStore({ client: connection.client, upload: connection.upload }));

  useEffect(() => bindBackendEvents(connection.client, store), [connection.client, store]);
  useEffect(() => bindHashRoute(store), [store]);
  useEffect(() => {
    void store.getState().loadInfo();
  }, [store]);

  return (
    <AppProviders store={store}>
      <AppLayout />
    </AppProviders>
  );
}
