import { FerryError } from '../../../shared/errors';
import type { Asset } from '../../../shared/model/asset';
import type { DocumentInfo, PackageContainer, PackageModel, Problem } from '../../../shared/model/package-model';
import { contentHash, derivedId } from '../flowspec/content-hash';
import { dropDuplicateAssets, inferProjectIdentifier, resolveDependencies } from '../flowspec/dependency-resolver';
import { readFlowSpecText, type FlowSpecEntryResult } from '../flowspec/flowspec-reader';
import { obj, str } from '../flowspec/values';
import { throwIfAborted, type PackageSource } from '../source/package-source';
import { isManifestEntry } from '../manifest/manifest-entries';
import { dataQualityFolder, dataSourceFolder, dataStudioFolder, findSpecRoot, rootFolderOf, specBaseName, specFormatMarker, type RootFolder } from './spec-package-layout';

/** Options for reading a whole package. */
export interface ReadOptions {
  signal?: AbortSignal;
  /** Called after each description file; `total` is the number of description files. */
  onProgress?: (done: number, total: number) => void;
  /** Passphrase shared with the source, to check a signed Ferry manifest (see formats/manifest/manifest-verifier.ts). */
  passphrase?: string;
  /**
   * Keep each asset's `original` fragment (default true; SPEC packages). With false, `original` is null and the parsed documents
   * are dropped as they are mapped (about a quarter of a 20,000-node model's heap); callers that need one later
   * load it with `readOriginal` (read-package.ts). Hashes, ids and everything else are the same. A function keeps
   * the fragments of the assets it returns true for (say, quality rules and tables, which checks look into).
   */
  keepOriginal?: boolean | ((asset: Asset) => boolean);
  /**
   * Skip the Ferry manifest check (hashes, signature). Only for a package file whose bytes the caller checks against
   * a hash it took from an earlier, verified read: an import checks the package against its plan's hash.
   */
  trustedBytes?: boolean;
  /**
   * Compute each asset's `contentHash` (default true). A plan or an import of a package file does not use them (it
   * hashes what lands, and the file's bytes): false leaves them '' and saves about a seventh of the read.
   */
  contentHashes?: boolean;
  /**
   * Given each description file's parsed document, for a caller that needs the documents again (an import lands
   * each one mapped): it keeps them rather than reading and parsing every file a second time.
   */
  onDocument?: (entry: string, document: unknown) => void;
}

/** `script.language` of each mapped asset, taken before `original` may be dropped (see ReadOptions.keepOriginal). */
const scriptLanguages = new WeakMap<Asset, string | null>();

/** Description files are small; a few reads in flight hide zip/disk latency without holding much text. */
const concurrency = 8;

const dirOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** True when the source looks like a SPEC package (has the marker at the top or one folder down). */
export function isSpecPackage(source: PackageSource): boolean {
  return findSpecRoot(source.list()) !== null;
}

/**
 * Reads a DataWorks SPEC package (zip or folder, through a {@link PackageSource}) into the canonical model:
 * every `DataStudio/**\/<node>.schedule.json` (or older `.flow`), `DataSource/**\/*.json` and `DataQuality/**\/*.json` is a FlowSpec
 * document; the code file beside a node (same base name, any extension) is referenced, never read; the
 * workflow is the folder under the DataStudio root (`业务流程/<workflow>/...`). A description file that cannot
 * be read becomes an error in `problems` and the rest of the package is still read.
 */
