import { isDeepStrictEqual } from 'node:util';
import type { Asset } from '../../../shared/model/asset';
import type { ManifestInfo } from '../../../shared/model/package-manifest';
import type { DocumentInfo, PackageModel } from '../../../shared/model/package-model';
import { isManifestEntry } from '../manifest/manifest-entries';
import {
  writePackage,
  type PackageFile,
  type WritePackageOptions,
  type WrittenPackage,
} from '../package-writer';
import { openCodeReader, type CodeReader } from '../read-package';
import { openSource } from '../source/open-source';
import type { PackageSource } from '../source/package-source';
import { isObj, type Obj } from '../flowspec/values';
import { fastjson } from './fastjson';
import { specFormatMarker } from './spec-package-layout';
import {
  assertOriginals,
  assembleDocument,
  documentSkeleton,
  placeAt,
  rebase,
  type Placement,
} from './spec-package-writer-documents';
import { collectionOf, descriptionPathOf, PathAllocator } from './spec-package-writer-layout';

export interface SpecPackageFilesOptions {
  signal?: AbortSignal;
  /** Put everything in this top folder (`<top>/SPEC.FORMAT`, ...), as migrationx zips it; default: at the zip root. */
  top?: string;
}

/**
 * The files of a DataWorks SPEC package for a model, one at a time (for {@link writePackage}).
 *
 * A model read from a SPEC package keeps its layout: each description file is rebuilt from its document info
 * and the assets read from it (`original` + inline code), and when the result equals what the source holds, the
 * source bytes are written unchanged (so an unchanged package is rewritten byte for byte); otherwise it is
 * written in DataWorks' layout (fastjson pretty print). Code files are copied from the source.
 *
 * A model read from FlowSpec is split the DataWorks way: one description file per top-level node, resource,
 * function, table, component or data source, with its inner nodes, its inline code and a `flow` entry for its
 * dependencies. Workflows become folders: the SPEC layout has no description file for a workflow, so
 * workflow-level settings (trigger, strategy, variables) of a FlowSpec workflow are not carried; use the
 * FlowSpec array writer for those.
 */
export async function* specPackageFiles(
  model: PackageModel,
  options: SpecPackageFilesOptions = {},
): AsyncGenerator<PackageFile> {
  assertOriginals(model);
  const top = options.top ? `${options.top.replace(/\/+$/, '')}/` : '';
  const code = await openCodeReader(model, { signal: options.signal });
  const source =
    model.format === 'spec-package'
      ? await openSource(model.container, model.sourcePath, { signal: options.signal })
      : null;
  try {
    const marker = `${model.root}${specFormatMarker}`;
    yield {
      path: `${top}${specFormatMarker}`,
      data: source?.info(marker) ? await source.readBytes(marker) : '',
    };
    const files = source ? fromSpecPackage(model, source, code) : fromFlowSpec(model, code);
    for await (const file of files) {
      if (options.signal?.aborted) return;
      yield { path: `${top}${file.path}`, data: file.data };
    }
  } finally {
    await code.close();
    await source?.close();
  }
}

/** Writes a model as a SPEC package zip with a Ferry manifest (counts by kind filled in from the model unless given). */
export async function writeSpecPackage(
  outPath: string,
  model: PackageModel,
  input: { manifest: ManifestInfo; passphrase?: string; top?: string },
  options: WritePackageOptions = {},
): Promise<WrittenPackage> {
  const counts: Record<string, number> = {};
  for (const asset of model.assets) counts[asset.kind] = (counts[asset.kind] ?? 0) + 1;
  return writePackage(
    outPath,
    {
      files: specPackageFiles(model, { signal: options.signal, top: input.top }),
      manifest: { counts, ...input.manifest },
      passphrase: input.passphrase,
    },
    options,
  );
}

const underPointer = (pointer: string, prefix: string): boolean =>
  prefix === '' || pointer === prefix || pointer.startsWith(`${prefix}/`);

async function* fromSpecPackage(
  model: PackageModel,
  source: PackageSource,
  code: CodeReader,
): AsyncGenerator<PackageFile> {
  const byEntry = new Map<string, Asset[]>();
  for (const asset of model.assets) {
    if (asset.original === null || asset.original === undefined) continue; // folder-derived workflows: no document of their own
    const list = byEntry.get(asset.origin.entry);
    if (list) list.push(asset);
    else byEntry.set(asset.origin.entry, [asset]);
  }
  const docsByEntry = new Map<string, DocumentInfo[]>();
  for (const info of model.documents) {
    const list = docsByEntry.get(info.entry);
    if (list) list.push(info);
    else docsByEntry.set(info.entry, [info]);
  }
  // Small files read one by one are latency-bound: prepare a few entries ahead of the one being written.
  const build = async ([entry, assets]: [string, Asset[]]): Promise<PackageFile[]> => {
    const infos = docsByEntry.get(entry) ?? [];
    const isArray = infos.length > 1 || infos.some((info) => info.pointer !== '');
    const built: Obj[] = [];
    for (const info of infos) {
      const mine = assets.filter((asset) => underPointer(asset.origin.pointer, info.pointer));
      const doc = assembleDocument(
        documentSkeleton(info),
        mine.map((asset) => ({ asset, at: asset.origin.pointer.slice(info.pointer.length) })),
      );
      for (const asset of mine) {
        if (asset.code?.pointer != null && asset.code.entry === entry)
          placeAt(doc, asset.code.pointer.slice(info.pointer.length), await code.read(asset.id));
      }
      built.push(doc);
    }
    const value: unknown = isArray ? built : built[0];
    const original = source.info(entry) ? await source.readBytes(entry) : null;
    const files: PackageFile[] = [
      {
        path: entry.slice(model.root.length),
        data: original && sameJson(original, value) ? original : fastjson(value),
      },
    ];
    for (const asset of assets) {
      const codeEntry = asset.code?.pointer === null ? asset.code.entry.slice(model.root.length) : null;
      if (codeEntry !== null && !isManifestEntry(codeEntry))
        files.push({ path: codeEntry, data: (await code.readBytes(asset.id)) ?? '' });
    }
    return files;
  };
  for await (const files of mapOrdered([...byEntry], readAhead, build)) yield* files;
}

