/**
 * DataWorks node types (`script.runtime.command`, upstream `CodeProgramType`) that Ferry knows how to carry.
 * The list follows docs package-formats.md section 3.3 plus the commands real exports use that the section
 * does not list (loop start/end markers, PAI Flow, workflow commands). Kept in one place so the importer and
 * mapping can share it; a type outside it is reported, never dropped.
 */
// prettier-ignore
const knownTypes: readonly string[] = [
  // General
  'SHELL', 'DIDE_SHELL', 'PERL', 'VIRTUAL', 'COMBINED_NODE', 'VIRTUAL_WORKFLOW', 'CONTROLLER_ASSIGNMENT',
  'CONTROLLER_BRANCH', 'CONTROLLER_JOIN', 'CONTROLLER_CYCLE', 'CONTROLLER_CYCLE_START', 'CONTROLLER_CYCLE_END',
  'CONTROLLER_TRAVERSE', 'CONTROLLER_TRAVERSE_START', 'CONTROLLER_TRAVERSE_END', 'CONTROLLER_WAIT', 'PARAM_HUB',
  'FTP_CHECK', 'SSH', 'PYTHON', 'CROSS_TENANTS', 'CHECK', 'OSS_INSPECT', 'SUB_PROCESS', 'WORKFLOW', 'MANUAL_WORKFLOW',
  // MaxCompute
  'ODPS_SQL', 'ODPS_MR', 'PYODPS', 'PY_ODPS', 'PYODPS3', 'ODPS_SPARK', 'ODPS_SPARK_SQL', 'ODPS_SCRIPT', 'SQL_COMPONENT',
  'COMPONENT_SQL', 'ODPS_PYTHON', 'ODPS_JAR', 'ODPS_ARCHIVE', 'ODPS_FILE', 'ODPS_DDL', 'ODPS_TABLE', 'ODPS_FUNCTION',
  // Data Integration
  'DI', 'DATAX', 'DATAX2', 'CDP', 'RI',
  // EMR
  'EMR_HIVE', 'EMR_SPARK', 'EMR_SPARK_SQL', 'EMR_MR', 'EMR_SHELL', 'EMR_SPARK_SHELL', 'EMR_PRESTO', 'EMR_IMPALA',
  'EMR_SCOOP', 'EMR_HIVE_CLI', 'EMR_TRINO', 'EMR_KYUUBI', 'EMR_JAR', 'EMR_FILE', 'EMR_TABLE', 'EMR_FUNCTION',
  // CDH (270..281)
  'CDH_HIVE', 'CDH_SPARK', 'CDH_SPARK_SQL', 'CDH_MR', 'CDH_PRESTO', 'CDH_IMPALA', 'CDH_SHELL', 'CDH_SPARK_SHELL',
  'CDH_JAR', 'CDH_FILE', 'CDH_TABLE', 'CDH_FUNCTION',
  // Hologres, ClickHouse, databases
  'HOLOGRES_SQL', 'HOLOGRES_SYNC_DDL', 'HOLOGRES_SYNC_DATA', 'CLICK_SQL', 'POSTGRESQL', 'MYSQL', 'SQL SERVER',
  'ORACLE', 'STARROCKS', 'DRDS', 'DORIS', 'DB2',
  // Algorithm, Flink, custom
  'PAI', 'PAI_STUDIO', 'PAI_DLC', 'PAI_FLOW', 'FLINK_SQL_BATCH', 'FLINK_SQL_STREAM', 'CUSTOM',
];

const known = new Set(knownTypes);

/** PAI Flow inner nodes are PAI Designer components (`PAI_FLOW_RAG_SYNC_INDEX`, ...): too many to list. */
const knownPrefixes = ['PAI_FLOW_'];

/** True when Ferry knows the node type; case-insensitive because some database types are written `Oracle`. */
export function isKnownNodeType(type: string): boolean {
  const upper = type.toUpperCase();
  return known.has(upper) || knownPrefixes.some((prefix) => upper.startsWith(prefix));
}

/** The known types, for documentation and the UI filter. */
export function knownNodeTypes(): readonly string[] {
  return knownTypes;
}
