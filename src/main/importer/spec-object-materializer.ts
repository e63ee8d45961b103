import type { Asset } from '../../shared/model/asset';
import { FerryError } from '../../shared/errors';
import type { PackageModel } from '../../shared/model/package-model';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { withoutQualityRuleAlerts } from '../formats/flowspec/quality-rule-fields';
import { cloneJson, isObj } from '../formats/flowspec/values';
import { fastjson } from '../formats/spec-package/fastjson';
import { codeReaderOver, type CodeReader, type OpenedPackage } from '../formats/read-package';
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
    let fragment = cloneJson(
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
 * A materializer over an open SPEC package: maps its model with the profile against the destination, and reads its
 * description files and code through the package's one open source. `documents` are description files the caller
 * parsed already (see ReadOptions.onDocument), each used once and let go; the others are read again. Closing it
 * closes the package.
 */
export function specMaterializerOver(
  opened: Pick<OpenedPackage, 'model' | 'source' | 'code'>,
  profile: MappingProfile,
  destination: WorkspaceConfig,
  documents: Map<string, unknown> = new Map(),
): ObjectMaterializer {
  const { model, source, code } = opened;
  return createSpecMaterializer({
    model,
    mapper: assetMapper(model, profile, { destination }),
    reader: code,
    async readDocument(entry) {
      const kept = documents.get(entry);
      if (kept === undefined) return JSON.parse((await source.readText(entry)).replace(/^\uFEFF/, '')) as unknown;
      documents.delete(entry);
      return kept;
    },
  });
}

/** Opens the package a model was read from (once, for its documents and code) and materializes from it. */
export async function openSpecMaterializer(
  model: PackageModel,
  profile: MappingProfile,
  destination: WorkspaceConfig,
): Promise<ObjectMaterializer> {
  const source = await openSource(model.container, model.sourcePath);
  return specMaterializerOver({ model, source, code: codeReaderOver(source, model) }, profile, destination);
}