const readAhead = 16;

/** `map` over `items` with up to `window` calls in flight, yielding results in input order. */
async function* mapOrdered<T, R>(
  items: readonly T[],
  window: number,
  map: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  let next = 0;
  try {
    while (next < items.length || inFlight.length > 0) {
      while (next < items.length && inFlight.length < window) {
        const started = map(items[next++]);
        started.catch(() => undefined); // awaited in order below; a later failure must not be unhandled meanwhile
        inFlight.push(started);
      }
      yield await inFlight.shift()!;
    }
  } finally {
    await Promise.allSettled(inFlight);
  }
}

function sameJson(bytes: Buffer, value: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')), value);
  } catch {
    return false;
  }
}

async function* fromFlowSpec(model: PackageModel, code: CodeReader): AsyncGenerator<PackageFile> {
  const byId = new Map(model.assets.map((asset) => [asset.id, asset]));
  const children = new Map<string, Asset[]>();
  for (const asset of model.assets) {
    if (asset.parentId === null) continue;
    const list = children.get(asset.parentId);
    if (list) list.push(asset);
    else children.set(asset.parentId, [asset]);
  }
  const paths = new PathAllocator();
  for (const asset of model.assets) {
    if (asset.parentId !== null || asset.kind === 'workflow' || !isObj(asset.original)) continue;
    const info = model.documents.find(
      (doc) => doc.entry === asset.origin.entry && underPointer(asset.origin.pointer, `${doc.pointer}/spec`),
    );
    const { collection, kind } = collectionOf[asset.kind];
    const specExtra = info?.specExtra
      ? withoutKeys(info.specExtra, ['flow', 'dependencies', 'id', 'name', 'type', 'owner', 'description'])
      : null;
    const skeleton = documentSkeleton({
      version: info?.version ?? '1.1.0',
      kind: asset.kind === 'node' ? (info?.kind ?? kind) : kind,
      metadata: info?.metadata ?? null,
      envelopeExtra: info?.envelopeExtra ?? null,
      specExtra,
    });
    const at = `/spec/${collection}/0`;
    const family = [asset, ...descendants(asset.id, children)];
    const placements: Placement[] = family.map((member) => ({
      asset: member,
      at: rebase(member.origin.pointer, asset.origin.pointer, at),
    }));
    const doc = assembleDocument(skeleton, placements);
    for (const member of family) {
      if (member.code?.pointer != null)
        placeAt(doc, rebase(member.code.pointer, asset.origin.pointer, at), await code.read(member.id));
    }
    const flow = flowOf(asset);
    if (flow) (doc.spec as Obj).flow = [flow];
    const workflow = asset.workflowId ? (byId.get(asset.workflowId) ?? null) : null;
    yield {
      path: descriptionPathOf(asset, workflow?.kind === 'workflow' ? workflow : null, paths),
      data: fastjson(doc),
    };
  }
}

function descendants(id: string, children: Map<string, Asset[]>): Asset[] {
  const out: Asset[] = [];
  for (const child of children.get(id) ?? []) out.push(child, ...descendants(child.id, children));
  return out;
}

/** The node's dependencies as one `spec.flow` entry (resource and function uses are fields of the node itself). */
function flowOf(asset: Asset): Obj | null {
  // A quality rule's dependency is read from its `schedulerNode`, which the rule itself carries.
  if (asset.sourceId === null || asset.kind === 'quality-rule') return null;
  const depends = asset.dependencies
    .filter((dep) => dep.type !== 'Resource' && dep.type !== 'Function')
    .map((dep) => {
      const depend: Obj = { type: dep.type };
      if (dep.nodeId !== null) depend.nodeId = dep.nodeId;
      if (dep.output !== null) depend.output = dep.output;
      if (dep.refTableName !== null) depend.refTableName = dep.refTableName;
      return depend;
    });
  return depends.length > 0 ? { nodeId: asset.sourceId, depends } : null;
}

function withoutKeys(
  value: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> | null {
  const copy = Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
  return Object.keys(copy).length > 0 ? copy : null;
}
