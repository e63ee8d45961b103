import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import { importTaskNameSchema } from '../../shared/model/import-task';
import { planSchema, type Plan } from '../../shared/model/plan';
import type { ImportRepository, StoredImportTask } from '../history/import-repository';
import type { JournalEntry } from '../history/import-run-store';
import { parsePlan, parsedPlanText, serializePlan } from '../plan/plan-file';
import { isWorkspaceFolder, readWorkspaceConfig } from '../workspace/workspace-config';
import { applyPlan } from './apply-plan';
import { acquireDestinationLock } from './destination-lock';
import { scanDestination } from './destination-scan';
import { describeError } from './import-errors';
import type { ImporterDeps, ImportRunResult, IntendedDetail, RunImportOptions } from './import-types';

export type { ImportRunResult, RunImportOptions } from './import-types';

/**
 * Applies a saved plan to a local destination workspace as an import task.
 *
 * How a run stays correct when killed at any point, and why a re-run converges:
 * - every destination write is atomic per file (temp file, fsync, rename) and goes through one {@link FileWriter};
 * - before an object is written, a journal row `intended` (files and their new hashes) is committed; after, `done`;
 * - the previous bytes of every file are saved to the task's rollback folder before it is overwritten (first version
 *   wins, so a resume never saves our own half-done write as "previous");
 * - workspace.json `states` are rewritten atomically at the end of each wave, from the plan's landing states and the
 *   states map as it was when the task's first run started, so the result does not depend on where a run stopped;
 * - a later run of the same task skips objects whose last journal row is `done`, re-derives everything else, and
 *   writes a file only when its bytes differ (so it converges on the same bytes as an uninterrupted run).
 * Staleness: the first run recomputes the destination hash and compares it with the plan's; it then records the
 * destination's file manifest (snapshot). A later run accepts the destination only if every file still has its
 * snapshot bytes or bytes this task's journal says it meant to write; anything else is someone else's change.
 * Nothing is ever deleted.
 *
 * This file decides whether a run may start (refusals, staleness, the lock); apply-plan.ts does the writing.
 */

export interface CreateImportTaskInput {
  /** Letters, digits, `_` and `.` only. */
  name: string;
  remarks?: string;
  plan: Plan;
  planPath?: string | null;
  /** The package to import; defaults to the plan's `source.path`. */
  packagePath?: string;
}

/** Validates an import task name; throws `bad-request` with one line saying what is allowed. */
export function validateImportTaskName(name: string): string {
  const parsed = importTaskNameSchema.safeParse(name);
  if (!parsed.success) throw new FerryError('bad-request', parsed.error.issues[0].message, { field: 'name' });
  return parsed.data;
}

/** Identifies a destination across tasks: its real path and project identifier. */
export async function destinationKeyOf(destination: string, projectIdentifier: string): Promise<string> {
  const real = await fs.realpath(destination).catch(() => path.resolve(destination));
  return `${real}#${projectIdentifier}`;
}

/**
 * The plan of the task created last, per repository, handed to that task's first run in this process: a run started
 * right after its task was created (`import:start`) then neither reads the plan back from the history database nor
 * parses it again (~60 MB of JSON for 20,000 objects; a second copy in memory). Only the newest task's plan is kept,
 * and the run takes it. It is the plan as `parsePlan` would return it from the stored text (validated when stored).
 */
const handedPlans = new WeakMap<ImportRepository, { taskId: number; plan: Plan }>();

/** The task's plan: the one handed over at creation, else parsed from the stored text. */
function planOf(deps: ImporterDeps, task: StoredImportTask): Plan {
  const handed = handedPlans.get(deps.repository);
  if (handed?.taskId === task.id) {
    handedPlans.delete(deps.repository);
    return handed.plan;
  }
  return parsePlan(task.planJson, `import task ${task.name}`);
}

/** Creates an import task in state Editing for a saved plan. */
/** A plan and the text an import task stores it as (see createImportTask). */
function storable(given: Plan): { plan: Plan; planJson: string } {
  const text = parsedPlanText(given);
  if (text !== null) return { plan: given, planJson: text };
  const checked = planSchema.safeParse(given);
  if (!checked.success)
    throw new FerryError(
      'bad-request',
      `Refusing to store an invalid plan: ${checked.error.issues[0].message}`,
    );
  return { plan: checked.data, planJson: serializePlan(checked.data) };
}

