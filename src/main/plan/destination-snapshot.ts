import type { Asset } from '../../shared/model/asset';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { openPackage } from '../formats/read-package';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { assetPlanHash, codeSha } from './plan-hash';
import { mapLimit } from './pool';

/**
 * A destination object as a plan uses it: identity, kind, name, folder and owner, and for tables and quality rules
 * the source document (the table checks read it). Everything else of an object (its code reference, schedule,
 * inputs, outputs, dependencies, where its document lies, other kinds' documents) a plan never reads: leaving it
 * out makes what the worker posts back a sixth of the size, and this thread takes it in that much faster.
 */
export type DestinationObject = Pick<Asset, 'id' | 'kind' | 'name' | 'folderPath' | 'owner' | 'original'>;

/**
 * The destination as a plan needs it: its workspace.json, its objects, and the plan hash of every object (what an
 * imported object is compared with, see plan-hash.ts). Taking it means reading every object's code, about as much
 * work as reading the package itself, which is why it can run on a worker thread beside the package read
 * (read-destination.ts).
 */
export interface DestinationSnapshot {
  /** The workspace folder (as read: absolute). */
  path: string;
  config: WorkspaceConfig;
  objects: DestinationObject[];
  /** Asset id -> plan hash, for every destination object. */
  planHashes: Map<string, string>;
}

export interface SnapshotOptions {
  signal?: AbortSignal;
  /** Objects read so far; `total` counts the files listed, then the objects whose code is hashed. */
  onProgress?: (done: number, total: number, step: string) => void;
}

export const readingStep = 'Reading the destination';
export const hashingStep = 'Hashing the destination';

/** How many code files are read at once: enough to keep the disk busy, few enough to bound memory. */
const READ_CONCURRENCY = 16;

/** Reads a destination workspace folder on this thread. */
export async function snapshotDestination(
  folder: string,
  options: SnapshotOptions = {},
): Promise<DestinationSnapshot> {
  const { signal, onProgress } = options;
  const config = await readWorkspaceConfig(folder);
  // Objects are compared, and the destination hashed, by plan hashes: the reader's content hashes would go unused.
  // Opened once: the objects are read, then their code hashed through the same listing of the folder.
  const opened = await openPackage(folder, {
    signal,
    contentHashes: false,
    onProgress: (done, total) => onProgress?.(done, total, readingStep),
  });
  const { model } = opened;
  const planHashes = new Map<string, string>();
  try {
    const withCode = model.assets.filter((a) => a.code !== null);
    for (const a of model.assets) if (a.code === null) planHashes.set(a.id, assetPlanHash(a, null));
    let done = 0;
    await mapLimit(
      withCode,
      READ_CONCURRENCY,
      async (asset) => {
        const bytes = await opened.code.readBytes(asset.id);
        planHashes.set(asset.id, assetPlanHash(asset, bytes ? codeSha(bytes) : null));
        onProgress?.((done += 1), withCode.length, hashingStep);
      },
      signal,
    );
    await opened.verifyRest(signal);
  } finally {
    await opened.close();
  }
  return { path: model.sourcePath, config, objects: model.assets.map(destinationObject), planHashes };
}

function destinationObject(asset: Asset): DestinationObject {
  const { id, kind, name, folderPath, owner } = asset;
  return { id, kind, name, folderPath, owner, original: documentKinds.has(kind) ? asset.original : null };
}

const documentKinds = new Set<Asset['kind']>(['table', 'quality-rule']);
