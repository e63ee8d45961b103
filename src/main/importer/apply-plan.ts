import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import { taskFields, type ImportTaskState } from '../../shared/model/import-task';
import type { Plan, PlanObject } from '../../shared/model/plan';
import {
  WORKSPACE_FILE_NAME,
  workspaceConfigSchema,
  type ObjectStateEntry,
} from '../../shared/model/workspace';
import { checkEntryPath } from '../formats/source/package-source';
import type { StoredImportTask } from '../history/import-repository';
import { buildImportReport } from '../report/build-report';
import { readWorkspaceConfig, serializeWorkspaceConfig } from '../workspace/workspace-config';
import { createAtomicWriter, type FileWriter } from './atomic-file';
import { LOCK_FILE_NAME } from './destination-lock';
import { sha256Of } from '../formats/known-sha256';
import { describeError, isFatal, writeError } from './import-errors';
import {
  WORKSPACE_JOURNAL_ID,
  type DoneDetail,
  type ImporterDeps,
  type ImportRunResult,
  type IntendedDetail,
  type ObjectFile,
  type RunImportOptions,
} from './import-types';
import { applyLandingStates, type LandedObject } from './landing-states';
import { RollbackStore } from './rollback-store';
import { foldPath, RunJournal, type Materialized } from './run-journal';
import { openImportWriter, type ClosableWriter } from './threaded-writer';
import { saveRollback, writeBatch, type SavedBatch, type WriteOutcome } from './write-batch';

/**
 * The part of an import run that writes: once `runImportTask` (import-runner.ts) has taken the lock and accepted the
 * plan and the destination, applies the plan's create/update objects batch by batch (journal `intended`, rollback
 * copies, atomic writes, journal `done` with the ledger: run-journal.ts), rewrites workspace.json `states`, and
 * records the outcome (state, rollback zip, report). See the module comment of import-runner.ts and src/main/importer/README.md for why a
 * killed run converges.
 */

/** Objects sent to the writer between two rewrites of workspace.json `states` (at a wave's end; and after the last wave). */
const STATES_EVERY = 2048;

/** Batches materialized ahead of the one being prepared (mapping is about as long as writing a batch). */
const MATERIALIZE_AHEAD = 2;

/** A batch on its way to the destination: its files (folded paths), its write outcomes, then its journal commit. */
interface Landing {
  files: ReadonlySet<string>;
  written: Promise<WriteOutcome[]>;
  /** Objects landed; rejects with the batch's fatal error, after its outcomes are journaled. */
  landed: Promise<number>;
}

function checkObjectPaths(destination: string, object: PlanObject, files: readonly ObjectFile[]): void {
  for (const file of files) {
    checkEntryPath(destination, file.path);
    if (file.path === WORKSPACE_FILE_NAME || file.path.startsWith(LOCK_FILE_NAME))
      throw new FerryError('bad-request', `${object.name}: refusing to write ${file.path}`);
  }
}

/** Applies the plan's pending objects, then records the task's outcome and report. */
export async function applyPlan(
  deps: ImporterDeps,
  task: StoredImportTask,
  plan: Plan,
  options: RunImportOptions,
  /** The destination's files when this run started (the destination is locked: only this run changes it since). */
  manifest: ReadonlyMap<string, string>,
): Promise<ImportRunResult> {
  const writer = deps.writer ?? (await openImportWriter());
  try {
    return await applyPlanWith(writer, deps, task, plan, options, manifest);
  } finally {
    if (writer !== deps.writer) await (writer as ClosableWriter).close();
  }
}

