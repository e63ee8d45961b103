import type { Asset } from '../../../shared/model/asset';
import { FerryError } from '../../../shared/errors';
import type { DocumentInfo, PackageModel } from '../../../shared/model/package-model';
import { cloneJson, isObj, type Obj } from '../flowspec/values';

/**
 * Rebuilding FlowSpec documents from the model: the envelope and spec extras of a {@link DocumentInfo}, each
 * asset's `original` put back at a JSON pointer, and inline code put back where it was read. Shared by the SPEC
 * package writer and the FlowSpec array writer. Originals are cloned: the model is never changed.
 */

/** `{version, kind, metadata, ...envelopeExtra, spec: {...specExtra}}`, leaving out what the source did not have. */
export function documentSkeleton(
  info: Pick<DocumentInfo, 'version' | 'kind' | 'metadata' | 'envelopeExtra' | 'specExtra'>,
): Obj {
  const doc: Obj = {};
  if (info.version !== null) doc.version = info.version;
  if (info.kind !== null) doc.kind = info.kind;
  if (info.metadata !== null && info.metadata !== undefined) doc.metadata = structuredClone(info.metadata);
  Object.assign(doc, structuredClone(info.envelopeExtra ?? {}));
  doc.spec = structuredClone(info.specExtra ?? {});
  return doc;
}

const tokensOf = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));

/**
 * Puts `value` at `pointer` inside `root`, creating missing objects and arrays on the way (an array when the next
 * token is an index). An object placed where an object already is gets merged into it (the old-shape workflow,
 * whose original is the spec itself).
 */
export function placeAt(root: Obj, pointer: string, value: unknown): void {
  const tokens = tokensOf(pointer);
  if (tokens.length === 0) {
    if (isObj(value)) Object.assign(root, value);
    return;
  }
  let current: Obj | unknown[] = root;
  for (let i = 0; i < tokens.length - 1; i += 1) {
    const key = tokens[i];
    const holder = current as Record<string, unknown>;
    let next = holder[key];
    if (next === null || typeof next !== 'object') {
      next = /^\d+$/.test(tokens[i + 1]) ? [] : {};
      holder[key] = next;
    }
    current = next as Obj | unknown[];
  }
  const last = tokens[tokens.length - 1];
  const holder = current as Record<string, unknown>;
  if (isObj(holder[last]) && isObj(value)) Object.assign(holder[last], value);
  else holder[last] = value;
}

/** Rewrites the start of a pointer (`/spec/workflows/0/nodes/3/...` to `/spec/nodes/0/...`). */
export function rebase(pointer: string, from: string, to: string): string {
  return pointer === from || pointer.startsWith(`${from}/`) ? `${to}${pointer.slice(from.length)}` : pointer;
}

/** Drops the holes left in arrays when an asset of the source is not in the model (dropped duplicate, filtered out). */
export function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) {
    let holes = false;
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value)) holes = true;
      else value[i] = compactArrays(value[i]);
    }
    return holes ? value.filter(() => true) : value;
  }
  if (isObj(value)) for (const key of Object.keys(value)) value[key] = compactArrays(value[key]);
  return value;
}

/** One asset to put into a document, at `at` (already rebased to the output document). */
export interface Placement {
  asset: Asset;
  at: string;
}

/** Places originals, parents before children (fewer pointer tokens first), then compacts arrays. */
export function assembleDocument(skeleton: Obj, placements: Placement[]): Obj {
  const ordered = [...placements].sort((a, b) => tokensOf(a.at).length - tokensOf(b.at).length);
  for (const { asset, at } of ordered) placeAt(skeleton, at, cloneJson(asset.original));
  return compactArrays(skeleton) as Obj;
}

/**
 * Writers rebuild documents from `original`; a model read with `keepOriginal: false` has none, and writing it
 * would silently drop every asset. Folder workflows of a SPEC package never have one (no document of their own).
 */
export function assertOriginals(model: PackageModel): void {
  const missing = model.assets.find(
    (asset) => asset.original == null && !(asset.kind === 'workflow' && asset.sourceId === null),
  );
  if (missing) {
    throw new FerryError(
      'bad-request',
      `${model.sourcePath}: ${missing.name} has no original fragment (the package was read with keepOriginal: false); read it again with originals to write it`,
    );
  }
}
