import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { FerryState, FerryStore } from './ferry-store';

const StoreContext = createContext<FerryStore | null>(null);

export function StoreProvider({ store, children }: { store: FerryStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for actions and one-off reads. */
export function useFerryStore(): FerryStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useFerryStore must be used inside <StoreProvider>.');
  return store;
}

/** Subscribes a component to one part of the state; select narrowly (or with useShallow) to limit renders. */
export function useFerry<T>(selector: (state: FerryState) => T): T {
  return useStore(useFerryStore(), selector);
}
