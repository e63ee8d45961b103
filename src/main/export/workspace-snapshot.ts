import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { Asset } from '../../shared/model/asset';
import type { PackageModel } from '../../shared/model/package-model';
import { WORKSPACE_FILE_NAME, type WorkspaceConfig } from '../../shared/model/workspace';
import { openFolderSource } from '../formats/source/folder-source';
import type { PackageSource } from '../formats/source/package-source';
import { specFormatMarker } from '../formats/spec-package/spec-package-layout';
import { readSpecPackage } from '../formats/spec-package/spec-package-reader';
import { workflowMembership } from './selection';
import { isWorkspaceFolder, readWorkspaceConfig } from '../workspace/workspace-config';

/**
 * A workspace folder as the export sees it: its description, the objects the SPEC reader finds, and which files
 * belong to which object. Exports copy those files byte for byte; they never re-serialise an object.
 */
export interface WorkspaceSnapshot {
  /** Real path of the folder (the identity of the workspace in history, with the project identifier). */
  folder: string;
  config: WorkspaceConfig;
  model: PackageModel;
  /** Open read access to the folder; close it with {@link WorkspaceSnapshot.close}. */
  source: PackageSource;
  byId: Map<string, Asset>;
  /** Object id to the id of the workflow (folder) it belongs to. */
  workflowOf: Map<string, string>;
  /** Asset id to the workspace-relative files it owns: its description file, then its code or resource file. */
  files: Map<string, string[]>;
  /** File to the ids of the assets it holds (a container node's file also holds its inner nodes). */
  owners: Map<string, string[]>;
  /** The SPEC.FORMAT marker file. */
  marker: string;
  /** Files no object owns (none in the SPEC layout Ferry reads; stray files): carried as they are by a full export only. */
  otherFiles: string[];
  close(): Promise<void>;
}

export interface SnapshotOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Opens a workspace folder: checks it is one, validates workspace.json and reads its objects. */
export async function openWorkspaceSnapshot(
  folder: string,
  options: SnapshotOptions = {},
): Promise<WorkspaceSnapshot> {
  const absolute = path.resolve(folder);
  if (!(await isWorkspaceFolder(absolute))) {
    const what = await fs.stat(absolute).then(
      (s) => (s.isDirectory() ? `has no ${WORKSPACE_FILE_NAME}` : 'is not a folder'),
      () => 'does not exist',
    );
    throw new FerryError('not-found', `${folder}: not a workspace folder (it ${what})`, { path: absolute });
  }
  const config = await readWorkspaceConfig(absolute);
  const real = await fs.realpath(absolute);
  const source = await openFolderSource(real, options);
  try {
    const model = await readSpecPackage(source, { container: 'folder', sourcePath: real }, options);
    return { ...indexFiles(model, source), folder: real, config, model, source, close: () => source.close() };
  } catch (error) {
    await source.close();
    throw error;
  }
}

function indexFiles(model: PackageModel, source: PackageSource) {
  const byId = new Map(model.assets.map((a) => [a.id, a]));
  const files = new Map<string, string[]>();
  const owners = new Map<string, string[]>();
  for (const asset of model.assets) {
    const own: string[] = [];
    if (source.info(asset.origin.entry)) own.push(asset.origin.entry);
    if (
      asset.code &&
      asset.code.pointer === null &&
      source.info(asset.code.entry) &&
      !own.includes(asset.code.entry)
    ) {
      own.push(asset.code.entry);
    }
    files.set(asset.id, own);
    for (const file of own) {
      const list = owners.get(file);
      if (list) list.push(asset.id);
      else owners.set(file, [asset.id]);
    }
  }
  const marker = `${model.root}${specFormatMarker}`;
  // Hidden files and folders (.git, .DS_Store, editor temp files) and workspace.json are not package content.
  const otherFiles = source
    .list()
    .filter(
      (file) =>
        file.startsWith(model.root) &&
        file !== marker &&
        file !== `${model.root}${WORKSPACE_FILE_NAME}` &&
        !owners.has(file) &&
        !file.split('/').some((segment) => segment.startsWith('.')),
    );
  return { byId, workflowOf: workflowMembership(model.assets), files, owners, marker, otherFiles };
}

/** The name a workspace file gets inside the package: relative to the SPEC root. */
export function packageEntryName(snapshot: Pick<WorkspaceSnapshot, 'model'>, file: string): string {
  return file.slice(snapshot.model.root.length);
}
