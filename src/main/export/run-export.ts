import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { ExportObjectRef, ExportPreview, ExportResult, ExportScope } from '../../shared/model/export';
import type { HistoryRepository } from '../history/history-repository';
import type { JobContext } from '../jobs/job-runner';
import { baselineAssets, classifyPlan, planExport, type ExportPlan } from './export-plan';
import { checkOutputPath } from './output-path';
import {
  writeExportPackage,
  type OutputFile,
  type OutputManifest,
  type PackageOutput,
} from './package-output';
import { packageEntryName } from './workspace-snapshot';

export interface ExportRequest extends ExportScope {
  outPath: string;
  passphrase?: string;
  /** Replace an existing file at `outPath` (only once the new package is complete). */
  overwrite?: boolean;
}

export interface ExportDeps {
  history: HistoryRepository;
  output?: PackageOutput;
  now?: () => Date;
}

/** Reads ahead this many files while the writer compresses, so disk and CPU overlap. */
const readAhead = 16;

/**
 * The export job: plan (read the workspace, fingerprint, select), copy each packaged object's own files byte for
 * byte into the package, then record the package and the baseline in history. Nothing is recorded, and no file is
 * left, when it fails or is cancelled.
 */
export async function runExport(
  request: ExportRequest,
  ctx: JobContext,
  deps: ExportDeps,
): Promise<ExportResult> {
  const now = deps.now ?? (() => new Date());
  const outPath = await checkOutputPath(request.outPath, request.workspacePath, request.overwrite ?? false);
  const plan = await planExport(scopeOf(request), deps.history, {
    signal: ctx.signal,
    step: (text) => ctx.step(text),
    progress: (done, total) => ctx.progress(done, total),
    deferHashing: true,
  });
  try {
    const createdAt = now().toISOString();
    ctx.step('Writing the package');
    const total = plan.files.length;
    ctx.progress(0, total);
    const written = await (deps.output ?? writeExportPackage)(
      outPath,
      {
        files: readFiles(plan, ctx.signal),
        manifest: manifestOf(plan, createdAt),
        passphrase: request.passphrase,
      },
      { signal: ctx.signal, onProgress: (files) => ctx.progress(Math.min(files, total), total) },
    );
    for (const file of written.files) {
      const entry = `${plan.snapshot.model.root}${file.path}`;
      if (!plan.hashes.has(entry)) plan.hashes.set(entry, file.sha256);
    }
    classifyPlan(plan);
    if (ctx.signal.aborted) {
      await fs.rm(outPath, { force: true });
      throw new FerryError('cancelled', `${request.outPath}: the export was cancelled`);
    }
    ctx.step('Recording in history');
    const record = await deps.history.recordPackage({
      path: outPath,
      fileName: path.basename(outPath),
      size: written.size,
      sha256: written.sha256,
      entryCount: written.entries,
      openedAt: createdAt,
    });
    const baseline = await deps.history.recordExportBaseline({
      workspacePath: plan.snapshot.folder,
      projectIdentifier: plan.snapshot.config.project.identifier,
      exportType: plan.scope.type,
      complete: plan.complete,
      createdAt,
      packageId: record.id,
      assets: baselineAssets(plan),
    });
    ctx.progress(total, total, 'Done');
    const refs = (change: string) =>
      plan.items
        .filter((i) => i.change === change)
        .map((i): ExportObjectRef => ({ id: i.id, kind: i.kind, name: i.name, entry: i.entry }));
    return {
      path: outPath,
      size: written.size,
      sha256: written.sha256,
      type: plan.scope.type,
      projectIdentifier: plan.snapshot.config.project.identifier,
      basis: plan.basis,
      counts: plan.counts,
      added: refs('new'),
      changed: refs('changed'),
      deleted: refs('deleted'),
      notes: plan.notes,
      packageRecordId: record.id,
      baselineId: baseline.id,
    };
  } finally {
    await plan.snapshot.close();
  }
}

/** `export:preview`: the plan, without writing anything. */
export async function previewExport(
  scope: ExportScope,
  history: HistoryRepository,
  signal?: AbortSignal,
): Promise<ExportPreview> {
  const plan = await planExport(scope, history, { signal });
  await plan.snapshot.close();
  return {
    type: plan.scope.type,
    projectIdentifier: plan.snapshot.config.project.identifier,
    basis: plan.basis,
    items: plan.items,
    counts: plan.counts,
    notes: plan.notes,
  };
}

export function scopeOf(request: ExportRequest): ExportScope {
  const { outPath: _out, passphrase: _passphrase, overwrite: _overwrite, ...scope } = request;
  return scope;
}

/** The planned files, read a few ahead of the writer, each hashed once for the baseline. */
async function* readFiles(plan: ExportPlan, signal: AbortSignal): AsyncGenerator<OutputFile> {
  const read = (file: string) => {
    const bytes = plan.snapshot.source.readBytes(file);
    // Reads still in flight when the writer stops early must not surface as unhandled rejections.
    bytes.catch(() => undefined);
    return bytes;
  };
  const inFlight: Promise<Buffer>[] = [];
  let next = 0;
  while (next < plan.files.length && inFlight.length < readAhead) inFlight.push(read(plan.files[next++]));
  for (let i = 0; i < plan.files.length; i++) {
    signal.throwIfAborted();
    const data = await inFlight.shift()!;
    if (next < plan.files.length) inFlight.push(read(plan.files[next++]));
    // The writer hashes each file for the manifest; those hashes become the baseline's (see runExport).
    yield { path: packageEntryName(plan.snapshot, plan.files[i]), data };
  }
}

function manifestOf(plan: ExportPlan, createdAt: string): OutputManifest {
  const { config } = plan.snapshot;
  const select = plan.scope.select;
  const selection =
    plan.scope.type === 'custom' && select
      ? [
          ...(select.ids ?? []),
          ...(select.workflows ?? []).map((w) => `workflow:${w}`),
          ...(select.nodeTypes ?? []).map((t) => `nodeType:${t}`),
          ...(select.folders ?? []).map((f) => `folder:${f}`),
        ]
      : null;
  return {
    createdBy: createdBy(),
    createdAt,
    source: {
      projectIdentifier: config.project.identifier,
      displayName: config.project.displayName,
      region: config.region,
    },
    export: {
      type: plan.scope.type,
      since: plan.since,
      selection,
      withDependencies: plan.scope.withDeps !== undefined,
    },
    counts: plan.counts.byKind,
  };
}

function createdBy(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return os.hostname();
  }
}