async function applyPlanWith(
  writer: FileWriter,
  deps: ImporterDeps,
  task: StoredImportTask,
  plan: Plan,
  options: RunImportOptions,
  manifest: ReadonlyMap<string, string>,
): Promise<ImportRunResult> {
  const destination = task.destinationPath;
  const rollback = new RollbackStore(
    path.join(deps.userDataDir, 'rollback', `${task.name}-${task.id}`),
    createAtomicWriter(),
  );
  const signal = options.progress?.signal;
  const batchSize = Math.max(1, options.batchSize ?? 512);
  const changedAt = task.startedAt ?? (deps.now?.() ?? new Date()).toISOString();
  const statesBefore = JSON.parse(task.statesBefore ?? '{}') as Record<string, ObjectStateEntry>;
  const journal = await RunJournal.open(deps, task, plan, options, manifest);
  options.progress?.progress?.(journal.done, journal.total, 'Importing');

  /**
   * The files of a batch's objects: only reads the package, so it runs while the previous batch is being written
   * (the CPU work of mapping overlaps the flushes). An object's error is its result; the promise rejects only when
   * the materializer cannot work at all (the package could not be read), which ends the run.
   */
  const materialize = async (batch: readonly PlanObject[]): Promise<Materialized[]> => {
    const results = await options.materializer.filesOf(batch);
    return batch.map((object, i): Materialized => {
      const files = results[i];
      if (files instanceof Error) return { ok: false, object, error: files };
      try {
        checkObjectPaths(destination, object, files);
        return { ok: true, object, files, sha: files.map((f) => f.sha256 ?? sha256Of(f.data)) };
      } catch (error) {
        return { ok: false, object, error };
      }
    });
  };
  /** A batch being materialized ahead, kept settled so that a run ended early leaves no unhandled rejection. */
  const ahead = (batch: readonly PlanObject[]): Promise<() => Materialized[]> =>
    materialize(batch).then(
      (value) => () => value,
      (error: unknown) => () => {
        throw error;
      },
    );

  /**
   * Starts writing a saved batch (the writer takes one batch at a time). `written` settles with the outcomes;
   * `landed` then journals each object `done` (with its ledger row) or `failed` in one commit, and rejects with the
   * batch's fatal error, if any, after that commit.
   */
  const startLanding = (saved: SavedBatch): Landing => {
    const files = new Set<string>();
    for (const p of saved.prepared) for (const f of p.files) files.add(foldPath(f.path));
    journal.sent(files);
    const written = writeBatch(saved, destination, writer);
    const landedNow = written.then(
      (outcomes) => journal.recordOutcomes(outcomes),
      async (error: unknown) => {
        await journal.recordOutcomes([]);
        throw error;
      },
    );
    landedNow.catch(() => undefined); // awaited by the loop, or by its clean-up when the run ends early
    return { files, written, landed: landedNow };
  };

  const writeStatesNow = () =>
    writeStates(
      writer,
      rollback,
      task,
      statesBefore,
      plan.objects.flatMap((o) => journal.landed.get(o.assetId) ?? []),
      changedAt,
      journal,
    );

  let fatal: unknown = null;
  const materializing: Promise<() => Materialized[]>[] = [];
  let landing: Landing | null = null;
  try {
    // Batches run in wave order (upstream first) and may span waves: a wave of the generated 20,000-node package
    // holds ~8 objects, and a batch is one journal transaction and one flush of the destination.
    const pendingObjects = journal.pending();
    const lastWave = journal.toApply.reduce((max, o) => Math.max(max, o.wave), -1);
    let announcedWave = -1;
    let sentSinceStates = 0;
    let asked = 0;
    const askAhead = (upTo: number) => {
      for (; asked < Math.min(upTo, pendingObjects.length); asked += batchSize)
        materializing.push(ahead(pendingObjects.slice(asked, asked + batchSize)));
    };
    /** Waits for the batch being written to land; its fatal error ends the run. */
    const landingDone = async () => {
      const current = landing;
      landing = null;
      if (current) await current.landed;
    };
    for (let start = 0; start < pendingObjects.length; start += batchSize) {
      askAhead(start + batchSize * (1 + MATERIALIZE_AHEAD));
      const materialized: Materialized[] = (await materializing.shift()!)();
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
      // This batch is prepared (previous bytes, `intended` rows, rollback copies) while the one before is written,
      // unless it writes a file that one writes too: its previous bytes are then the ones that batch leaves.
      const written = landing?.files;
      if (written && materialized.some((m) => m.ok && m.files.some((f) => written.has(foldPath(f.path)))))
        await landingDone();
      const saved = await saveRollback(await journal.prepareBatch(materialized), rollback);
      // One batch on the writer at a time, and none after a fatal error; the one before is journaled meanwhile.
      const before = landing;
      if (before) {
        const outcomes = await before.written;
        if (outcomes.some((o) => o.error !== null && isFatal(o.error))) await landingDone();
      }
      landing = startLanding(saved);
      if (before) await before.landed;
      sentSinceStates += batch.length;
      // States at a wave's end, at most once per STATES_EVERY objects sent to the writer (each write rewrites the
      // whole states map: once per wave would be quadratic with thousands of waves), and always after the last wave.
      const after = pendingObjects[start + batchSize];
      const waveEnds = after === undefined || after.wave !== batch[batch.length - 1].wave;
      if (after === undefined || (waveEnds && sentSinceStates >= STATES_EVERY)) {
        await landingDone();
        await writeStatesNow();
        sentSinceStates = 0;
      }
    }
    // Everything was done before (a resume after the last object): the states may still be missing.
    if (pendingObjects.length === 0 && lastWave >= 0) await writeStatesNow();
  } catch (error) {
    fatal = error;
  }
  // Not left writing, or reading the package, after the run (the caller closes the materializer).
  if (landing)
    fatal ??= await landing.landed.then(
      () => null,
      (error: unknown) => error,
    );
  await Promise.all(materializing);
  return finishRun(deps, task, plan, options, rollback, journal, fatal);
}

