import { FerryError } from '../../shared/errors';
import { assetKinds } from '../../shared/model/asset';
import type {
  ChangeBasis,
  ChangeType,
  ExportCounts,
  ExportItem,
  ExportScope,
  InclusionReason,
} from '../../shared/model/export';
import type { BaselineAsset } from '../../shared/model/export-baseline';
import type { HistoryRepository } from '../history/history-repository';
import { parseSince } from './change-set';
import { addQualityRulesOf, closeOverDependencies } from './dependency-closure';
import { filesHash, hashFilesOf, modifiedTimes, type FileHashes } from './fingerprint';
import { isEmptySelection, selectAssets } from './selection';
import { closeOverUsage } from './usage-closure';
import { openWorkspaceSnapshot, type WorkspaceSnapshot } from './workspace-snapshot';

/** Everything an export will do, decided before a byte is written; `export:preview` shows exactly this. */
export interface ExportPlan {
  snapshot: WorkspaceSnapshot;
  scope: ExportScope;
  /** ISO time `since` resolved to, for incremental exports that gave one. */
  since: string | null;
  basis: ChangeBasis;
  items: ExportItem[];
  deleted: BaselineAsset[];
  /** Workspace files to copy, SPEC.FORMAT first, then in path order. */
  files: string[];
  counts: ExportCounts;
  notes: string[];
  /** File hashes read while planning (every file for full and incremental exports). */
  hashes: FileHashes;
  /** Whether the baseline recorded after this export describes the whole workspace. */
  complete: boolean;
  /** How an object compares with the basis; needs the object's files hashed. */
  changeOf: (id: string) => ChangeType;
  /** True when items still await {@link classifyPlan} (hashing was left to the writer). */
  deferred: boolean;
}

export interface PlanOptions {
  signal?: AbortSignal;
  step?: (text: string) => void;
  progress?: (done: number, total: number) => void;
  /**
   * A full export reads every file anyway to write it: let the writer hash them, instead of reading everything
   * twice, and call {@link classifyPlan} afterwards.
   */
  deferHashing?: boolean;
}

/** Opens the workspace and plans the export; the caller closes `plan.snapshot`. */
export async function planExport(
  scope: ExportScope,
  history: HistoryRepository,
  options: PlanOptions = {},
): Promise<ExportPlan> {
  if (scope.type === 'custom' && isEmptySelection(scope.select)) {
    throw new FerryError(
      'bad-request',
      'A custom export needs a selection: ids, workflows, node types or folders',
    );
  }
  if (scope.type !== 'incremental' && scope.since !== undefined) {
    throw new FerryError('bad-request', `"since" applies to incremental exports only, not ${scope.type}`);
  }
  const since = scope.since === undefined ? null : parseSince(scope.since);
  if (scope.since !== undefined && since === null) {
    throw new FerryError(
      'bad-request',
      `"${scope.since}" is not a date (use 2026-03-01 or 2026-03-01T18:30:00Z)`,
    );
  }
  options.step?.('Reading the workspace');
  const snapshot = await openWorkspaceSnapshot(scope.workspacePath, {
    signal: options.signal,
    onProgress: options.progress,
  });
  try {
    return await planFor(snapshot, scope, since, history, options);
  } catch (error) {
    await snapshot.close();
    throw error;
  }
}

