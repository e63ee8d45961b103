import type { ImportTask } from '../../shared/model/import-task';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { Plan, PlanObject } from '../../shared/model/plan';
import {
  reportActions,
  type ImportReport,
  type ReportAction,
  type ReportObject,
} from '../../shared/model/report';

/** The latest journal row of an object, as the report needs it. */
export interface JournalState {
  phase: 'intended' | 'done' | 'failed';
  /** JSON; for `failed`, `{ code, message }`. */
  detail: string;
}

export interface BuildReportInput {
  task: ImportTask;
  plan: Plan;
  profile: MappingProfile | null;
  /** Latest journal row per object id. */
  journal: ReadonlyMap<string, JournalState>;
}

function mappingLine(m: PlanObject['mappingsApplied'][number]): string {
  return `${m.section} ${m.from} -> ${m.to}${m.fields.length > 0 ? ` (${m.fields.join(', ')})` : ''}`;
}

function objectRow(
  object: PlanObject,
  row: JournalState | undefined,
  taskState: ImportTask['state'],
): ReportObject {
  const base = {
    objectId: object.assetId,
    kind: object.kind,
    name: object.name,
    destinationPath:
      object.destination.folderPath === ''
        ? object.destination.name
        : `${object.destination.folderPath}/${object.destination.name}`,
    wave: object.wave,
    action: object.action,
    mappings: object.mappingsApplied.map(mappingLine),
    owner: object.destination.owner,
    resourceGroup: object.destination.resourceGroup,
    dataSource: object.destination.dataSource,
    dryRun: object.dryRun !== null,
    beforeHash: object.beforeHash,
    afterHash: object.afterHash,
  };
  if (object.action !== 'create' && object.action !== 'update') {
    const reason =
      object.action === 'unchanged'
        ? 'unchanged: the destination already holds this version'
        : `${object.action}: ${object.reason}`;
    return { ...base, outcome: 'skipped', reason, landingState: null, error: null };
  }
  if (row?.phase === 'done')
    return {
      ...base,
      outcome: 'succeeded',
      reason: null,
      landingState: object.destination.landingState,
      error: null,
    };
  if (row?.phase === 'failed') {
    const failure = JSON.parse(row.detail) as { message?: string };
    return {
      ...base,
      outcome: 'failed',
      reason: 'the write failed',
      landingState: null,
      error: failure.message ?? 'failed',
    };
  }
  const reason =
    taskState === 'editing'
      ? 'not imported yet'
      : 'not reached: the run stopped before this object (import again to continue)';
  return {
    ...base,
    outcome: row ? 'failed' : 'skipped',
    reason,
    landingState: null,
    error: row ? 'interrupted while being written' : null,
  };
}

function settingsOf(profile: MappingProfile | null): ImportReport['settings'] {
  if (!profile)
    return {
      profileName: null,
      mappings: [],
      ownerRule: null,
      conflictPolicy: null,
      commitRules: {},
      dryRunRecurrence: null,
    };
  const mappings: ImportReport['settings']['mappings'] = [
    { section: 'project', source: profile.sourceProject, target: profile.destinationProject },
  ];
  const add = (section: string, list: readonly { source: string; target?: string; ignore?: boolean }[]) => {
    for (const entry of list)
      mappings.push({
        section,
        source: entry.source,
        target: entry.ignore ? 'ignore' : (entry.target ?? ''),
      });
  };
  add('compute resource', profile.computeResources);
  add('resource group', profile.resourceGroups);
  add('project', profile.projects);
  add('data source', profile.dataSources);
  for (const p of profile.parameters)
    mappings.push({ section: 'parameter', source: p.name, target: p.value });
  for (const [from, to] of Object.entries(profile.owner.map))
    mappings.push({ section: 'owner', source: from, target: to });
  for (const g of profile.dataServiceGroups)
    mappings.push({ section: 'DataService group', source: g.source, target: g.target });
  return {
    profileName: profile.name,
    mappings,
    ownerRule: profile.owner.rule,
    conflictPolicy: profile.conflictPolicy,
    commitRules: { ...profile.commitRules },
    dryRunRecurrence: profile.dryRun.recurrence,
  };
}

/**
 * Builds the report of an import task from its plan and journal. Every plan object gets exactly one row, so the
 * per-action counts equal the plan's summary; outcome counts say what the runs did with them.
 */
export function buildImportReport(input: BuildReportInput): ImportReport {
  const { task, plan } = input;
  const details = plan.objects.map((object) =>
    objectRow(object, input.journal.get(object.assetId), task.state),
  );
  const byAction = Object.fromEntries(reportActions.map((a) => [a, 0])) as Record<ReportAction, number>;
  for (const row of details) byAction[row.action] += 1;
  return {
    reportVersion: 1,
    basic: {
      taskId: task.id,
      taskName: task.name,
      remarks: task.remarks,
      state: task.state,
      packagePath: task.packagePath,
      packageHash: task.packageHash,
      sourceProject: plan.source.projectIdentifier,
      destinationPath: task.destinationPath,
      destinationProject: task.destinationProject,
      createdAt: task.createdAt,
      startedAt: task.startedAt,
      finishedAt: task.finishedAt,
      runs: task.runs,
      executor: plan.executor,
      rollbackPath: task.rollbackPath,
      error: task.error,
    },
    results: {
      total: details.length,
      succeeded: details.filter((d) => d.outcome === 'succeeded').length,
      failed: details.filter((d) => d.outcome === 'failed').length,
      skipped: details.filter((d) => d.outcome === 'skipped').length,
      byAction,
    },
    details,
    settings: settingsOf(input.profile),
  };
}
