import type { DatasourceRef } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { ResourceGroupType, WorkspaceConfig } from '../../shared/model/workspace';

/**
 * How one source name resolves under a profile:
 * - `mapped`: the profile names a target;
 * - `same-name`: no profile entry, but the destination has an item of that name (and type), so it is used as is;
 *   only possible when the destination workspace is known;
 * - `ignored`: the profile says ignore (compute resource: leave the objects out; others: keep the source's name);
 * - `unmapped`: neither; the plan's gate refuses the import while any remain.
 */
export type Resolution =
  { status: 'mapped' | 'same-name'; target: string } | { status: 'ignored' } | { status: 'unmapped' };

/** `datasource.type` values that name a compute resource (an engine binding) rather than a data source. */
const computeDatasourceTypes = new Set([
  'odps',
  'maxcompute',
  'emr',
  'hologres',
  'cdh',
  'adb_for_postgresql',
  'analyticdb_for_postgresql',
  'adb_for_mysql',
  'clickhouse',
  'starrocks',
  'flink',
  'serverless_spark',
]);

interface Entry {
  target?: string;
  ignore?: boolean;
}

function resolutionOf(entry: Entry | undefined): Resolution | null {
  if (!entry) return null;
  if (entry.ignore === true) return { status: 'ignored' };
  if (entry.target !== undefined) return { status: 'mapped', target: entry.target };
  return null;
}

/** Answers "what does this source name become" for every section of a profile, with the destination's help. */
export class MappingLookup {
  private readonly compute = new Map<string, Entry>();
  private readonly groups = new Map<string, Entry>();
  private readonly dataSources = new Map<string, Entry>();
  private readonly projects = new Map<string, Entry>();
  private readonly destCompute: Set<string>;
  private readonly destGroups: Map<string, ResourceGroupType>;
  private readonly destDataSources: Set<string>;

  constructor(
    readonly profile: MappingProfile,
    readonly destination: WorkspaceConfig | null = null,
  ) {
    // First entry wins; validation reports duplicates.
    for (const e of profile.computeResources) if (!this.compute.has(e.source)) this.compute.set(e.source, e);
    for (const e of profile.resourceGroups) {
      const key = `${e.type}\u0000${e.source}`;
      if (!this.groups.has(key)) this.groups.set(key, e);
    }
    for (const e of profile.dataSources)
      if (!this.dataSources.has(e.source)) this.dataSources.set(e.source, e);
    for (const e of profile.projects) if (!this.projects.has(e.source)) this.projects.set(e.source, e);
    this.destCompute = new Set(destination?.computeResources.map((c) => c.name) ?? []);
    this.destGroups = new Map(destination?.resourceGroups.map((g) => [g.name, g.type]) ?? []);
    this.destDataSources = new Set(destination?.dataSources.map((d) => d.name) ?? []);
  }

  /** Project renames to apply: the package's own project plus every cross-project entry with a target. */
  projectRenames(): Map<string, string> {
    const renames = new Map<string, string>();
    renames.set(this.profile.sourceProject, this.profile.destinationProject);
    for (const [source, e] of this.projects)
      if (e.target !== undefined && !renames.has(source)) renames.set(source, e.target);
    return renames;
  }

  project(identifier: string): Resolution {
    if (identifier === this.profile.sourceProject)
      return { status: 'mapped', target: this.profile.destinationProject };
    const entry = resolutionOf(this.projects.get(identifier));
    if (entry) return entry;
    if (identifier === this.profile.destinationProject) return { status: 'same-name', target: identifier };
    return { status: 'unmapped' };
  }

  /** True when the profile has a cross-project entry for `identifier` (mapped or ignored). */
  knowsProject(identifier: string): boolean {
    return identifier === this.profile.sourceProject || this.projects.has(identifier);
  }

  computeResource(name: string): Resolution {
    const entry = resolutionOf(this.compute.get(name));
    if (entry) return entry;
    if (this.destCompute.has(name)) return { status: 'same-name', target: name };
    return { status: 'unmapped' };
  }

  resourceGroup(name: string, type: ResourceGroupType): Resolution {
    const entry = resolutionOf(this.groups.get(`${type}\u0000${name}`));
    if (entry) return entry;
    if (this.destGroups.get(name) === type) return { status: 'same-name', target: name };
    return { status: 'unmapped' };
  }

  dataSource(name: string): Resolution {
    const entry = resolutionOf(this.dataSources.get(name));
    if (entry) return entry;
    if (this.destDataSources.has(name)) return { status: 'same-name', target: name };
    return { status: 'unmapped' };
  }

  /**
   * Whether a `datasource` reference names a compute resource: a compute-resource entry or destination compute
   * resource of that name, else a data-source entry says otherwise, else the type decides (odps, emr, hologres...).
   */
  isComputeReference(ref: DatasourceRef): boolean {
    if (this.compute.has(ref.name) || this.destCompute.has(ref.name)) return true;
    if (this.dataSources.has(ref.name) || this.destDataSources.has(ref.name)) return false;
    return ref.type !== null && computeDatasourceTypes.has(ref.type.toLowerCase());
  }

  /** A name in a Data Integration job: compute resources (e.g. the MaxCompute writer) first, then data sources. */
  dataIntegrationName(name: string): { kind: 'compute-resource' | 'data-source'; resolution: Resolution } {
    const compute = this.computeResource(name);
    if (compute.status !== 'unmapped') return { kind: 'compute-resource', resolution: compute };
    return { kind: 'data-source', resolution: this.dataSource(name) };
  }
}

/** The name a resolution leads to: the target, or the source itself when ignored or unmapped. */
export function targetOr(resolution: Resolution, source: string): string {
  return resolution.status === 'mapped' || resolution.status === 'same-name' ? resolution.target : source;
}

/** Whether `datasource.type` names a compute engine binding. */
export function isComputeDatasourceType(type: string | null): boolean {
  return type !== null && computeDatasourceTypes.has(type.toLowerCase());
}
