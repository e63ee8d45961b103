import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import { importTaskNameSchema } from '../../shared/model/import-task';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { Plan, PlanObject } from '../../shared/model/plan';
import type { ImportReport } from '../../shared/model/report';
import {
  WORKSPACE_FILE_NAME,
  workspaceConfigSchema,
  type ObjectStateEntry,
} from '../../shared/model/workspace';
import { checkEntryPath } from '../formats/source/package-source';
import type { JournalEntry, StoredImportTask } from '../history/import-repository';
import { parsePlan, serializePlan } from '../plan/plan-file';
import { buildImportReport } from '../report/build-report';
import {
  isWorkspaceFolder,
  readWorkspaceConfig,
  serializeWorkspaceConfig,
} from '../workspace/workspace-config';
import { createAtomicWriter, writeFiles, type FileWriter } from './atomic-file';
import { acquireDestinationLock, LOCK_FILE_NAME } from './destination-lock';
import { scanDestination, sha256 } from './destination-scan';
import { describeError, isFatal, writeError } from './import-errors';
import {
  WORKSPACE_JOURNAL_ID,
  type DoneDetail,
  type ImporterDeps,
  type ImportProgress,
  type IntendedDetail,
  type ObjectFile,
  type ObjectMaterializer,
} from './import-types';
import { applyLandingStates, type LandedObject } from './landing-states';
import { RollbackStore } from './rollback-store';

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

export interface RunImportOptions {
  /** The profile the plan was made with (its hash is checked); the materializer maps with it. */
  profile: MappingProfile;
  materializer: ObjectMaterializer;
  /** Overrides the task's package path (the plan's hash is checked against it). */
  packagePath?: string;
  progress?: ImportProgress;
  /** Objects per journal transaction and per batched flush of the destination. Default 128. */
  batchSize?: number;
}