async function planFor(
  snapshot: WorkspaceSnapshot,
  scope: ExportScope,
  since: string | null,
  history: HistoryRepository,
  options: PlanOptions,
): Promise<ExportPlan> {
  const { model } = snapshot;
  const projectIdentifier = snapshot.config.project.identifier;
  const allIds = model.assets.map((a) => a.id);
  const baseline = await history.findExportBaseline({
    workspacePath: snapshot.folder,
    projectIdentifier,
    completeOnly: true,
    before: since ?? undefined,
  });
  if (scope.type === 'incremental' && since === null && baseline === null) {
    throw new FerryError(
      'not-found',
      `${scope.workspacePath}: no earlier full or incremental export of ${projectIdentifier} is recorded here; run a full export first or give a date to export changes since`,
    );
  }
  const basis: ChangeBasis = baseline
    ? { kind: 'baseline', baselineId: baseline.id, createdAt: baseline.createdAt }
    : since !== null
      ? { kind: 'mtime', since }
      : { kind: 'none' };
  const complete = scope.type !== 'custom';
  const hashes: FileHashes = new Map();
  const hashing = { signal: options.signal, onProgress: options.progress };

  // Which objects start the export, and for what reason.
  const included = new Map<string, InclusionReason>();
  let changeOf: (id: string) => ChangeType;
  const deferred = options.deferHashing === true && scope.type === 'full' && basis.kind === 'baseline';
  if (complete && !(options.deferHashing === true && scope.type === 'full')) {
    options.step?.('Fingerprinting objects');
    await hashFilesOf(snapshot, allIds, hashes, hashing);
  }
  if (basis.kind === 'mtime') {
    const times = await modifiedTimes(snapshot, allIds);
    const after = Date.parse(basis.since);
    changeOf = (id) => ((times.get(id) ?? 0) > after ? 'changed' : 'unchanged');
  } else if (basis.kind === 'baseline') {
    const before = new Map(baseline!.assets.map((a) => [a.id, a.filesHash]));
    changeOf = (id) => {
      const old = before.get(id);
      return old === undefined ? 'new' : old === filesHash(snapshot, id, hashes) ? 'unchanged' : 'changed';
    };
  } else {
    changeOf = () => 'new';
  }

  if (scope.type === 'full') for (const id of allIds) included.set(id, 'selected');
  else if (scope.type === 'incremental') {
    for (const id of allIds) if (changeOf(id) !== 'unchanged') included.set(id, 'changed');
  } else {
    for (const id of selectAssets(model.assets, scope.select ?? {})) included.set(id, 'selected');
    // A picked workflow means its nodes: the folder is the workflow, it has no file of its own.
    for (const [id, workflowId] of snapshot.workflowOf) {
      if (included.get(workflowId) === 'selected' && !included.has(id)) included.set(id, 'selected');
    }
  }
  if (scope.type !== 'full' && scope.withDeps) {
    options.step?.('Following dependencies');
    closeOverDependencies(model.assets, [...included.keys()], scope.withDeps, included);
    addQualityRulesOf(model.assets, included);
    await closeOverUsage(snapshot, included, options.signal);
  }
  addSameFileAndContainers(snapshot, included);
  if (!complete) await hashFilesOf(snapshot, included.keys(), hashes, hashing);

  const items: ExportItem[] = [];
  for (const asset of model.assets) {
    const reason = included.get(asset.id);
    if (reason === undefined) continue;
    items.push({
      id: asset.id,
      kind: asset.kind,
      name: asset.name,
      folderPath: asset.folderPath,
      nodeType: asset.nodeType,
      entry: asset.origin.entry,
      change: deferred ? 'unchanged' : changeOf(asset.id),
      reason,
    });
  }
  items.sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : a.id < b.id ? -1 : 1));
  const deleted = complete && baseline ? baseline.assets.filter((a) => !snapshot.byId.has(a.id)) : [];
  for (const gone of deleted) {
    items.push({ ...gone, folderPath: '', nodeType: null, change: 'deleted', reason: 'changed' });
  }

  const fileSet = new Set<string>();
  for (const id of included.keys()) for (const file of snapshot.files.get(id) ?? []) fileSet.add(file);
  const otherFiles = scope.type === 'full' ? snapshot.otherFiles : [];
  for (const file of otherFiles) fileSet.add(file);
  const files = [snapshot.marker, ...[...fileSet].sort()];

  const counts = countItems(items, files.length, otherFiles.length);
  const notes = explain(snapshot, scope, basis, included, otherFiles);
  return {
    snapshot,
    scope,
    since,
    basis,
    items,
    deleted,
    files,
    counts,
    notes,
    hashes,
    complete,
    changeOf,
    deferred,
  };
}

