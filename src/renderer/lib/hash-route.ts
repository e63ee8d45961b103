import { isScreenId } from '../store/app-slice';
import type { FerryStore } from '../store/ferry-store';

/**
 * Keeps the current screen and `location.hash` (`#/history`) in step, so nav items are real links and the
 * browser's back button works, without a router library. A hash the step guards refuse (`#/inspect` before any
 * package) is replaced by the current screen's. Returns the unbind function.
 */
export function bindHashRoute(store: FerryStore, win: Window = window): () => void {
  const fromHash = () => {
    const id = win.location.hash.replace(/^#\/?/, '');
    if (!isScreenId(id) || store.getState().screen === id) return;
    if (!store.getState().navigate(id)) {
      win.history.replaceState(win.history.state, '', `#/${store.getState().screen}`);
    }
  };
  fromHash();
  win.addEventListener('hashchange', fromHash);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.screen !== previous.screen && win.location.hash !== `#/${state.screen}`) {
      win.history.pushState(win.history.state, '', `#/${state.screen}`);
    }
  });
  return () => {
    win.removeEventListener('hashchange', fromHash);
    unsubscribe();
  };
}

export function screenHref(id: string): string {
  return `#/${id}`;
}
