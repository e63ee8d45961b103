import path from 'node:path';
import fs from 'node:fs/promises';
import type { ArchiveEntry, EntryPage, OpenedPackage } from '../../shared/model/package-listing';
import type { JobContext } from '../jobs/job-runner';
import type { HistoryRepository } from '../history/history-repository';
import { listArchive } from '../formats/zip/archive-listing';
import { sha256File } from './file-hash';

export interface OpenedPackageSession {
  summary: OpenedPackage;
  entries: ArchiveEntry[];
}

/**
 * Opens a package file: lists its entries (central directory only) and hashes it in parallel, then records it
 * in history. Nothing is recorded for a package that could not be read.
 */
export async function openPackageFile(
  filePath: string,
  ctx: JobContext,
  history: HistoryRepository,
  now: () => Date = () => new Date(),
): Promise<OpenedPackageSession> {
  const absolute = path.resolve(filePath);
  ctx.step('Reading the entry list');
  const [entries, sha256] = await Promise.all([
    listArchive(absolute, { signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total) }),
    sha256File(absolute, ctx.signal),
  ]);
  const { size } = await fs.stat(absolute);
  ctx.step('Recording in history');
  const record = await history.recordPackage({
    path: absolute,
    fileName: path.basename(absolute),
    size,
    sha256,
    entryCount: entries.length,
    openedAt: now().toISOString(),
  });
  ctx.progress(entries.length, entries.length, 'Done');
  return { summary: { ...record, id: ctx.jobId }, entries };
}

/** A page of entries, filtered by a case-insensitive substring of the name. */
export function pageOfEntries(entries: ArchiveEntry[], offset: number, limit: number, search?: string): EntryPage {
  const needle = search?.trim().toLowerCase();
  const matching = needle ? entries.filter((e) => e.name.toLowerCase().includes(needle)) : entries;
  return { total: matching.length, entries: matching.slice(offset, offset + limit) };
}