/** Marks each packaged object new/changed/unchanged once its files are hashed (after a deferred-hashing write). */
export function classifyPlan(plan: ExportPlan): void {
  if (!plan.deferred) return;
  for (const item of plan.items) if (item.change !== 'deleted') item.change = plan.changeOf(item.id);
  plan.counts = countItems(plan.items, plan.counts.files, plan.counts.otherFiles);
  plan.deferred = false;
}

/** Objects sharing a file with an included one come along (a package cannot carry half a file); so do workflows. */
function addSameFileAndContainers(snapshot: WorkspaceSnapshot, included: Map<string, InclusionReason>): void {
  const queue = [...included.keys()];
  for (let i = 0; i < queue.length; i++) {
    for (const file of snapshot.files.get(queue[i]) ?? []) {
      for (const sibling of snapshot.owners.get(file) ?? []) {
        if (included.has(sibling)) continue;
        included.set(sibling, 'same-file');
        queue.push(sibling);
      }
    }
  }
  for (const id of [...included.keys()]) {
    const workflowId = snapshot.workflowOf.get(id);
    if (workflowId !== undefined && !included.has(workflowId)) included.set(workflowId, 'container');
  }
}

function countItems(items: ExportItem[], files: number, otherFiles: number): ExportCounts {
  const counts: ExportCounts = {
    byKind: {},
    objects: 0,
    files,
    otherFiles,
    new: 0,
    changed: 0,
    unchanged: 0,
    deleted: 0,
  };
  for (const item of items) {
    counts[item.change] += 1;
    if (item.change === 'deleted') continue;
    counts.objects += 1;
    counts.byKind[item.kind] = (counts.byKind[item.kind] ?? 0) + 1;
  }
  // Kinds in the model's order (nodes first), whatever order the items came in.
  counts.byKind = Object.fromEntries(
    assetKinds.filter((k) => k in counts.byKind).map((k) => [k, counts.byKind[k]]),
  );
  return counts;
}

function explain(
  snapshot: WorkspaceSnapshot,
  scope: ExportScope,
  basis: ChangeBasis,
  included: Map<string, InclusionReason>,
  otherFiles: string[],
): string[] {
  const notes: string[] = [];
  if (basis.kind === 'mtime') {
    notes.push(
      `No export of this workspace is recorded before ${basis.since}: changes were judged by file modification times, so new and changed objects are both listed as changed and deleted objects cannot be seen.`,
    );
  }
  if (otherFiles.length > 0) {
    const sample = otherFiles.slice(0, 2).join(', ');
    notes.push(
      `${otherFiles.length} file(s) that no object owns were carried as they are (${sample}${otherFiles.length > 2 ? ', ...' : ''}).`,
    );
  }
  if (scope.type !== 'full') {
    const outside: string[] = [];
    for (const id of included.keys()) {
      const asset = snapshot.byId.get(id);
      for (const dep of asset?.dependencies ?? []) {
        if (dep.targetId !== null && !included.has(dep.targetId)) {
          outside.push(`${asset!.name} -> ${snapshot.byId.get(dep.targetId)?.name ?? dep.targetId}`);
        }
      }
    }
    if (outside.length > 0) {
      notes.push(
        `${outside.length} dependenc${outside.length === 1 ? 'y points' : 'ies point'} to objects left out of the package (${outside.slice(0, 3).join(', ')}${outside.length > 3 ? ', ...' : ''}); the destination must already have them.`,
      );
    }
  }
  const errors = snapshot.model.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0)
    notes.push(
      `${errors.length} file(s) of the workspace could not be read and are not in the package (${errors[0].message}).`,
    );
  return notes;
}

/** The objects of the workspace with their fingerprints, as the baseline recorded after the export. */
export function baselineAssets(plan: ExportPlan): BaselineAsset[] {
  const ids = plan.complete
    ? plan.snapshot.model.assets.map((a) => a.id)
    : plan.items.filter((i) => i.change !== 'deleted').map((i) => i.id);
  return ids.map((id) => {
    const asset = plan.snapshot.byId.get(id)!;
    return {
      id,
      kind: asset.kind,
      name: asset.name,
      entry: asset.origin.entry,
      contentHash: asset.contentHash,
      filesHash: filesHash(plan.snapshot, id, plan.hashes),
    };
  });
}
