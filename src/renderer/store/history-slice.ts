import type { ErrorShape } from '../../shared/errors';
import type { PackageRecord } from '../../shared/model/history';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';

export interface HistoryState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** Newest first. */
  records: PackageRecord[];
  error: ErrorShape | null;
}

export interface HistorySlice {
  history: HistoryState;
  loadHistory: () => Promise<void>;
  /** Goes back to Open package and opens a package from history again. */
  reopen: (record: PackageRecord) => Promise<void>;
}

function newestFirst(records: PackageRecord[]): PackageRecord[] {
  const time = (r: PackageRecord) => Date.parse(r.openedAt) || 0;
  return [...records].sort((a, b) => time(b) - time(a) || b.id - a.id);
}

export const createHistorySlice: SliceCreator<HistorySlice> =
  ({ client }) =>
  (set, get) => ({
    history: { status: 'idle', records: [], error: null },
    async loadHistory() {
      set((s) => ({ history: { ...s.history, status: 'loading', error: null } }));
      try {
        const records = await client.call('history:packages', { limit: 200 });
        set({ history: { status: 'ready', records: newestFirst(records), error: null } });
      } catch (error) {
        set((s) => ({ history: { ...s.history, status: 'failed', error: asErrorShape(error) } }));
      }
    },
    async reopen(record) {
      get().navigate('open');
      await get().openPackage(record.path);
    },
  });
