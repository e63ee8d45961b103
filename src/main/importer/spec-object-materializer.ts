import type { Asset } from '../../shared/model/asset';
import { FerryError } from '../../shared/errors';
import type { PackageModel } from '../../shared/model/package-model';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { withoutQualityRuleAlerts } from '../formats/flowspec/quality-rule-fields';
import { openCodeReader, type CodeReader } from '../formats/read-package';
import { openSource } from '../formats/source/open-source';
import { assetMapper, type AssetMapper } from '../mapping/apply-mapping';
import { mayRewriteCode } from '../mapping/code-rewrite';
import { perObject, type LandingRequest, type ObjectFile, type ObjectMaterializer } from './import-types';

/**
 * Materializes plan objects of a SPEC package (zip or folder, e.g. a local workspace) as the files they land as in a
 * destination workspace folder, which has the same SPEC layout:
 * - the description file (`<node>.schedule.json`, `<res>.schedule.json`, `DataSource/.../<name>.json`) is the source
 *   document with the asset's fragment replaced by the MAPPED fragment (`original` as rewritten by applyMapping:
 *   outputs, inputs, project, compute resource, resource group, data source, owner, parameters, recurrence), the
 *   flow's dependency outputs rewritten, and written the way DataWorks' SPEC writer writes (fastjson pretty print);
 * - the code file beside it, rewritten by `rewriteCode` (projects in SQL, DI data sources and resource groups), or
 *   copied byte for byte when it is not text code (resource binaries);
 * - a workflow is a folder in this layout: it has no file of its own;
 * - a quality rule (`DataQuality/.../<rule>.json`) lands without its alert / notification settings.
 * The path is the source path, moved to the plan's destination folder and name when they differ (rename/overwrite).
 */
export interface SpecMaterializerInput {
  /** The source package model (as read). */
  model: PackageModel;
  /** `assetMapper(model, profile, { destination })`: each object is mapped when it is materialized. */
  mapper: AssetMapper;
  /** `openCodeReader(model)`; closed by {@link ObjectMaterializer.close}. */
  reader: CodeReader;
  /** The parsed document of a description file (a fresh one each time: the materializer changes it). */
  readDocument(entry: string): Promise<unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Indentation strings by depth, built once. */
const tabs: string[] = [''];
const tab = (depth: number): string => {
  while (tabs.length <= depth) tabs.push(`${tabs[tabs.length - 1]}\t`);
  return tabs[depth];
};

/**
 * JSON as DataWorks' SPEC-package writer lays it out (fastjson PrettyFormat): tabs, no space after ':'. Keys whose
 * value is `undefined` are left out; an empty object is `{`, an indented empty line, `}`. Built by concatenation
 * (one string per document, no intermediate arrays): it runs for every description file an import writes.
 */
export function fastjson(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = tab(depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i += 1)
      out += `${i === 0 ? '\n' : ',\n'}${inner}${fastjson(value[i], depth + 1)}`;
    return `${out}\n${tab(depth)}]`;
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Obj)[key];
    if (item === undefined) continue;
    out += `${first ? '\n' : ',\n'}${inner}${JSON.stringify(key)}:${fastjson(item, depth + 1)}`;
    first = false;
  }
  return first ? `{\n${inner}\n${tab(depth)}}` : `${out}\n${tab(depth)}}`;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function setAt(document: unknown, pointer: string, value: unknown): unknown {
  const parts = decodePointer(pointer);
  if (parts.length === 0) return value;
  let target: unknown = document;
  for (const part of parts.slice(0, -1))
    target = Array.isArray(target) ? target[Number(part)] : isObj(target) ? target[part] : undefined;
  const last = parts[parts.length - 1];
  if (Array.isArray(target)) target[Number(last)] = value;
  else if (isObj(target)) target[last] = value;
  else throw new FerryError('malformed-document', `cannot place the mapped object at ${pointer}`);
  return document;
}

/** Moves a source-relative path to the plan's destination folder and name. */
function landingPath(relative: string, asset: Asset, object: LandingRequest): string {
  let out = relative;
  const from = asset.folderPath;
  const to = object.destination.folderPath;
  if (from !== to && from !== '' && out.includes(`/${from}/`)) out = out.replace(`/${from}/`, `/${to}/`);
  if (asset.name !== object.destination.name) {
    const segments = out.split('/');
    out = segments
      .map((s, i) =>
        s === asset.name
          ? object.destination.name
          : i === segments.length - 1 && s.startsWith(`${asset.name}.`)
            ? object.destination.name + s.slice(asset.name.length)
            : s,
      )
      .join('/');
  }
  return out;
}

