import type { Asset } from '../../shared/model/asset';
import type { PackageModel } from '../../shared/model/package-model';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { openPackage } from '../formats/read-package';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { assetPlanHash, codeSha } from './plan-hash';
import { mapLimit } from './pool';

/**
 * The destination as a plan needs it: its workspace.json, its objects (lean, see leanAsset), and the plan hash of
 * every object (what an imported object is compared with, see plan-hash.ts). Taking it means reading every object's
 * code, about as much work as reading the package itself, which is why it can run on a worker thread beside the
 * package read (read-destination.ts).
 */
export interface DestinationSnapshot {
  config: WorkspaceConfig;
  model: PackageModel;
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
  // The document envelopes are what a writer of this folder would need; a plan never reads them, and they were a
  // third of what the worker posts back (and this thread takes in).
  return { config, model: { ...model, assets: model.assets.map(leanAsset), documents: [] }, planHashes };
}

/**
 * A destination object as a plan uses it once hashed: identity, kind, name, folder, owner, code reference and, for
 * tables and quality rules, the source document (the table checks read it). What a plan never reads of a destination
 * object (schedule, parameters, inputs, outputs, dependencies, and other kinds' documents) is left out: it was most
 * of what the worker sends back. readOriginal() still finds any document.
 */
function leanAsset(asset: Asset): Asset {
  return {
    ...asset,
    schedule: null,
    parameters: [],
    inputs: [],
    outputs: [],
    dependencies: [],
    original: documentKinds.has(asset.kind) ? asset.original : null,
  };
}

const documentKinds = new Set<Asset['kind']>(['table', 'quality-rule']);
