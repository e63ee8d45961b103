import { t } from '../i18n';
import type { FerryState } from './ferry-store';
import type { Guard, StepGuards } from './wizard-guards';

const go: Guard = { ok: true };
const stop = (reason: string): Guard => ({ ok: false, reason });
const always = () => go;

const importBusy = (s: FerryState) =>
  s.importFlow.status === 'running' || (s.importFlow.status === 'starting' && s.importFlow.jobId !== null);

/** Why the current plan may not be imported; null when it may. */
export function importBlocker(s: FerryState): string | null {
  const { plan } = s;
  if (plan.status === 'starting' || plan.status === 'running') return t.migrationGuard.planRunning;
  if (plan.status !== 'ready' || !plan.head) return t.migrationGuard.needPlan;
  if (plan.revision !== null && plan.revision !== s.mapping.revision) return t.migrationGuard.planStale;
  if (!plan.head.summary.importable) return t.migrationGuard.planBlocked;
  return null;
}

/**
 * Guards of the Map, Dry-run, Preview and Import steps (pure functions of the state). Import is entered with an
 * importable, current plan, or to see a report (a running or finished import, a report opened from History).
 */
export const migrationGuards = {
  map: {
    canEnter: (s) => (s.inspect.source ? go : stop(t.wizard.guard.needPackage)),
    canLeave: always,
  },
  dryrun: {
    canEnter: (s) => (s.mapping.profile ? go : stop(t.migrationGuard.needProfile)),
    canLeave: always,
  },
  preview: {
    canEnter: (s) => (s.mapping.profile || s.plan.head ? go : stop(t.migrationGuard.needProfile)),
    canLeave: always,
  },
  import: {
    canEnter: (s) => {
      if (importBusy(s) || s.importFlow.result) return go;
      const blocker = importBlocker(s);
      return blocker ? stop(blocker) : go;
    },
    canLeave: (s) => (importBusy(s) ? stop(t.migrationGuard.importRunning) : go),
  },
} satisfies Record<string, StepGuards>;