export async function readSpecPackage(
  source: PackageSource,
  where: { container: PackageContainer; sourcePath: string },
  options: ReadOptions = {},
): Promise<PackageModel> {
  const listing = source.list();
  const root = findSpecRoot(listing);
  if (root === null) throw new FerryError('unsupported', `${source.describe}: no ${specFormatMarker} marker, so this is not a DataWorks SPEC package`);

  const problems: Problem[] = [];
  for (const skipped of source.skipped) problems.push({ severity: 'warning', code: 'skipped-file', message: `${source.describe}: ${skipped.path} skipped: ${skipped.reason}`, entry: skipped.path, objectId: null });

  const studio = `${root}${dataStudioFolder}/`;
  const datasources = `${root}${dataSourceFolder}/`;
  const quality = `${root}${dataQualityFolder}/`;
  const specEntries: string[] = [];
  const siblings = new Map<string, string[]>();
  const unrecognized: string[] = [];
  for (const entry of listing) {
    if (entry.startsWith(studio) && specBaseName(nameOf(entry)) !== null) specEntries.push(entry);
    else if (entry.startsWith(datasources) && entry.endsWith('.json')) specEntries.push(entry);
    else if (entry.startsWith(quality) && entry.endsWith('.json')) specEntries.push(entry);
    else if (entry.startsWith(studio)) {
      const dir = dirOf(entry);
      const names = siblings.get(dir);
      if (names) names.push(nameOf(entry));
      else siblings.set(dir, [nameOf(entry)]);
    } else if (entry !== `${root}${specFormatMarker}` && !isManifestEntry(entry.slice(root.length))) unrecognized.push(entry);
  }
  if (unrecognized.length > 0) {
    const sample = unrecognized.slice(0, 3).join(', ');
    problems.push({ severity: 'info', code: 'unrecognized-entries', message: `${source.describe}: ${unrecognized.length} file(s) outside DataStudio/, DataSource/ and DataQuality/ were not read (${sample}${unrecognized.length > 3 ? ', ...' : ''})`, entry: null, objectId: null });
  }

  const results = await readAll(source, specEntries, problems, options);

  const assets: Asset[] = [];
  const documents: DocumentInfo[] = [];
  const workflows = new Map<string, Asset>();
  const emitted = new Set<Asset>();
  let projectIdentifier: string | null = null;
  specEntries.forEach((entry, i) => {
    const result = results[i];
    if (!result) return;
    projectIdentifier ??= result.projectIdentifier;
    for (const document of result.documents) documents.push(document);
    const placement = entry.startsWith(studio)
      ? placeInStudio(entry.slice(studio.length))
      : entry.startsWith(quality)
        ? { folderPath: dirOf(entry.slice(quality.length)), rootFolder: null, workflowName: null } // `<engine>/<table>/<rule>.json`
        : { folderPath: dirOf(dirOf(entry.slice(datasources.length))), rootFolder: null, workflowName: null };
    if (placement.rootFolder?.workflowType && placement.workflowName !== null) {
      const workflow = workflowFolder(workflows, placement.rootFolder, placement.topFolder!, placement.workflowName, `${studio}${placement.topFolder}/${placement.workflowName}`);
      if (!emitted.has(workflow)) {
        emitted.add(workflow);
        assets.push(workflow);
      }
      for (const asset of result.assets) if (asset.workflowId === null && asset.kind !== 'workflow') asset.workflowId = workflow.id;
    }
    let codeAssigned = false;
    for (const asset of result.assets) {
      if (asset.parentId === null && asset.kind !== 'workflow') {
        asset.folderPath = placement.folderPath;
        if (asset.kind === 'node' && placement.rootFolder) asset.kind = placement.rootFolder.nodeKind;
        if (!codeAssigned && asset.code === null && entry.startsWith(studio)) codeAssigned = attachCodeFile(asset, entry, siblings, source);
      }
      assets.push(asset);
    }
  });

  const kept = dropDuplicateAssets(assets, problems);
  resolveDependencies(kept, problems);
  return {
    format: 'spec-package',
    container: where.container,
    sourcePath: where.sourcePath,
    root,
    projectIdentifier: inferProjectIdentifier(kept, projectIdentifier),
    assets: kept,
    documents,
    problems,
  };
}

