import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { WorkspaceSnapshot } from './workspace-snapshot';
import { sha256Of } from '../formats/known-sha256';

/** Files read at once: enough to hide disk latency, few enough to hold little memory. */
const concurrency = 16;

/** sha256 of each file's bytes, filled as files are read (by fingerprinting or by writing). */
export type FileHashes = Map<string, string>;

/**
 * The fingerprint of an object: sha256 over the names and hashes of the files it owns. It is what decides
 * "changed": the reader's content hash of a folder object covers its code size, not its code bytes, and file times
 * change when nothing did (a copy, a checkout). An object without files (a workflow folder) uses its content hash.
 */
export function filesHash(
  snapshot: Pick<WorkspaceSnapshot, 'files' | 'byId'>,
  id: string,
  hashes: FileHashes,
): string {
  const files = snapshot.files.get(id) ?? [];
  if (files.length === 0) return snapshot.byId.get(id)?.contentHash ?? '';
  const hash = createHash('sha256');
  for (const file of files) {
    const fileHash = hashes.get(file);
    if (fileHash === undefined)
      throw new FerryError('internal', `${file}: not hashed before fingerprinting ${id}`);
    hash.update(`${file}\u0000${fileHash}\n`);
  }
  return hash.digest('hex');
}

/** Reads and hashes the files of `ids` not hashed yet, a few at a time; honours cancellation. */
export async function hashFilesOf(
  snapshot: Pick<WorkspaceSnapshot, 'files' | 'source'>,
  ids: Iterable<string>,
  hashes: FileHashes,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const pending = new Set<string>();
  for (const id of ids)
    for (const file of snapshot.files.get(id) ?? []) if (!hashes.has(file)) pending.add(file);
  const queue = [...pending];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < queue.length) {
      options.signal?.throwIfAborted();
      const file = queue[next++];
      hashes.set(file, sha256Of(await snapshot.source.readBytes(file)));
      options.onProgress?.(++done, queue.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

/** Latest modification time (ms) of the files of each object, for "since a date" without a baseline. */
export async function modifiedTimes(
  snapshot: Pick<WorkspaceSnapshot, 'files' | 'folder'>,
  ids: Iterable<string>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const list = [...ids];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const id = list[next++];
      let newest = 0;
      for (const file of snapshot.files.get(id) ?? []) {
        const stat = await fs.stat(path.join(snapshot.folder, ...file.split('/')));
        newest = Math.max(newest, stat.mtimeMs);
      }
      out.set(id, newest);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
  return out;
}
