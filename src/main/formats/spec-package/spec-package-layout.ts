import type { AssetKind } from '../../../shared/model/asset';

/** The empty file that marks a DataWorks SPEC package (migrationx `DataWorksSpecPackageFileService`). */
export const specFormatMarker = 'SPEC.FORMAT';
export const dataStudioFolder = 'DataStudio';
export const dataSourceFolder = 'DataSource';
/** Quality rules (FlowSpec kind `DataQuality`): not DataStudio objects, so a top-level tree beside `DataSource/`. */
export const dataQualityFolder = 'DataQuality';

/** What a DataStudio root folder holds. `workflowType` is set for roots whose second level is a workflow. */
export interface RootFolder {
  key: string;
  workflowType: 'BUSINESS' | 'MANUAL_BUSINESS' | 'OLD_WORKFLOW' | 'MANUAL_WORKFLOW' | null;
  /** Kind of the nodes under this root. */
  nodeKind: AssetKind;
}

const root = (key: string, workflowType: RootFolder['workflowType'], nodeKind: AssetKind = 'node'): RootFolder => ({ key, workflowType, nodeKind });

/**
 * DataStudio root folders by every name the writer uses (upstream `ModelTreeRoot`: zh_CN name, English name,
 * root key, module), matched case-insensitively like `ModelTreeRoot.searchModelTreeRoot`.
 */
const roots = new Map<string, RootFolder>();
for (const [folder, names] of [
  [root('bizroot', 'BUSINESS'), ['业务流程', 'Business Flow', 'bizroot', 'biz']],
  [root('manualbizroot', 'MANUAL_BUSINESS'), ['手动业务流程', 'Manual Business Flow', 'manualbizroot', 'manualbiz']],
  [root('workflowroot', 'OLD_WORKFLOW'), ['旧版工作流', '工作流', 'Workflow', 'workflowroot']],
  [root('manualworkflowroot', 'MANUAL_WORKFLOW'), ['手动工作流', 'Manual Workflow', 'manualworkflowroot', 'manualworkflow']],
  [root('onceroot', null), ['手动任务', 'Manual Tasks', 'onceroot', 'manualtask']],
  [root('queryroot', null, 'query'), ['临时查询', 'Queries', 'queryroot', 'adhocquery']],
  [root('componentroot', null, 'component'), ['组件', 'Components', 'componentroot']],
] as const) {
  for (const name of names) roots.set(name.toLowerCase(), folder);
}

/** The root folder a DataStudio-relative path starts with; null for names the writer never uses. */
export function rootFolderOf(name: string): RootFolder | null {
  return roots.get(name.toLowerCase()) ?? null;
}

/** Suffixes of node description files: current `<node>.schedule.json`, older `<node>.flow`. */
const specSuffixes = ['.schedule.json', '.flow'];

/** The base name of a node description file (`test1` for `test1.schedule.json`); null for other files. */
export function specBaseName(fileName: string): string | null {
  for (const suffix of specSuffixes) {
    if (fileName.length > suffix.length && fileName.endsWith(suffix)) return fileName.slice(0, -suffix.length);
  }
  return null;
}

/**
 * Finds where the package starts: `SPEC.FORMAT` at the top, or inside a single top-level folder (the writer
 * zips `<zipBaseName>/`). Returns the entry prefix ('' or `top/`), or null when this is not a SPEC package.
 */
export function findSpecRoot(entries: readonly string[]): string | null {
  let nested: string | null = null;
  for (const entry of entries) {
    if (entry === specFormatMarker) return '';
    const slash = entry.indexOf('/');
    if (slash > 0 && entry.slice(slash + 1) === specFormatMarker) nested ??= entry.slice(0, slash + 1);
  }
  return nested;
}
