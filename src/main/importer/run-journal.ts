import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { Plan, PlanObject } from '../../shared/model/plan';
import type { StoredImportTask } from '../history/import-repository';
import type { JournalEntry, LedgerEntry } from '../history/import-run-store';
import { sha256Of } from '../formats/known-sha256';
import { describeError, isFatal } from './import-errors';
import type { DoneDetail, ImporterDeps, IntendedDetail, ObjectFile, RunImportOptions } from './import-types';
import type { LandedObject } from './landing-states';
import type { Prepared, WriteOutcome } from './write-batch';

/**
 * The bookkeeping of one import run (see apply-plan.ts for the pipeline it serves): the journal rows it commits
 * before and after each batch is written, the identity ledger, which objects have landed, and which destination files
 * may exist. Each object's latest journal row is read once at the start and then kept up to date with every row this
 * run commits, so the outcome and the report need not read the task's whole journal again (~40,000 rows for 20,000
 * objects).
 */

/** An object's files as they land (or why it cannot land), computed ahead of its batch. */
export type Materialized =
  | {
      ok: true;
      object: PlanObject;
      files: ObjectFile[];
      /** sha256 of each file's new bytes (for the intended and the done journal rows). */
      sha: string[];
    }
  | { ok: false; object: PlanObject; error: unknown };

/** The path that stands for an object: its description file, or (a workflow, which is a folder) its folder. */
export function primaryPath(object: PlanObject, files: readonly { path: string }[]): string {
  return files[0]?.path ?? `DataStudio/${object.destination.folderPath}`;
}

/**
 * Case- and normalization-folded path, so that on a case-insensitive or normalizing file system a file the scan saw
 * under another spelling still counts as existing (and its previous bytes are read and saved).
 */