/** Records the run's outcome: the task's state, its rollback zip and its report; rethrows a fatal error. */
async function finishRun(
  deps: ImporterDeps,
  task: StoredImportTask,
  plan: Plan,
  options: RunImportOptions,
  rollback: RollbackStore,
  { toApply, done, latest }: RunJournal,
  thrown: unknown,
): Promise<ImportRunResult> {
  const repo = deps.repository;
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  let fatal = thrown;
  const failed = toApply.filter((o) => latest.get(o.assetId)?.phase === 'failed').length;
  const notDone = toApply.filter((o) => latest.get(o.assetId)?.phase !== 'done').length;
  let rollbackPath: string | null = task.rollbackPath;
  try {
    rollbackPath =
      (await rollback.writeZip({
        task: task.name,
        taskId: task.id,
        destination: task.destinationPath,
        writtenAt: now(),
      })) ?? rollbackPath;
  } catch (error) {
    fatal ??= error;
  }
  const state: ImportTaskState =
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
  // The outcome and its report in one update: the report of 20,000 objects is ~17 MB, written and read back once.
  const finished = { state, finishedAt: now(), error, rollbackPath };
  const report = buildImportReport({
    task: { ...taskFields(task), ...finished },
    plan,
    profile: options.profile,
    journal: latest,
  });
  const finishedTask = await repo.updateTask(task.id, {
    ...finished,
    reportJson: JSON.stringify(report),
    updatedAt: finished.finishedAt,
  });
  if (fatal !== null)
    throw fatal instanceof Error ? fatal : new FerryError('internal', describeError(fatal).message);
  return { task: finishedTask, report };
}

/**
 * Rewrites workspace.json `states` for the objects landed so far (journaled, with the previous file in the rollback
 * package); nothing when they are already as they should be.
 */
async function writeStates(
  writer: FileWriter,
  rollback: RollbackStore,
  task: StoredImportTask,
  statesBefore: Record<string, ObjectStateEntry>,
  landed: readonly LandedObject[],
  changedAt: string,
  journal: RunJournal,
): Promise<void> {
  const file = path.join(task.destinationPath, WORKSPACE_FILE_NAME);
  const currentBytes = await fs.readFile(file);
  const config = await readWorkspaceConfig(task.destinationPath);
  const next = workspaceConfigSchema.parse(applyLandingStates(config, statesBefore, landed, changedAt));
  const data = Buffer.from(serializeWorkspaceConfig({ ...config, states: next.states }), 'utf8');
  if (data.equals(currentBytes)) return;
  await journal.append([
    journal.row(WORKSPACE_JOURNAL_ID, 'intended', {
      files: [{ path: WORKSPACE_FILE_NAME, sha256: sha256Of(data), previous: sha256Of(currentBytes) }],
    } satisfies IntendedDetail),
  ]);
  await rollback.save(WORKSPACE_FILE_NAME, currentBytes);
  try {
    await writer.write(file, data);
  } catch (error) {
    throw writeError(error, task.destinationPath, WORKSPACE_FILE_NAME);
  }
  await journal.append([
    journal.row(WORKSPACE_JOURNAL_ID, 'done', {
      files: [{ path: WORKSPACE_FILE_NAME, sha256: sha256Of(data) }],
      wrote: true,
    } satisfies DoneDetail),
  ]);
}