export interface ImportRunResult {
  task: StoredImportTask;
  report: ImportReport;
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

/** Creates an import task in state Editing for a saved plan. */
export async function createImportTask(
  deps: ImporterDeps,
  input: CreateImportTaskInput,
): Promise<StoredImportTask> {
  const name = validateImportTaskName(input.name);
  const plan = input.plan;
  const destination = path.resolve(plan.destination.path);
  return deps.repository.createTask({
    name,
    remarks: input.remarks ?? '',
    destinationPath: destination,
    destinationProject: plan.destination.projectIdentifier,
    destinationKey: await destinationKeyOf(destination, plan.destination.projectIdentifier),
    packagePath: input.packagePath ?? plan.source.path,
    packageHash: plan.hashes.package.value,
    planPath: input.planPath ?? null,
    planJson: serializePlan(plan),
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
  });
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
  const plan = parsePlan(task.planJson, `import task ${task.name}`);
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

/** Objects landed between two rewrites of workspace.json `states` (at a wave's end; and after the last wave). */
const STATES_EVERY = 2048;

/** The path that stands for an object: its description file, or (a workflow, which is a folder) its folder. */
function primaryPath(object: PlanObject, files: readonly { path: string }[]): string {
  return files[0]?.path ?? `DataStudio/${object.destination.folderPath}`;
}

interface Prepared {
  object: PlanObject;
  files: ObjectFile[];
  previous: (Buffer | null)[];
  /** sha256 of each file's new bytes (for the intended and the done journal rows). */
  sha: string[];
}

function checkObjectPaths(destination: string, object: PlanObject, files: readonly ObjectFile[]): void {
  for (const file of files) {
    checkEntryPath(destination, file.path);
    if (file.path === WORKSPACE_FILE_NAME || file.path.startsWith(LOCK_FILE_NAME))
      throw new FerryError('bad-request', `${object.name}: refusing to write ${file.path}`);
  }
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Case- and normalization-folded path, so that on a case-insensitive or normalizing file system a file the scan saw
 * under another spelling still counts as existing (and its previous bytes are read and saved).
 */
const foldPath = (relative: string): string => relative.normalize('NFC').toLowerCase();

async function applyPlan(
  deps: ImporterDeps,
  task: StoredImportTask,
  plan: Plan,
  options: RunImportOptions,
  /** The destination's files when this run started (the destination is locked: only this run changes it since). */
  manifest: ReadonlyMap<string, string>,
): Promise<ImportRunResult> {
  const repo = deps.repository;
  const writer: FileWriter = deps.writer ?? createAtomicWriter();
  const destination = task.destinationPath;
  const rollback = new RollbackStore(
    path.join(deps.userDataDir, 'rollback', `${task.name}-${task.id}`),
    createAtomicWriter(),
  );
  const signal = options.progress?.signal;
  const batchSize = Math.max(1, options.batchSize ?? 128);
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const changedAt = task.startedAt ?? now();
  const statesBefore = JSON.parse(task.statesBefore ?? '{}') as Record<string, ObjectStateEntry>;
  const run = task.runs;

  // A file neither there at the start nor written by this run does not exist: no read (and no ENOENT) per new file.
  const mayExist = new Set([...manifest.keys()].map(foldPath));
  const previousOf = (relative: string): Promise<Buffer | null> =>
    mayExist.has(foldPath(relative))
      ? readIfExists(path.join(destination, ...relative.split('/')))
      : Promise.resolve(null);

  const latest = await repo.latestJournal(task.id);
  const landed = new Map<string, LandedObject>();
  for (const object of plan.objects) {
    const row = latest.get(object.assetId);
    if (row?.phase === 'done')
      landed.set(object.assetId, {
        object,
        path: primaryPath(object, (JSON.parse(row.detail) as DoneDetail).files),
      });
  }
  const toApply = plan.objects.filter((o) => o.action === 'create' || o.action === 'update');
  const total = toApply.length;
  let done = toApply.filter((o) => landed.has(o.assetId)).length;
  options.progress?.progress?.(done, total, 'Importing');

  const journal = (objectId: string, phase: JournalEntry['phase'], detail: unknown): JournalEntry => ({
    taskId: task.id,
    run,
    objectId,
    phase,
    detail: JSON.stringify(detail),
    at: now(),
  });

  let fatal: unknown = null;
  try {
    // Batches run in wave order (upstream first) and may span waves: a wave of the generated 20,000-node package
    // holds ~8 objects, and a batch is one journal transaction and one flush of the destination.
    const pendingObjects = toApply.filter((o) => !landed.has(o.assetId)).sort((a, b) => a.wave - b.wave);
    const lastWave = toApply.reduce((max, o) => Math.max(max, o.wave), -1);
    let announcedWave = -1;
    let landedSinceStates = 0;
    for (let start = 0; start < pendingObjects.length; start += batchSize) {
      if (signal?.aborted)
        throw new FerryError(
          'cancelled',
          `Import task "${task.name}" was cancelled; start it again to resume.`,
        );
      const batch = pendingObjects.slice(start, start + batchSize);
      const firstWave = batch[0].wave;
      if (firstWave !== announcedWave) {
        const info = plan.waves[firstWave];
        options.progress?.step?.(
          `Wave ${firstWave + 1} of ${plan.waves.length}: ${info ? info.kind : 'objects'}`,
        );
        announcedWave = firstWave;
      }
      const prepared: Prepared[] = [];
      const failedRows: JournalEntry[] = [];
      for (const object of batch) {
        try {
          const files = await options.materializer.files(object);
          checkObjectPaths(destination, object, files);
          await guardDuplicate(deps, task, object, files);
          const previous = await Promise.all(files.map((f) => previousOf(f.path)));
          prepared.push({ object, files, previous, sha: files.map((f) => sha256(f.data)) });
        } catch (error) {
          if (isFatal(error)) throw error;
          failedRows.push(journal(object.assetId, 'failed', describeError(error)));
        }
      }
      await repo.appendJournal([
        ...prepared.map((p) =>
          journal(p.object.assetId, 'intended', {
            files: p.files.map((f, i) => ({
              path: f.path,
              sha256: p.sha[i],
              previous: p.previous[i] ? sha256(p.previous[i]) : null,
            })),
          } satisfies IntendedDetail),
        ),
        ...failedRows,
      ]);
      const finished: JournalEntry[] = [];
      try {
        // Every file of the batch may now exist (also those whose write failed: their temporary file is gone, but
        // a failed rename may have happened after all); a later object of this run then reads it first.
        for (const p of prepared) for (const f of p.files) mayExist.add(foldPath(f.path));
        const outcomes = await writeBatch(prepared, destination, writer, rollback);
        for (const outcome of outcomes) {
          const p = outcome.prepared;
          if (outcome.error !== null) {
            finished.push(journal(p.object.assetId, 'failed', describeError(outcome.error)));
            continue;
          }
          if (!outcome.complete) continue; // not attempted after a fatal error: a later run finishes it
          finished.push(
            journal(p.object.assetId, 'done', {
              files: p.files.map((f, i) => ({ path: f.path, sha256: p.sha[i] })),
              wrote: outcome.wrote,
            } satisfies DoneDetail),
          );
          landed.set(p.object.assetId, { object: p.object, path: primaryPath(p.object, p.files) });
          done += 1;
          landedSinceStates += 1;
          options.progress?.progress?.(done, total);
        }
        const fatalOutcome = outcomes.find((o) => o.error !== null && isFatal(o.error));
        if (fatalOutcome?.error) throw fatalOutcome.error;
      } finally {
        await repo.appendJournal(finished);
        await repo.putLedger(
          prepared
            .filter((p) => landed.has(p.object.assetId))
            .map((p) => ({
              destinationKey: task.destinationKey,
              sourceId: p.object.assetId,
              objectId: p.object.destination.id,
              kind: p.object.kind,
              path: primaryPath(p.object, p.files),
              files: p.files.map((f) => f.path),
              contentHash: p.object.afterHash,
              taskId: task.id,
              updatedAt: now(),
            })),
        );
      }
      // States at a wave's end, at most once per STATES_EVERY landed objects (each write rewrites the whole states
      // map: once per wave would be quadratic with thousands of waves), and always after the last wave.
      const next = pendingObjects[start + batchSize];
      const waveEnds = next === undefined || next.wave !== batch[batch.length - 1].wave;
      if (next === undefined || (waveEnds && landedSinceStates >= STATES_EVERY)) {
        const inPlanOrder = plan.objects.flatMap((o) => landed.get(o.assetId) ?? []);
        await writeStates(deps, writer, rollback, task, statesBefore, inPlanOrder, changedAt, journal);
        landedSinceStates = 0;
      }
    }
    if (pendingObjects.length === 0 && lastWave >= 0) {
      // Everything was done before (a resume after the last object): the states may still be missing.
      const inPlanOrder = plan.objects.flatMap((o) => landed.get(o.assetId) ?? []);
      await writeStates(deps, writer, rollback, task, statesBefore, inPlanOrder, changedAt, journal);
    }
  } catch (error) {
    fatal = error;
  }

  const latestAfter = await repo.latestJournal(task.id);
  const failed = toApply.filter((o) => latestAfter.get(o.assetId)?.phase === 'failed').length;
  const notDone = toApply.filter((o) => latestAfter.get(o.assetId)?.phase !== 'done').length;
  let rollbackPath: string | null = task.rollbackPath;
  try {
    rollbackPath =
      (await rollback.writeZip({ task: task.name, taskId: task.id, destination, writtenAt: now() })) ??
      rollbackPath;
  } catch (error) {
    fatal ??= error;
  }
  const state =
    fatal !== null
      ? 'import-failed'
      : notDone === 0
        ? 'completed'
        : done > 0 && failed < toApply.length
          ? 'partially-completed'
          : 'import-failed';
  if (state === 'completed') await rollback.discardFolder().catch(() => undefined);
  const error =
    fatal !== null
      ? describeError(fatal).message
      : failed > 0
        ? `${failed} object(s) failed; import again to retry them.`
        : null;
  let finishedTask = await repo.updateTask(task.id, {
    state,
    finishedAt: now(),
    error,
    rollbackPath,
    updatedAt: now(),
  });
  const report = buildImportReport({
    task: finishedTask,
    plan,
    profile: options.profile,
    journal: latestAfter,
  });
  finishedTask = await repo.updateTask(task.id, { reportJson: JSON.stringify(report), updatedAt: now() });
  if (fatal !== null)
    throw fatal instanceof Error ? fatal : new FerryError('internal', describeError(fatal).message);
  return { task: finishedTask, report };
}

interface WriteOutcome {
  prepared: Prepared;
  /** The object's first error (a write error is a FerryError naming the file), or null. */
  error: Error | null;
  /** Every file that differed was written (false when a fatal error stopped the batch before them). */
  complete: boolean;
  /** Some file differed and was written. */
  wrote: boolean;
}

/**
 * Writes the files of a batch of objects whose bytes differ: first every previous version into the rollback store
 * (one flush), then the files themselves (one flush, see `FileWriter.writeMany`), so a file is never replaced before
 * its previous version is safe. One outcome per object.
 */
async function writeBatch(
  prepared: readonly Prepared[],
  destination: string,
  writer: FileWriter,
  rollback: RollbackStore,
): Promise<WriteOutcome[]> {
  const pending = prepared.map((p) =>
    p.files.flatMap((file, i) => (p.previous[i] !== null && p.previous[i].equals(file.data) ? [] : [i])),
  );
  try {
    await rollback.saveMany(
      prepared.flatMap((p, k) =>
        pending[k].map((i) => ({ relative: p.files[i].path, previous: p.previous[i] })),
      ),
    );
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return prepared.map((p, k) =>
      pending[k].length === 0
        ? { prepared: p, error: null, complete: true, wrote: false }
        : { prepared: p, error, complete: false, wrote: false },
    );
  }
  const items = prepared.flatMap((p, k) =>
    pending[k].map((i) => ({
      file: path.join(destination, ...p.files[i].path.split('/')),
      data: p.files[i].data,
    })),
  );
  const results = await writeFiles(writer, items, isFatal);
  let at = 0;
  return prepared.map((p, k) => {
    const mine = results.slice(at, at + pending[k].length);
    at += pending[k].length;
    const failed = mine.findIndex((r) => r !== null && r !== undefined);
    if (failed >= 0)
      return {
        prepared: p,
        error: writeError(mine[failed], destination, p.files[pending[k][failed]].path),
        complete: false,
        wrote: false,
      };
    return { prepared: p, error: null, complete: mine.every((r) => r === null), wrote: mine.length > 0 };
  });
}

/** Ledger guard: an identity already imported elsewhere in this destination is never written a second time. */
async function guardDuplicate(
  deps: ImporterDeps,
  task: StoredImportTask,
  object: PlanObject,
  files: readonly ObjectFile[],
): Promise<void> {
  const entry = await deps.repository.findLedger(task.destinationKey, object.assetId);
  const target = primaryPath(object, files);
  if (!entry || entry.path === target) return;
  const stillThere = await readIfExists(path.join(task.destinationPath, ...entry.path.split('/')));
  if (stillThere === null) return;
  throw new FerryError(
    'conflict',
    `${object.name} was imported before as ${entry.path}; the plan would write it to ${target}. Refusing to create a second copy: preview again.`,
  );
}

async function writeStates(
  deps: ImporterDeps,
  writer: FileWriter,
  rollback: RollbackStore,
  task: StoredImportTask,
  statesBefore: Record<string, ObjectStateEntry>,
  landed: readonly LandedObject[],
  changedAt: string,
  journal: (objectId: string, phase: JournalEntry['phase'], detail: unknown) => JournalEntry,
): Promise<void> {
  const file = path.join(task.destinationPath, WORKSPACE_FILE_NAME);
  const currentBytes = await fs.readFile(file);
  const config = await readWorkspaceConfig(task.destinationPath);
  const next = workspaceConfigSchema.parse(applyLandingStates(config, statesBefore, landed, changedAt));
  const data = Buffer.from(serializeWorkspaceConfig({ ...config, states: next.states }), 'utf8');
  if (data.equals(currentBytes)) return;
  await deps.repository.appendJournal([
    journal(WORKSPACE_JOURNAL_ID, 'intended', {
      files: [{ path: WORKSPACE_FILE_NAME, sha256: sha256(data), previous: sha256(currentBytes) }],
    } satisfies IntendedDetail),
  ]);
  await rollback.save(WORKSPACE_FILE_NAME, currentBytes);
  try {
    await writer.write(file, data);
  } catch (error) {
    throw writeError(error, task.destinationPath, WORKSPACE_FILE_NAME);
  }
  await deps.repository.appendJournal([
    journal(WORKSPACE_JOURNAL_ID, 'done', {
      files: [{ path: WORKSPACE_FILE_NAME, sha256: sha256(data) }],
      wrote: true,
    } satisfies DoneDetail),
  ]);
}
