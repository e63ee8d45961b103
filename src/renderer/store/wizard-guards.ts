import { t } from '../i18n';
import type { FerryState } from './ferry-store';
import { migrationGuards } from './migration-guards';
import { uploadGuards } from './upload-guards';

/**
 * The migration wizard's steps, in order. Later steps (map, dry-run, preview, import) join this list with their
 * guards below and a definition in screens/wizard-steps.ts; TypeScript then insists on both.
 */
export const stepIds = ['start', 'export', 'inspect', 'map', 'dryrun', 'preview', 'import', 'upload'] as const;
export type StepId = (typeof stepIds)[number];

export function isStepId(value: string): value is StepId {
  return (stepIds as readonly string[]).includes(value);
}

/** A guard's answer: go, or why not (shown to the user beside the disabled step or button). */
export type Guard = { ok: true } | { ok: false; reason: string };

const go: Guard = { ok: true };
const stop = (reason: string): Guard => ({ ok: false, reason });

/** Pure functions of the state: no calls, no side effects, so they are tested with plain state objects. */
export interface StepGuards {
  canEnter: (state: FerryState) => Guard;
  canLeave: (state: FerryState) => Guard;
}

const always = () => go;

export const stepGuards: Record<StepId, StepGuards> = {
  start: { canEnter: always, canLeave: always },
  export: {
    canEnter: (s) => (s.exportFlow.workspacePath ? go : stop(t.wizard.guard.needWorkspace)),
    canLeave: (s) =>
      s.exportFlow.write.status === 'starting' || s.exportFlow.write.status === 'running'
        ? stop(t.wizard.guard.exportRunning)
        : go,
  },
  inspect: {
    canEnter: (s) => (s.inspect.source ? go : stop(t.wizard.guard.needPackage)),
    canLeave: always,
  },
  ...migrationGuards,
  ...uploadGuards,
};

/**
 * Whether the wizard may move from `from` (a step, or another screen such as History) to step `to`: the
 * current step must let go and the target must accept. Staying put is always allowed.
 */
export function canMove(state: FerryState, from: string, to: StepId): Guard {
  if (from === to) return go;
  if (isStepId(from)) {
    const leave = stepGuards[from].canLeave(state);
    if (!leave.ok) return leave;
  }
  return stepGuards[to].canEnter(state);
}

/** The step after `id`, or null at the end. */
export function nextStep(id: StepId): StepId | null {
  return stepIds[stepIds.indexOf(id) + 1] ?? null;
}

/** The step before `id`, or null at the start. */
export function previousStep(id: StepId): StepId | null {
  const index = stepIds.indexOf(id);
  return index > 0 ? stepIds[index - 1] : null;
}