export async function createImportTask(
  deps: ImporterDeps,
  input: CreateImportTaskInput,
): Promise<StoredImportTask> {
  const name = validateImportTaskName(input.name);
  // Validated as parsePlan validates the stored text, so the first run (handed this plan) and a later one (parsing
  // the stored text) apply the same plan. A plan parsePlan made is stored as the text it was parsed from.
  const { plan, planJson } = storable(input.plan);
  const destination = path.resolve(plan.destination.path);
  const task = await deps.repository.createTask({
    name,
    remarks: input.remarks ?? '',
    destinationPath: destination,
    destinationProject: plan.destination.projectIdentifier,
    destinationKey: await destinationKeyOf(destination, plan.destination.projectIdentifier),
    packagePath: input.packagePath ?? plan.source.path,
    packageHash: plan.hashes.package.value,
    planPath: input.planPath ?? null,
    planJson,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
  });
  handedPlans.set(deps.repository, { taskId: task.id, plan });
  return task;
}

/** Deletes a task that never started (state Editing). */
export async function deleteImportTask(deps: ImporterDeps, taskId: number): Promise<void> {
  const task = await mustGetTask(deps, taskId);
  if (task.state !== 'editing')
    throw new FerryError(
      'conflict',
      `Import task "${task.name}" is ${task.state}; only a task being edited can be deleted.`,
    );
  await deps.repository.deleteTask(taskId);
  if (handedPlans.get(deps.repository)?.taskId === taskId) handedPlans.delete(deps.repository);
}

async function mustGetTask(deps: ImporterDeps, taskId: number): Promise<StoredImportTask> {
  const task = await deps.repository.getTask(taskId);
  if (!task) throw new FerryError('not-found', `No import task ${taskId}.`);
  return task;
}

/** The checks that need no destination access: the gate, conflicts and error findings (what `ferry plan` calls blocked). */
export function checkPlanImportable(plan: Plan): void {
  if (plan.gate.length > 0) {
    const listed = plan.gate
      .slice(0, 5)
      .map((g) => `${g.kind} ${g.source}`)
      .join(', ');
    throw new FerryError(
      'bad-request',
      `The plan's gate lists ${plan.gate.length} unmapped reference(s) (${listed}${plan.gate.length > 5 ? ', ...' : ''}): map or ignore them in the profile and preview again.`,
      { gate: plan.gate.length },
    );
  }
  const conflicts = plan.objects.filter((o) => o.action === 'conflict');
  if (conflicts.length > 0)
    throw new FerryError(
      'conflict',
      `The plan has ${conflicts.length} conflict(s) (${conflicts
        .slice(0, 5)
        .map((o) => o.name)
        .join(', ')}): choose a conflict policy and preview again.`,
    );
  const errors = plan.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0)
    throw new FerryError(
      'conflict',
      `The plan has ${errors.length} error finding(s) (${[...new Set(errors.map((f) => f.code))]
        .slice(0, 5)
        .join(', ')}): fix them in the profile or the destination and preview again.`,
      { errors: errors.length },
    );
}

/**
 * Runs (or resumes, or imports again) an import task: locks the destination, verifies the plan, applies every
 * create/update object wave by wave, records states, writes the rollback package and the report. Resolves with the
 * finished task; throws on refusal (stale plan, lock, another package) or on a fatal write error, after recording the
 * task as Import failed (cancel: also Import failed, resumable).
 */
