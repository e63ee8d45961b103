import type { MethodOutput } from '../../shared/api/contract';
import type { ErrorShape } from '../../shared/errors';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';

export type AppInfo = MethodOutput<'app:info'>;

/** The screens reachable from the navbar. Later wizard steps (inspect, map, dry-run, preview, import) join here. */
export const screenIds = ['open', 'history'] as const;
export type ScreenId = (typeof screenIds)[number];

export function isScreenId(value: string): value is ScreenId {
  return (screenIds as readonly string[]).includes(value);
}

export interface AppSlice {
  /** What the backend can do (desktop file picker, browser upload); null until loaded. */
  info: AppInfo | null;
  infoStatus: 'idle' | 'loading' | 'ready' | 'failed';
  infoError: ErrorShape | null;
  screen: ScreenId;
  loadInfo: () => Promise<void>;
  navigate: (screen: ScreenId) => void;
}

export const createAppSlice: SliceCreator<AppSlice> =
  ({ client }) =>
  (set) => ({
    info: null,
    infoStatus: 'idle',
    infoError: null,
    screen: 'open',
    async loadInfo() {
      set({ infoStatus: 'loading', infoError: null });
      try {
        const info = await client.call('app:info', {});
        set({ info, infoStatus: 'ready' });
      } catch (error) {
        set({ infoStatus: 'failed', infoError: asErrorShape(error) });
      }
    },
    navigate(screen) {
      set({ screen });
    },
  });
