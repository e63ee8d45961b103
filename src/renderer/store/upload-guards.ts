import { t } from '../i18n';
import type { FerryState } from './ferry-store';
import type { Guard, StepGuards } from './wizard-guards';

const go: Guard = { ok: true };
const stop = (reason: string): Guard => ({ ok: false, reason });

/**
 * The cloud hand-off step (after Import, optional): entered with a plan to hand off, or with an upload under way
 * (one resumed from History). Leaving never stops an upload: it is a job and goes on in the background.
 */
export const uploadGuards = {
  upload: {
    canEnter: (s: FerryState) =>
      s.plan.status === 'ready' || s.uploadFlow.uploadId !== null || s.uploadFlow.packagePath.trim() !== ''
        ? go
        : stop(t.upload.guardNeedPlan),
    canLeave: () => go,
  },
} satisfies Record<string, StepGuards>;