export const foldPath = (relative: string): string => relative.normalize('NFC').toLowerCase();

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export class RunJournal {
  /** The objects this run is to land (create and update), in plan order. */
  readonly toApply: readonly PlanObject[];
  /** Objects landed, by this run or an earlier one, with the path that stands for each. */
  readonly landed = new Map<string, LandedObject>();
  /** Objects of `toApply` landed so far. */
  done: number;
  /** Folded paths of the files there at the start, and of every file this run has sent to the writer since. */
  private readonly mayExist: Set<string>;

  private constructor(
    private readonly deps: ImporterDeps,
    private readonly task: StoredImportTask,
    plan: Plan,
    private readonly options: RunImportOptions,
    manifest: ReadonlyMap<string, string>,
    /** The destination's identity ledger: it changes only under the destination lock this run holds. */
    private readonly ledger: Map<string, LedgerEntry>,
    /** Each object's latest journal row, this run's included. */
    readonly latest: Map<string, JournalEntry>,
  ) {
    for (const object of plan.objects) {
      const row = latest.get(object.assetId);
      if (row?.phase === 'done')
        this.landed.set(object.assetId, {
          object,
          path: primaryPath(object, (JSON.parse(row.detail) as DoneDetail).files),
        });
    }
    this.toApply = plan.objects.filter((o) => o.action === 'create' || o.action === 'update');
    this.done = this.toApply.filter((o) => this.landed.has(o.assetId)).length;
    // A file neither there at the start nor written by this run does not exist: no read (and no ENOENT) per new file.
    this.mayExist = new Set([...manifest.keys()].map(foldPath));
  }

  /** Reads the destination's ledger and the task's latest journal rows. */
  static async open(
    deps: ImporterDeps,
    task: StoredImportTask,
    plan: Plan,
    options: RunImportOptions,
    /** The destination's files when this run started (the destination is locked: only this run changes it since). */
    manifest: ReadonlyMap<string, string>,
  ): Promise<RunJournal> {
    const ledger = new Map(
      (await deps.repository.listLedger(task.destinationKey)).map((e) => [e.sourceId, e]),
    );
    const latest = await deps.repository.latestJournal(task.id);
    return new RunJournal(deps, task, plan, options, manifest, ledger, latest);
  }

  get total(): number {
    return this.toApply.length;
  }

  /** The objects still to land, in wave order (upstream first). */
  pending(): PlanObject[] {
    return this.toApply.filter((o) => !this.landed.has(o.assetId)).sort((a, b) => a.wave - b.wave);
  }

  /** A journal row of this run, as of now. */
  row(objectId: string, phase: JournalEntry['phase'], detail: unknown): JournalEntry {
    return {
      taskId: this.task.id,
      run: this.task.runs,
      objectId,
      phase,
      detail: JSON.stringify(detail),
      at: this.now(),
    };
  }

  /** Commits rows (one transaction) and keeps them as their objects' latest. */
  async append(rows: readonly JournalEntry[]): Promise<void> {
    await this.deps.repository.appendJournal(rows);
    this.committed(rows);
  }

  /**
   * Once the previous batch has landed: the ledger guard and the previous bytes of every file, then the batch's
   * `intended` (or `failed`) journal rows, committed before anything of it is written.
   */
  async prepareBatch(batch: readonly Materialized[]): Promise<Prepared[]> {
    const prepared: Prepared[] = [];
    const failedRows: JournalEntry[] = [];
    for (const m of batch) {
      const { object } = m;
      try {
        if (!m.ok) throw m.error;
        await this.guardDuplicate(object, m.files);
        const previous = await Promise.all(m.files.map((f) => this.previousOf(f.path)));
        prepared.push({ object, files: m.files, previous, sha: m.sha });
      } catch (error) {
        if (isFatal(error)) throw error;
        failedRows.push(this.row(object.assetId, 'failed', describeError(error)));
      }
    }
    const rows = [
      ...prepared.map((p) =>
        this.row(p.object.assetId, 'intended', {
          files: p.files.map((f, i) => ({
            path: f.path,
            sha256: p.sha[i],
            previous: p.previous[i] ? sha256Of(p.previous[i]) : null,
          })),
        } satisfies IntendedDetail),
      ),
      ...failedRows,
    ];
    await this.append(rows);
    return prepared;
  }

  /**
   * Every file of a batch sent to the writer may now exist (also those whose write failed: their temporary file is
   * gone, but a failed rename may have happened after all); a later object of this run then reads it first.
   */
  sent(files: Iterable<string>): void {
    for (const file of files) this.mayExist.add(file);
  }

  /**
   * Journals a written batch: `done` rows with their ledger rows, or `failed`; one commit. Returns the objects
   * landed; throws the batch's fatal error, if any, after the commit.
   */
  async recordOutcomes(outcomes: readonly WriteOutcome[]): Promise<number> {
    const finished: JournalEntry[] = [];
    const ledgerRows: LedgerEntry[] = [];
    let landedNow = 0;
    try {
      for (const outcome of outcomes) {
        const p = outcome.prepared;
        if (outcome.error !== null) {
          finished.push(this.row(p.object.assetId, 'failed', describeError(outcome.error)));
          continue;
        }
        if (!outcome.complete) continue; // not attempted after a fatal error: a later run finishes it
        const target = primaryPath(p.object, p.files);
        finished.push(
          this.row(p.object.assetId, 'done', {
            files: p.files.map((f, i) => ({ path: f.path, sha256: p.sha[i] })),
            wrote: outcome.wrote,
          } satisfies DoneDetail),
        );
        const row: LedgerEntry = {
          destinationKey: this.task.destinationKey,
          sourceId: p.object.assetId,
          objectId: p.object.destination.id,
          kind: p.object.kind,
          path: target,
          files: p.files.map((f) => f.path),
          contentHash: p.object.afterHash,
          taskId: this.task.id,
          updatedAt: this.now(),
        };
        ledgerRows.push(row);
        this.ledger.set(row.sourceId, row);
        this.landed.set(p.object.assetId, { object: p.object, path: target });
        this.done += 1;
        landedNow += 1;
        this.options.progress?.progress?.(this.done, this.total);
      }
    } finally {
      await this.deps.repository.appendJournalWithLedger(finished, ledgerRows);
      this.committed(finished);
    }
    const fatalOutcome = outcomes.find((o) => o.error !== null && isFatal(o.error));
    if (fatalOutcome?.error) throw fatalOutcome.error;
    return landedNow;
  }

  private committed(rows: readonly JournalEntry[]): void {
    for (const row of rows) this.latest.set(row.objectId, row);
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private previousOf(relative: string): Promise<Buffer | null> {
    return this.mayExist.has(foldPath(relative))
      ? readIfExists(path.join(this.task.destinationPath, ...relative.split('/')))
      : Promise.resolve(null);
  }

  /** Ledger guard: an identity already imported elsewhere in this destination is never written a second time. */
  private async guardDuplicate(object: PlanObject, files: readonly ObjectFile[]): Promise<void> {
    const entry = this.ledger.get(object.assetId);
    const target = primaryPath(object, files);
    if (!entry || entry.path === target) return;
    const stillThere = await readIfExists(path.join(this.task.destinationPath, ...entry.path.split('/')));
    if (stillThere === null) return;
    throw new FerryError(
      'conflict',
      `${object.name} was imported before as ${entry.path}; the plan would write it to ${target}. Refusing to create a second copy: preview again.`,
    );
  }
}
