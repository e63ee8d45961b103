import type { CommitRules, MappingProfile } from '../../shared/model/mapping-profile';
import type { ComputeEngine } from '../../shared/model/workspace';

/**
 * The mapping parameters of DataWorks `CreateImportMigration` compiled from a profile (package-formats.md 2.7), for
 * the hand-off package. Ignored entries have no counterpart in these maps: DataWorks keeps the source name, which
 * is what ignore means for resource groups and projects; objects on an ignored compute resource are left out of
 * the package by the plan before it is written.
 */
export interface ImportMigrationParams {
  /** `{"ODPS": {"src": "dst"}, "EMR": {...}}` */
  CalculateEngineMap: Record<string, Record<string, string>>;
  /** `{"SCHEDULER_RESOURCE_GROUP": {...}, "DI_RESOURCE_GROUP": {...}}` */
  ResourceGroupMap: Record<string, Record<string, string>>;
  /** Input/output workspace names: the package's own project and cross-project entries. */
  WorkspaceMap: Record<string, string>;
  CommitRule: CommitRules;
}

/** DataWorks' engine type names in `CalculateEngineMap`. */
export const calculateEngineTypes: Record<ComputeEngine, string> = {
  MaxCompute: 'ODPS',
  EMR: 'EMR',
  Hologres: 'HOLOGRES',
  CDH: 'HADOOP_CDH',
  'AnalyticDB for PostgreSQL': 'ADB_FOR_POSTGRESQL',
  'AnalyticDB for MySQL': 'ADB_FOR_MYSQL',
  ClickHouse: 'CLICKHOUSE',
  StarRocks: 'STARROCKS',
  Flink: 'FLINK',
  'Serverless Spark': 'SERVERLESS_SPARK',
};

/** Compiles the `CreateImportMigration` mapping parameters from a profile. */
export function importMigrationParams(profile: MappingProfile): ImportMigrationParams {
  const engines: Record<string, Record<string, string>> = {};
  for (const e of profile.computeResources) {
    if (e.target === undefined) continue;
    const type = calculateEngineTypes[e.engine];
    engines[type] = { ...engines[type], [e.source]: e.target };
  }
  const groups: Record<string, Record<string, string>> = {};
  for (const e of profile.resourceGroups) {
    if (e.target === undefined) continue;
    const type = e.type === 'scheduling' ? 'SCHEDULER_RESOURCE_GROUP' : 'DI_RESOURCE_GROUP';
    groups[type] = { ...groups[type], [e.source]: e.target };
  }
  const workspaces: Record<string, string> = { [profile.sourceProject]: profile.destinationProject };
  for (const e of profile.projects) if (e.target !== undefined) workspaces[e.source] = e.target;
  return {
    CalculateEngineMap: engines,
    ResourceGroupMap: groups,
    WorkspaceMap: workspaces,
    CommitRule: { ...profile.commitRules },
  };
}
