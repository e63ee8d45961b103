import type { PackageModel } from '../../shared/model/package-model';
import type {
  ComputeEngine,
  ResourceGroupTier,
  ResourceGroupType,
  WorkspaceConfig,
} from '../../shared/model/workspace';
import { computeEngines } from '../../shared/model/workspace';
import { candidateProjects } from './mapping-context';
import type { CodeScan } from './code-rewrite';
import { isComputeDatasourceType } from './mapping-lookup';

/**
 * What a package (and, when known, its source workspace) refers to that a profile may have to map: compute
 * resources, resource groups, other projects, data sources and owners. Suggestions and the UI's mapping table start
 * from this.
 */

export interface SourceItem {
  name: string;
  /** Asset ids that refer to it (empty when it comes only from the source workspace.json). */
  where: string[];
}

export interface SourceComputeResource extends SourceItem {
  engine: ComputeEngine | null;
}
export interface SourceResourceGroup extends SourceItem {
  type: ResourceGroupType;
  tier: ResourceGroupTier | null;
  displayName: string | null;
}
export interface SourceDataSource extends SourceItem {
  type: string | null;
}
export interface SourceOwner extends SourceItem {
  accountName: string | null;
}

export interface SourceInventory {
  project: string | null;
  computeResources: SourceComputeResource[];
  resourceGroups: SourceResourceGroup[];
  /** Other projects (cross-project references), not the package's own. */
  projects: SourceItem[];
  dataSources: SourceDataSource[];
  owners: SourceOwner[];
}

const engineByDatasourceType: Record<string, ComputeEngine> = {
  odps: 'MaxCompute',
  maxcompute: 'MaxCompute',
  emr: 'EMR',
  hologres: 'Hologres',
  cdh: 'CDH',
  clickhouse: 'ClickHouse',
  starrocks: 'StarRocks',
  flink: 'Flink',
  serverless_spark: 'Serverless Spark',
};

function engineOf(type: string | null, assetEngine: string | null): ComputeEngine | null {
  if (type && engineByDatasourceType[type.toLowerCase()]) return engineByDatasourceType[type.toLowerCase()];
  return (computeEngines as readonly string[]).includes(assetEngine ?? '')
    ? (assetEngine as ComputeEngine)
    : null;
}

class Bag<T extends SourceItem> {
  readonly items = new Map<string, T>();
  private readonly seen = new Map<string, Set<string>>();
  add(key: string, make: () => T, assetId: string | null): T {
    let item = this.items.get(key);
    if (!item) {
      item = make();
      this.items.set(key, item);
      this.seen.set(key, new Set());
    }
    const seen = this.seen.get(key);
    if (assetId !== null && seen && !seen.has(assetId)) {
      seen.add(assetId);
      item.where.push(assetId);
    }
    return item;
  }
  list(): T[] {
    return [...this.items.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** Collects the source items of a package, from its assets, the code scan and the source workspace.json. */
export function collectSourceInventory(
  model: Pick<PackageModel, 'assets' | 'projectIdentifier'>,
  source: WorkspaceConfig | null = null,
  codeScan: CodeScan | null = null,
): SourceInventory {
  const project = model.projectIdentifier ?? source?.project.identifier ?? null;
  const compute = new Bag<SourceComputeResource>();
  const groups = new Bag<SourceResourceGroup>();
  const dataSources = new Bag<SourceDataSource>();
  const owners = new Bag<SourceOwner>();
  const projects = new Bag<SourceItem>();

  const sourceCompute = new Map(source?.computeResources.map((c) => [c.name, c]) ?? []);
  const sourceGroups = new Map(source?.resourceGroups.map((g) => [g.name, g]) ?? []);
  const sourceData = new Map(source?.dataSources.map((d) => [d.name, d]) ?? []);
  const members = new Map(source?.members.map((m) => [m.accountId, m]) ?? []);

  const addCompute = (name: string, engine: ComputeEngine | null, assetId: string | null) =>
    compute.add(
      name,
      () => ({ name, engine: sourceCompute.get(name)?.engine ?? engine, where: [] }),
      assetId,
    );
  const addGroup = (name: string, type: ResourceGroupType, assetId: string | null) => {
    const known = sourceGroups.get(name);
    const actualType = known?.type ?? type;
    return groups.add(
      `${actualType}\u0000${name}`,
      () => ({
        name,
        type: actualType,
        tier: known?.tier ?? null,
        displayName: known?.displayName ?? null,
        where: [],
      }),
      assetId,
    );
  };
  const addDataSource = (name: string, type: string | null, assetId: string | null) => {
    const item = dataSources.add(
      name,
      () => ({ name, type: sourceData.get(name)?.type ?? type, where: [] }),
      assetId,
    );
    if (item.type === null && type !== null) item.type = type;
  };

  for (const asset of model.assets) {
    if (asset.datasource) {
      const isCompute =
        sourceCompute.has(asset.datasource.name) || isComputeDatasourceType(asset.datasource.type);
      if (isCompute)
        addCompute(asset.datasource.name, engineOf(asset.datasource.type, asset.engine), asset.id);
      else addDataSource(asset.datasource.name, asset.datasource.type, asset.id);
    }
    if (asset.kind === 'datasource') addDataSource(asset.name, asset.nodeType, asset.id);
    if (asset.resourceGroup) addGroup(asset.resourceGroup, 'scheduling', asset.id);
    if (asset.owner)
      owners.add(
        asset.owner,
        () => ({
          name: asset.owner ?? '',
          accountName: members.get(asset.owner ?? '')?.accountName ?? null,
          where: [],
        }),
        asset.id,
      );
  }
  for (const [assetId, refs] of codeScan ?? []) {
    for (const name of refs.dataSources) {
      if (compute.items.has(name) || sourceCompute.has(name)) addCompute(name, null, assetId);
      else addDataSource(name, null, assetId);
    }
    for (const name of refs.resourceGroups) addGroup(name, 'data-integration', assetId);
    for (const p of refs.projects)
      if (p !== project) projects.add(p, () => ({ name: p, where: [] }), assetId);
  }
  for (const p of candidateProjects(model)) {
    if (p === project) continue;
    const where = model.assets
      .filter((a) => a.inputs.some((i) => i.data.startsWith(`${p}.`) || i.data === `${p}_root`))
      .map((a) => a.id);
    for (const id of where.length > 0 ? where : [null]) projects.add(p, () => ({ name: p, where: [] }), id);
  }
  if (source) {
    for (const c of source.computeResources) addCompute(c.name, c.engine, null);
    for (const g of source.resourceGroups) addGroup(g.name, g.type, null);
    for (const d of source.dataSources) addDataSource(d.name, d.type, null);
  }
  return {
    project,
    computeResources: compute.list(),
    resourceGroups: groups.list(),
    projects: projects.list(),
    dataSources: dataSources.list(),
    owners: owners.list(),
  };
}
