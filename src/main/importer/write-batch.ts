import path from 'node:path';
import type { PlanObject } from '../../shared/model/plan';
import { writeFiles, type FileWriter } from './atomic-file';
import { isFatal, writeError } from './import-errors';
import type { ObjectFile } from './import-types';
import type { RollbackStore } from './rollback-store';

/** An object of a batch about to be written: its files, what they held before (null: no such file), their sha256. */
export interface Prepared {
  object: PlanObject;
  files: ObjectFile[];
  previous: (Buffer | null)[];
  sha: string[];
}

/**
 * A batch whose previous versions were saved: per object, the indexes of the files whose bytes differ (the ones to
 * write); `error` when the rollback store could not save them, in which case nothing of the batch may be written.
 */
export interface SavedBatch {
  prepared: readonly Prepared[];
  pending: number[][];
  error: Error | null;
}

export interface WriteOutcome {
  prepared: Prepared;
  /** The object's first error (a write error is a FerryError naming the file), or null. */
  error: Error | null;
  /** Every file that differed was written (false when a fatal error stopped the batch before them). */
  complete: boolean;
  /** Some file differed and was written. */
  wrote: boolean;
}

/**
 * Saves the previous version of every file of the batch whose bytes differ into the rollback store (one flush), so
 * that no file is replaced before its previous version is safe.
 */
export async function saveRollback(
  prepared: readonly Prepared[],
  rollback: RollbackStore,
): Promise<SavedBatch> {
  const pending = prepared.map((p) =>
    p.files.flatMap((file, i) => (p.previous[i] !== null && p.previous[i].equals(file.data) ? [] : [i])),
  );
  try {
    await rollback.saveMany(
      prepared.flatMap((p, k) =>
        pending[k].map((i) => ({ relative: p.files[i].path, previous: p.previous[i] })),
      ),
    );
    return { prepared, pending, error: null };
  } catch (thrown) {
    return { prepared, pending, error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
  }
}

/** Writes the differing files of a saved batch (one flush, see `FileWriter.writeMany`). One outcome per object. */
export async function writeBatch(
  saved: SavedBatch,
  destination: string,
  writer: FileWriter,
): Promise<WriteOutcome[]> {
  const { prepared, pending, error } = saved;
  if (error !== null)
    return prepared.map((p, k) =>
      pending[k].length === 0
        ? { prepared: p, error: null, complete: true, wrote: false }
        : { prepared: p, error, complete: false, wrote: false },
    );
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