export async function runImportTask(
  deps: ImporterDeps,
  taskId: number,
  options: RunImportOptions,
): Promise<ImportRunResult> {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  let task = await mustGetTask(deps, taskId);
  if (task.state === 'completed')
    throw new FerryError(
      'conflict',
      `Import task "${task.name}" is already completed; create a new task to import again.`,
    );
  const plan = planOf(deps, task);
  checkPlanImportable(plan);
  const destination = task.destinationPath;
  if (!(await isWorkspaceFolder(destination)))
    throw new FerryError('not-found', `${destination}: not a workspace folder (no workspace.json).`);
  const config = await readWorkspaceConfig(destination);
  if (config.project.identifier !== plan.destination.projectIdentifier)
    throw new FerryError(
      'conflict',
      `${destination} is workspace ${config.project.identifier}, but the plan was made for ${plan.destination.projectIdentifier}.`,
    );

  const lock = await acquireDestinationLock(destination, {
    taskName: task.name,
    now: deps.now,
    isAlive: deps.isAlive,
    hostname: deps.hostname,
  });
  try {
    await verifyInputs(deps, task, plan, options);
    const resuming = await deps.repository.hasSnapshot(taskId);
    const manifest = await scanDestination(destination, {
      removeTempFiles: true,
      signal: options.progress?.signal,
    });
    if (!resuming) {
      const current = await deps.verifier.destinationHash(destination);
      if (current !== plan.hashes.destination)
        throw new FerryError(
          'conflict',
          'Stale plan: the destination changed since the preview; preview again.',
          {
            expected: plan.hashes.destination,
            actual: current,
          },
        );
      task = await deps.repository.updateTask(taskId, {
        state: 'importing',
        statesBefore: JSON.stringify(config.states),
        startedAt: task.startedAt ?? now(),
        finishedAt: null,
        error: null,
        runs: task.runs + 1,
        updatedAt: now(),
      });
      await deps.repository.saveSnapshot(taskId, manifest);
    } else {
      const journal = await deps.repository.journal(taskId);
      checkResumable(manifest, await deps.repository.loadSnapshot(taskId), journal);
      task = await deps.repository.updateTask(taskId, {
        state: 'importing',
        finishedAt: null,
        error: null,
        runs: task.runs + 1,
        updatedAt: now(),
      });
    }
    return await applyPlan(deps, task, plan, options, manifest);
  } finally {
    await lock.release();
  }
}

async function verifyInputs(
  deps: ImporterDeps,
  task: StoredImportTask,
  plan: Plan,
  options: RunImportOptions,
): Promise<void> {
  const packagePath = options.packagePath ?? task.packagePath;
  let actual: string;
  try {
    actual = await deps.verifier.packageHash(packagePath, plan.hashes.package.method);
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError(
      'not-found',
      `${packagePath}: cannot read the package (${describeError(error).message}).`,
    );
  }
  if (actual !== plan.hashes.package.value)
    throw new FerryError(
      'conflict',
      `The plan is for another package: it was made from a package with hash ${plan.hashes.package.value.slice(0, 12)}…, but ${packagePath} has ${actual.slice(0, 12)}…; preview this package.`,
      { expected: plan.hashes.package.value, actual },
    );
  if (deps.verifier.profileHash(options.profile) !== plan.hashes.profile)
    throw new FerryError(
      'conflict',
      `The mapping profile changed since the preview (${plan.profileName}); preview again.`,
    );
}

/**
 * A later run of a task accepts the destination when every file has its snapshot bytes or bytes the task meant to
 * write (its `intended` journal rows), and no snapshot file is missing.
 */
function checkResumable(
  current: Map<string, string>,
  snapshot: Map<string, string>,
  journal: readonly JournalEntry[],
): void {
  const ours = new Map<string, Set<string>>();
  for (const row of journal) {
    if (row.phase !== 'intended') continue;
    for (const file of (JSON.parse(row.detail) as IntendedDetail).files) {
      const set = ours.get(file.path) ?? new Set<string>();
      set.add(file.sha256);
      ours.set(file.path, set);
    }
  }
  const changed: string[] = [];
  for (const [file, sha] of current)
    if (snapshot.get(file) !== sha && !ours.get(file)?.has(sha)) changed.push(file);
  for (const file of snapshot.keys()) if (!current.has(file)) changed.push(file);
  if (changed.length > 0)
    throw new FerryError(
      'conflict',
      `Stale plan: the destination changed since this import started (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? `, and ${changed.length - 3} more` : ''}); preview again.`,
      { changed: changed.length },
    );
}