/** Reads and maps the description files a few at a time; a bad file becomes a problem, not a failure. */
async function readAll(source: PackageSource, entries: string[], problems: Problem[], options: ReadOptions): Promise<(FlowSpecEntryResult | null)[]> {
  const results: (FlowSpecEntryResult | null)[] = new Array<FlowSpecEntryResult | null>(entries.length).fill(null);
  const entryProblems: Problem[][] = entries.map(() => []);
  // Read in the source's cheapest order (a zip's file order: sequential reads); results keep entry order.
  const indexOf = new Map(entries.map((entry, i) => [entry, i]));
  const order = source.readOrder ? source.readOrder(entries).map((entry) => indexOf.get(entry)!) : entries.map((_, i) => i);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      throwIfAborted(source.describe, options.signal);
      const i = order[next++];
      try {
        const text = await source.readText(entries[i]);
        const result = readFlowSpecText(text, entries[i], entryProblems[i], 'json', options.contentHashes !== false);
        options.onDocument?.(entries[i], result.document);
        for (const asset of result.assets) {
          scriptLanguages.set(asset, str(obj(obj(asset.original)?.script)?.language));
          if (options.keepOriginal === false || (typeof options.keepOriginal === 'function' && !options.keepOriginal(asset))) asset.original = null;
        }
        results[i] = result;
      } catch (error) {
        if (!(error instanceof FerryError) || error.code === 'cancelled' || error.code === 'io') throw error;
        entryProblems[i].push({ severity: 'error', code: error.code, message: error.message, entry: entries[i], objectId: null });
      }
      done += 1;
      options.onProgress?.(done, entries.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  // Problems in entry order, whatever order the reads finished in.
  for (const list of entryProblems) for (const problem of list) problems.push(problem);
  return results;
}

interface Placement {
  folderPath: string;
  rootFolder: RootFolder | null;
  topFolder?: string;
  workflowName: string | null;
}

/** Folder and workflow of a description file, from its path below `DataStudio/`. */
function placeInStudio(relative: string): Placement {
  const segments = relative.split('/');
  const base = specBaseName(segments[segments.length - 1]);
  let folder = segments.slice(0, -1);
  // Current layout: `<folder>/<node>/<node>.schedule.json`; the node's own folder is not part of its path.
  if (folder.length > 0 && folder[folder.length - 1] === base) folder = folder.slice(0, -1);
  const rootFolder = rootFolderOf(segments[0]);
  return {
    folderPath: folder.join('/'),
    rootFolder,
    topFolder: segments[0],
    workflowName: rootFolder?.workflowType && segments.length >= 3 ? segments[1] : null,
  };
}

/** The workflow a package folder stands for, made once per folder; its id does not depend on the UI language. */
function workflowFolder(workflows: Map<string, Asset>, rootFolder: RootFolder, topFolder: string, name: string, entry: string): Asset {
  const key = `${rootFolder.key}\u0000${name}`;
  let workflow = workflows.get(key);
  if (!workflow) {
    workflow = {
      id: derivedId('workflow', rootFolder.key, name),
      sourceId: null,
      kind: 'workflow',
      name,
      folderPath: topFolder,
      workflowId: null,
      parentId: null,
      owner: null,
      nodeType: rootFolder.workflowType,
      engine: null,
      resourceGroup: null,
      datasource: null,
      schedule: null,
      parameters: [],
      inputs: [],
      outputs: [],
      dependencies: [],
      code: null,
      contentHash: contentHash(rootFolder.key, name),
      origin: { entry, pointer: '', specKind: null, specVersion: null },
      original: null,
    };
    workflows.set(key, workflow);
  }
  return workflow;
}

/**
 * Points the asset at the code file beside its description: same base name, exact (resources: `x.jar` for
 * `x.jar.schedule.json`) or with any extension (`test1.sql`). Only the reference is kept; its size and CRC
 * (zip) go into the content hash so changed code changes the hash without reading it.
 */
function attachCodeFile(asset: Asset, entry: string, siblings: Map<string, string[]>, source: PackageSource): boolean {
  const dir = dirOf(entry);
  const base = specBaseName(nameOf(entry))!;
  const names = siblings.get(dir) ?? [];
  const match = names.find((name) => name === base) ?? names.filter((name) => name.startsWith(`${base}.`)).sort((a, b) => a.length - b.length)[0];
  if (match === undefined) return false;
  const codeEntry = dir === '' ? match : `${dir}/${match}`;
  const info = source.info(codeEntry);
  const language = scriptLanguages.get(asset) ?? str(obj(obj(asset.original)?.script)?.language);
  asset.code = { entry: codeEntry, pointer: null, language, size: info?.size ?? 0 };
  if (asset.contentHash !== '') asset.contentHash = contentHash(asset.contentHash, info?.size ?? 0, info?.crc32 ?? null);
  return true;
}
