import type { Asset } from '../../../shared/model/asset';
import type { DocumentInfo, PackageModel, Problem } from '../../../shared/model/package-model';
import { openFileSource } from '../source/file-source';
import type { PackageSource } from '../source/package-source';
import { dropDuplicateAssets, inferProjectIdentifier, resolveDependencies } from './dependency-resolver';
import { checkSpecification } from './flowspec-schema';
import { parseDocument, type DocumentSyntax } from './flowspec-parser';
import { mapSpecification } from './specification-mapper';
import type { Obj } from './values';

/** What one FlowSpec entry yields before package-wide dependency resolution. */
export interface FlowSpecEntryResult {
  /** The parsed document, as read (mapping copies what it keeps; it changes nothing in it). */
  document: unknown;
  assets: Asset[];
  documents: DocumentInfo[];
  projectIdentifier: string | null;
}

/**
 * Reads one FlowSpec document (a single spec, or an array of specs as migrationx's DataWorksFlowSpecReader
 * writes) from already-loaded text. Throws `malformed-document` for bad syntax or shape.
 */
export function readFlowSpecText(
  text: string,
  entry: string,
  problems: Problem[],
  syntax?: DocumentSyntax,
  hashContent = true,
): FlowSpecEntryResult {
  const data = parseDocument(text, entry, syntax);
  const specs = Array.isArray(data) ? data : [data];
  const result: FlowSpecEntryResult = { document: data, assets: [], documents: [], projectIdentifier: null };
  specs.forEach((spec, i) => {
    const path = Array.isArray(data) ? [i] : [];
    checkSpecification(spec, entry, path);
    const mapped = mapSpecification(spec as Obj, { entry, pointer: Array.isArray(data) ? `/${i}` : '', problems, hashContent });
    for (const asset of mapped.assets) result.assets.push(asset);
    result.documents.push(mapped.info);
    result.projectIdentifier ??= mapped.projectIdentifier;
  });
  return result;
}

/** Reads one FlowSpec entry of a source. */
export async function readFlowSpecEntry(source: PackageSource, entry: string, problems: Problem[]): Promise<FlowSpecEntryResult> {
  return readFlowSpecText(await source.readText(entry), entry, problems);
}

/** Reads a standalone FlowSpec `.json` / `.yaml` / `.yml` file into a package model. */
export async function readFlowSpecFile(filePath: string): Promise<PackageModel> {
  const source = await openFileSource(filePath);
  try {
    const problems: Problem[] = [];
    const entry = source.list()[0];
    const read = await readFlowSpecEntry(source, entry, problems);
    const assets = dropDuplicateAssets(read.assets, problems);
    resolveDependencies(assets, problems);
    return {
      format: 'flowspec',
      container: 'file',
      sourcePath: filePath,
      root: '',
      projectIdentifier: inferProjectIdentifier(assets, read.projectIdentifier),
      assets,
      documents: read.documents,
      problems,
    };
  } finally {
    await source.close();
  }
}
