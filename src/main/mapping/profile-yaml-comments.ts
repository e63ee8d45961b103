import { computeEngines } from '../../shared/model/workspace';

/**
 * The comments a profile file carries: what each section does and the values it allows. Kept apart from the YAML
 * code so the wording can be read (and reviewed) in one place; docs/mapping-profile.md says the same at length.
 */

export const fileHeader = [
  ' Ferry mapping profile (a DataWorks "deployment environment"): how a package from one workspace lands in another.',
  ' Every key is checked: an unknown or misspelled key is an error. Schema and example: docs/mapping-profile.md.',
  ' List entries map `source` to `target`, or set `ignore: true` (meaning depends on the section).',
].join('\n');

export const sectionComments: Record<string, string> = {
  schemaVersion: ' Version of this file format. Only 1 exists.',
  name: ' A name for people (letters, digits, _ . - recommended).',
  description: ' Free text.',
  sourceProject:
    ' The project identifier the package comes from. Rewritten to destinationProject everywhere:\n outputs (<project>.<name>), root inputs (<project>_root), dependencies, parameters and project.table in code.',
  destinationProject: ' The destination workspace project identifier.',
  computeResources: [
    ' Compute resources, per engine (DataWorks CalculateEngineMap): the name nodes carry in datasource.name.',
    ` engine: ${computeEngines.join(' | ')}.`,
    ' target: a destination compute resource of the same engine. ignore: true leaves every object on it OUT of the import.',
  ].join('\n'),
  resourceGroups: [
    ' Resource groups (DataWorks ResourceGroupMap). type: scheduling | data-integration.',
    ' target: a destination group of the same type. ignore: true keeps the source group name;',
    ' not allowed for default and shared groups.',
  ].join('\n'),
  projects: [
    ' Other projects the package refers to (cross-project dependencies, DataWorks WorkspaceMap).',
    ' target: the destination project identifier. ignore: true keeps the reference as it is.',
  ].join('\n'),
  dataSources: [
    ' Data sources by name (database nodes, Data Integration jobs). type: lower-case data source type (mysql, oss, ...).',
    ' target: a destination data source of the same type. ignore: true keeps the source name.',
  ].join('\n'),
  parameters: [
    ' Scheduling and workflow parameters set by name, in every node and workflow that has them.',
    ' value: a constant ("retail") or a scheduling expression ("$[yyyymmdd-1]", "${yyyymmdd}"). Names must be unique.',
  ].join('\n'),
  owner: [
    ' Who owns imported objects. rule: default | package-creator | executor | map.',
    '  default: the source owner if a member of the destination, else the executor;',
    '  package-creator: packageCreator; executor: executor;',
    '  map: map[sourceOwner] (account ids), owners not in the map follow the default rule.',
  ].join('\n'),
  commitRules: [
    ' DataWorks CommitRule: whether imported objects land saved (false), committed or deployed (true).',
    ' Automatic commit/deploy needs Professional or Enterprise edition. ignoreLock: import over locked objects.',
  ].join('\n'),
  conflictPolicy: [
    ' A same-named object with another identity already in the destination: refuse | skip | overwrite | rename.',
    '  refuse: the plan stops on it; skip: leave it, import the rest; overwrite: replace it; rename: import ours beside it.',
  ].join('\n'),
  dataServiceGroups:
    ' DataService Studio business processes for DataService APIs: source -> target group name.',
  dryRun: [
    ' Dry-run nodes land scheduled but do not run their code. recurrence: Skip (report success) | Pause (frozen).',
    ' nodes: node ids marked one by one. rules: a node matches a rule when it matches all the criteria given:',
    '  nodeType (ODPS_SQL, DI, ...), nameGlob, folderGlob (* within a folder, ** across), outputTablePattern (glob over',
    '  the tables a node writes: "<project>.<table>" if the pattern has a dot, else "<table>").',
  ].join('\n'),
};
