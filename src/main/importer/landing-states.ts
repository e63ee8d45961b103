import type { PlanObject } from '../../shared/model/plan';
import type { ObjectStateEntry, WorkspaceConfig } from '../../shared/model/workspace';

/** An object the import wrote, with the path of its description file in the destination. */
export interface LandedObject {
  object: Pick<PlanObject, 'kind' | 'destination'>;
  path: string;
}

/**
 * Sets the `states` entries of landed objects from the plan's landing state. Deterministic, so a resumed or repeated
 * run computes the same map: every entry is derived from `statesBefore` (the destination's map when the task's first
 * run started), never from the current file, and `changedAt` is the task's start time.
 *
 * - landing `committed`/`deployed`: the entry gets that state and its version goes up by one from before;
 * - landing `saved`: an existing entry becomes `saved` (the object was changed after its last commit); an object
 *   without an entry keeps none (no entry already means saved).
 * Entries of objects this import did not write are left as they are.
 */
export function applyLandingStates(
  config: WorkspaceConfig,
  statesBefore: Record<string, ObjectStateEntry>,
  landed: readonly LandedObject[],
  changedAt: string,
): WorkspaceConfig {
  const states: Record<string, ObjectStateEntry> = { ...config.states };
  for (const { object, path } of landed) {
    // A workflow in a SPEC folder has no state of its own (committing it commits its nodes).
    if (object.kind === 'workflow') continue;
    const id = object.destination.id;
    const before = statesBefore[id];
    const landing = object.destination.landingState;
    if (landing === 'saved' && before === undefined) {
      delete states[id];
      continue;
    }
    const version = landing === 'saved' ? before?.version : (before?.version ?? 0) + 1;
    const entry: ObjectStateEntry = { ...before, state: landing, kind: object.kind, path, changedAt };
    if (version === undefined) delete entry.version;
    else entry.version = version;
    states[id] = entry;
  }
  return { ...config, states };
}
