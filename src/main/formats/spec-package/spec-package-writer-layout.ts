import type { Asset, AssetKind } from '../../../shared/model/asset';
import { qualityRuleTableOf } from '../flowspec/quality-rule-fields';
import { dataSourceFolder, dataStudioFolder, rootFolderOf } from './spec-package-layout';

/**
 * Where an asset read from a FlowSpec file goes in a SPEC package (models read from a SPEC package keep the
 * entries they were read from). Follows package-formats 2.4 and resources/samples: nodes in
 * `<root>/<workflow>/<engine>/<label>/<node>/<node>.schedule.json`, resources, functions and tables as one
 * description file in the `资源`/`函数`/`表` label folder, data sources under `DataSource/`.
 */

/** Engine display folders (zh_CN, as DataWorks writes them); engines without labels get none. */
const engineFolders: Record<string, string> = {
  General: '通用',
  DataIntegration: '数据集成',
  Database: '数据库',
  Algorithm: '算法',
};
const unlabelled = new Set(['通用', '数据集成']);
const labels: Partial<Record<AssetKind, string>> = { resource: '资源', function: '函数', table: '表' };

/** FlowSpec `spec` collection and envelope kind per asset kind. */
export const collectionOf: Record<AssetKind, { collection: string; kind: string }> = {
  node: { collection: 'nodes', kind: 'CycleWorkflow' },
  workflow: { collection: 'workflows', kind: 'CycleWorkflow' },
  query: { collection: 'nodes', kind: 'CycleWorkflow' },
  component: { collection: 'components', kind: 'Component' },
  resource: { collection: 'fileResources', kind: 'Resource' },
  function: { collection: 'functions', kind: 'Function' },
  table: { collection: 'tables', kind: 'Table' },
  datasource: { collection: 'datasources', kind: 'DataSource' },
  'quality-rule': { collection: 'dqcRules', kind: 'DataQuality' },
  'dataservice-api': { collection: 'nodes', kind: 'DataService' },
};

/** Code file extension by DataWorks node type (upstream `CodeProgramType`); unknown types get none. */
const extensions: Record<string, string> = {
  ODPS_SQL: '.sql',
  ODPS_MR: '.mr.sql',
  ODPS_SCRIPT: '.ms',
  EMR_HIVE: '.sql',
  EMR_SPARK_SQL: '.sql',
  HOLOGRES_SQL: '.sql',
  CLICK_SQL: '.sql',
  SHELL: '.sh',
  DIDE_SHELL: '.sh',
  EMR_SHELL: '.sh',
  EMR_SPARK: '.sh',
  PERL: '.pl',
  PYTHON: '.py',
  PYODPS: '.py',
  PYODPS3: '.py',
  DI: '.json',
  VIRTUAL: '.vi',
  CONTROLLER_ASSIGNMENT: '.assign.json',
  CONTROLLER_BRANCH: '.branch.json',
  CONTROLLER_JOIN: '.join.json',
  CONTROLLER_CYCLE: '.do-while.json',
  CONTROLLER_TRAVERSE: '.for-each.json',
  ODPS_SPARK: '.mc.spark.json',
};

/** Code file extension for a node type, for writers that put code in a file beside the description. */
export function codeExtensionOf(nodeType: string | null): string {
  return (nodeType && extensions[nodeType]) ?? '';
}

/** A name usable as one path segment: no slashes, control characters, or `.`/`..`. */
export function safeSegment(name: string): string {
  const cleaned = name.replace(/[/\\\u0000-\u001f\u007f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

/** Hands out paths, adding `_2`, `_3` to a base name already used in the same folder. */
export class PathAllocator {
  private readonly used = new Set<string>();

  /** `folder` + `base` + `suffix`, unique among the paths handed out (compared case-insensitively). */
  take(folder: string, base: string, suffix: string): { path: string; base: string } {
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? base : `${base}_${n}`;
      const path = `${folder}/${candidate}${suffix}`;
      if (!this.used.has(path.toLowerCase())) {
        this.used.add(path.toLowerCase());
        return { path, base: candidate };
      }
    }
  }
}

/** The DataStudio folder (below `DataStudio/`) for an asset, from its own folder when that is a SPEC layout path. */
function studioFolder(asset: Asset, workflow: Asset | null): string {
  const segments = asset.folderPath.split('/').filter((s) => s !== '');
  if (segments.length > 0 && rootFolderOf(segments[0]) !== null) return segments.map(safeSegment).join('/');
  const root = workflow
    ? workflow.nodeType === 'MANUAL_WORKFLOW'
      ? '手动工作流'
      : '业务流程'
    : asset.kind === 'component'
      ? '组件'
      : '手动任务';
  const engine = engineFolders[asset.engine ?? 'General'] ?? safeSegment(asset.engine ?? '通用');
  const label = labels[asset.kind] ?? (unlabelled.has(engine) ? null : '数据开发');
  return [
    root,
    ...(workflow ? [safeSegment(workflow.name)] : []),
    ...(asset.kind === 'component' ? [] : [engine]),
    ...(label ? [label] : []),
  ].join('/');
}

/** Description-file path of a top-level asset read from FlowSpec (inline code stays inline, so there is no code file). */
export function descriptionPathOf(asset: Asset, workflow: Asset | null, paths: PathAllocator): string {
  const name = safeSegment(asset.name);
  if (asset.kind === 'datasource') {
    const type = safeSegment(asset.nodeType ?? asset.datasource?.type ?? 'unknown');
    const subType = (asset.original as { subType?: unknown } | null)?.subType;
    const folder = `${dataSourceFolder}/${type}/${typeof subType === 'string' ? safeSegment(subType) : type}/DEV`;
    const taken = paths.take(folder, name, '');
    return `${taken.path}/${taken.base}.json`;
  }
  if (asset.kind === 'quality-rule') {
    // `DataQuality/<engine>/<table>/<rule>.json`, as resources/samples lays them out (and the reader reads them).
    const table = qualityRuleTableOf(asset.original).name;
    const folder = `DataQuality/${safeSegment(asset.engine ?? 'General')}${table === null ? '' : `/${safeSegment(table)}`}`;
    return paths.take(folder, name, '.json').path;
  }
  const folder = `${dataStudioFolder}/${studioFolder(asset, workflow)}`;
  if (labels[asset.kind]) return paths.take(folder, name, '.schedule.json').path;
  const taken = paths.take(folder, name, '');
  return `${taken.path}/${taken.base}.schedule.json`;
}
