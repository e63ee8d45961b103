import type { MethodOutput } from '../../shared/api/contract';
import type { ErrorShape } from '../../shared/errors';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';
import { canMove, isStepId, stepIds, type StepId } from './wizard-guards';

export type AppInfo = MethodOutput<'app:info'>;

/** Every screen: the wizard's steps, then the screens outside the wizard (Open package, History). */
export const screenIds = [...stepIds, 'open', 'history'] as const;
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
  /** The wizard step last shown, so the "Migration" link returns to it. */
  lastStep: StepId;
  /** Why the last navigation was refused (a step guard said no); cleared by the next successful one. */
  blockedReason: string | null;
  loadInfo: () => Promise<void>;
  /** Shows a screen; moving into a wizard step goes through the step guards. False when refused. */
  navigate: (screen: ScreenId) => boolean;
}

export const createAppSlice: SliceCreator<AppSlice> =
  ({ client }) =>
  (set, get) => ({
    info: null,
    infoStatus: 'idle',
    infoError: null,
    screen: 'start',
    lastStep: 'start',
    blockedReason: null,
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
      if (isStepId(screen)) {
        const guard = canMove(get(), get().screen, screen);
        if (!guard.ok) {
          set({ blockedReason: guard.reason });
          return false;
        }
        set({ screen, lastStep: screen, blockedReason: null });
        return true;
      }
      set({ screen, blockedReason: null });
      return true;
    },
  });