/** Builds an {@link ObjectMaterializer} over a mapped SPEC package. */
export function createSpecMaterializer(input: SpecMaterializerInput): ObjectMaterializer {
  const { model, mapper } = input;
  const source = new Map(model.assets.map((a) => [a.id, a]));
  const strip = (entry: string) => (entry.startsWith(model.root) ? entry.slice(model.root.length) : entry);

  const describe = async (original: Asset, asset: Asset, object: LandingRequest): Promise<ObjectFile> => {
    const entry = asset.origin.entry;
    const document = await input.readDocument(entry);
    // Quality rules land without alert / notification settings (they never travel; applyMapping drops them too).
    let fragment = structuredClone(
      asset.kind === 'quality-rule' ? withoutQualityRuleAlerts(asset.original) : asset.original,
    );
    if (asset.code?.pointer && asset.code.entry === entry) {
      const code = await input.reader.read(asset.id);
      if (code !== null) {
        const rewritten = mayRewriteCode(asset) ? mapper.rewriteCode(asset, code) : code;
        // The code pointer is relative to the document; place it after the fragment is in.
        setAt(document, asset.origin.pointer, fragment);
        setAt(document, asset.code.pointer, rewritten);
        fragment = undefined;
      }
    }
    if (fragment !== undefined) setAt(document, asset.origin.pointer, fragment);
    rewriteFlow(document, original, asset);
    return { path: landingPath(strip(entry), asset, object), data: Buffer.from(fastjson(document), 'utf8') };
  };

  const files = async (object: LandingRequest): Promise<ObjectFile[]> => {
    const original = source.get(object.assetId);
    const asset = original ? mapper.map(original) : null;
    if (!original || !asset)
      throw new FerryError('not-found', `${object.name}: not in the mapped package (id ${object.assetId})`);
    if (asset.kind === 'workflow') return [];
    const out = [await describe(original, asset, object)];
    if (asset.code && asset.code.pointer === null) {
      const bytes = await input.reader.readBytes(asset.id);
      if (bytes !== null) {
        const data = mayRewriteCode(asset)
          ? Buffer.from(mapper.rewriteCode(asset, bytes.toString('utf8')), 'utf8')
          : bytes;
        out.push({ path: landingPath(strip(asset.code.entry), asset, object), data });
      }
    }
    return out;
  };
  return perObject(files, () => input.reader.close());
}

/** Rewrites the dependency outputs of the asset's flow entries to the mapped ones (matched by source output). */
function rewriteFlow(document: unknown, original: Asset, mapped: Asset): void {
  const renames = new Map<string, string>();
  original.dependencies.forEach((d, i) => {
    const to = mapped.dependencies[i]?.output;
    if (d.output !== null && to && to !== d.output) renames.set(d.output, to);
  });
  if (renames.size === 0) return;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObj(value)) {
      if (Array.isArray(value.flow))
        for (const entry of value.flow)
          if (isObj(entry) && Array.isArray(entry.depends))
            for (const dep of entry.depends)
              if (isObj(dep) && typeof dep.output === 'string' && renames.has(dep.output))
                dep.output = renames.get(dep.output);
      for (const key of Object.keys(value)) if (key !== 'flow') visit(value[key]);
    }
  };
  visit(document);
}

/**
 * Opens a materializer for a SPEC package: maps the model with the profile against the destination and opens the
 * package for reading (description files and code). `documents` are description files the caller parsed already
 * (see ReadOptions.onDocument), each used once and let go; the others are read again. Close it when done.
 */
export async function openSpecMaterializer(
  model: PackageModel,
  profile: MappingProfile,
  destination: WorkspaceConfig,
  documents: Map<string, unknown> = new Map(),
): Promise<ObjectMaterializer> {
  const mapper = assetMapper(model, profile, { destination });
  const source = await openSource(model.container, model.sourcePath);
  let reader: CodeReader;
  try {
    reader = await openCodeReader(model);
  } catch (error) {
    await source.close();
    throw error;
  }
  const inner = createSpecMaterializer({
    model,
    mapper,
    reader,
    async readDocument(entry) {
      const kept = documents.get(entry);
      if (kept === undefined) return JSON.parse((await source.readText(entry)).replace(/^\uFEFF/, '')) as unknown;
      documents.delete(entry);
      return kept;
    },
  });
  return {
    ...inner,
    async close() {
      await Promise.allSettled([inner.close(), source.close()]);
    },
  };
}
