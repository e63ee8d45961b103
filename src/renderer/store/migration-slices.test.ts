import { describe, expect, it } from 'vitest';
import { mappingProfileSchema, type MappingSuggestion } from '../../shared/model/mapping-profile';
import type { PlanHead } from '../../shared/model/plan-session';
import { flush, makeJob, setupStore } from '../test/fake-transport';
import { defaultTaskName, taskNameProblem } from './import-slice';
import { mappingRows, unmappedCount } from './mapping-rows';
import { importBlocker, migrationGuards } from './migration-guards';

const draft = mappingProfileSchema.parse({
  schemaVersion: 1,
  name: 'dev-to-prod',
  sourceProject: 'retail_dev',
  destinationProject: 'retail_prod',
  dataSources: [{ source: 'mysql_orders', target: 'mysql_orders_prd', type: 'mysql' }],
  resourceGroups: [
    { source: 'group_1', type: 'scheduling', target: 'group_1' },
    { source: 'S_dev', type: 'scheduling', target: 'S_prod' },
  ],
});

const suggestions: MappingSuggestion[] = [
  {
    section: 'projects',
    source: 'retail_dev',
    target: 'retail_prod',
    score: 0.9,
    reason: 'env',
    alternatives: [],
  },
  {
    section: 'dataSources',
    source: 'mysql_orders',
    target: 'mysql_orders_prd',
    score: 0.9,
    reason: 'same once environment parts are dropped',
    alternatives: [{ target: 'mysql_crm', score: 0.3 }],
  },
  {
    section: 'dataSources',
    source: 'mysql_legacy_erp',
    target: null,
    score: 0,
    reason: 'none',
    alternatives: [],
  },
  { section: 'projects', source: 'finance_dev', target: null, score: 0, reason: 'none', alternatives: [] },
];

const head = (importable: boolean): PlanHead =>
  ({
    summary: {
      total: 3,
      create: 1,
      update: 1,
      unchanged: 1,
      conflict: importable ? 0 : 1,
      excluded: 0,
      dryRun: 0,
      codeChanged: 1,
      gate: importable ? 0 : 2,
      errors: 0,
      warnings: 0,
      importable,
    },
    gate: [],
    findings: [],
    waves: [],
    hashes: { package: { method: 'file-sha256', value: 'a' }, profile: 'b', destination: 'c' },
    source: { path: '/p/pkg.zip', format: 'spec', container: 'zip', projectIdentifier: 'retail_dev' },
    destination: {
      path: '/p/prod',
      projectIdentifier: 'retail_prod',
      workspaceId: null,
      mode: 'standard',
      dataStudio: 'legacy',
      edition: 'Enterprise',
    },
    profileName: 'dev-to-prod',
    executor: null,
    createdAt: '2025-01-01T00:00:00Z',
    planPath: null,
    profileKnown: true,
  }) satisfies PlanHead;

const task = {
  id: 5,
  name: 'dev_to_prod.1',
  remarks: '',
  state: 'completed' as const,
  destinationPath: '/p/prod',
  destinationProject: 'retail_prod',
  packagePath: '/p/pkg.zip',
  packageHash: 'a',
  planPath: null,
  createdAt: 'x',
  updatedAt: 'x',
  startedAt: 'x',
  finishedAt: 'x',
  runs: 1,
  error: null,
  rollbackPath: null,
};

const reportHead = {
  reportVersion: 1 as const,
  basic: {
    taskId: 5,
    taskName: task.name,
    remarks: '',
    state: 'completed' as const,
    packagePath: '/p/pkg.zip',
    packageHash: 'a',
    sourceProject: 'retail_dev',
    destinationPath: '/p/prod',
    destinationProject: 'retail_prod',
    createdAt: 'x',
    startedAt: 'x',
    finishedAt: 'x',
    runs: 1,
    executor: null,
    rollbackPath: null,
    error: null,
  },
  results: {
    total: 3,
    succeeded: 3,
    failed: 0,
    skipped: 0,
    byAction: { create: 1, update: 1, unchanged: 1, conflict: 0, excluded: 0 },
  },
  settings: {
    profileName: 'dev-to-prod',
    mappings: [],
    ownerRule: 'default',
    conflictPolicy: 'refuse',
    commitRules: {},
    dryRunRecurrence: 'Skip',
  },
};

function mappingStore() {
  return setupStore({
    'profile:suggest': () => ({ profile: draft, suggestions }),
    'profile:validate': ({ profile }) => ({
      findings: (profile.resourceGroups ?? [])
        .map((g, i) => ({ g, i }))
        .filter(({ g }) => g.ignore && g.source.startsWith('group_'))
        .map(({ i }) => ({
          severity: 'error' as const,
          code: 'ignore-not-offered',
          message: 'no ignore on default groups',
          path: `resourceGroups[${i}].ignore`,
          rule: 'resource-group-ignore',
        })),
    }),
    'profile:save': ({ profile }) => ({
      id: 1,
      name: profile.name,
      description: null,
      sourceProject: profile.sourceProject,
      destinationProject: profile.destinationProject,
      hash: 'h',
      createdAt: 'x',
      updatedAt: 'x',
    }),
    'profile:list': () => [],
  });
}

describe('mapping rows', () => {
  it('shows entries, pre-filled suggestions and open decisions, and counts what is unmapped', () => {
    const rows = mappingRows(draft, suggestions, 'dataSources');
    expect(rows.map((r) => [r.source, r.target])).toEqual([
      ['mysql_orders', 'mysql_orders_prd'],
      ['mysql_legacy_erp', null],
    ]);
    expect(rows[0].suggestion?.score).toBe(0.9);
    expect(rows[0].candidates).toContain('mysql_crm');
    expect(unmappedCount(rows)).toBe(1);
    const projects = mappingRows(draft, suggestions, 'projects');
    expect(projects[0]).toMatchObject({ source: 'retail_dev', target: 'retail_prod', own: true });
    expect(unmappedCount(projects)).toBe(1);
  });
});

describe('profile slice', () => {
  it('suggests, learns which groups may not be ignored, and drops the marker of what the user edits', async () => {
    const { store, transport } = mappingStore();
    store.getState().setMappingSource('/p/pkg.zip', '/p/dev');
    store.getState().setDestination('/p/prod');
    await store.getState().suggestProfile();
    await flush();
    const state = store.getState().mapping;
    expect(transport.callsOf('profile:suggest')[0]).toMatchObject({
      packagePath: '/p/pkg.zip',
      destinationPath: '/p/prod',
      sourceWorkspacePath: '/p/dev',
    });
    expect(state.noIgnoreGroups).toEqual(['group_1']);
    const revision = state.revision;

    store.getState().setTarget('dataSources', 'mysql_orders', 'mysql_orders_prd');
    expect(store.getState().mapping.suggestions.some((s) => s.source === 'mysql_orders')).toBe(false);
    expect(store.getState().mapping.revision).toBe(revision + 1);

    store.getState().setIgnore('dataSources', 'mysql_legacy_erp', true);
    store.getState().setIgnore('projects', 'finance_dev', true);
    const profile = store.getState().mapping.profile!;
    expect(profile.dataSources.find((d) => d.source === 'mysql_legacy_erp')).toEqual({
      source: 'mysql_legacy_erp',
      ignore: true,
    });
    expect(unmappedCount(mappingRows(profile, store.getState().mapping.suggestions, 'projects'))).toBe(0);

    // A cleared choice keeps its row (unmapped again), rather than vanishing.
    store.getState().setTarget('dataSources', 'mysql_orders', '');
    const rows = mappingRows(
      store.getState().mapping.profile!,
      store.getState().mapping.suggestions,
      'dataSources',
      store.getState().mapping.known,
    );
    expect(rows.find((r) => r.source === 'mysql_orders')?.target).toBeNull();
  });

  it('accepting a suggestion drops its marker and keeps the target', async () => {
    const { store } = mappingStore();
    store.getState().setMappingSource('/p/pkg.zip', null);
    store.getState().setDestination('/p/prod');
    await store.getState().suggestProfile();
    store.getState().acceptSuggestion('dataSources', 'mysql_orders');
    expect(store.getState().mapping.suggestions.some((s) => s.source === 'mysql_orders')).toBe(false);
    expect(store.getState().mapping.profile?.dataSources[0].target).toBe('mysql_orders_prd');
  });
});

describe('plan and import', () => {
  it('creates a plan as a job, reads its head, and imports only an importable, current plan', async () => {
    const { store, transport } = setupStore({
      'profile:suggest': () => ({ profile: draft, suggestions: [] }),
      'profile:validate': () => ({ findings: [] }),
      'profile:list': () => [],
      'plan:create': () => ({ jobId: 'plan-1' }),
      'plan:summary': () => head(true),
      'plan:objects': () => ({ total: 0, offset: 0, objects: [] }),
      'import:start': () => ({ jobId: 'imp-1', taskId: 5 }),
      'import:result': () => ({ task, report: reportHead }),
      'report:objects': () => ({ total: 0, offset: 0, objects: [] }),
      'history:tasks': () => [],
    });
    store.getState().setMappingSource('/p/pkg.zip', null);
    store.getState().setDestination('/p/prod');
    await store.getState().suggestProfile();
    expect(importBlocker(store.getState())).toMatch(/make a plan/);

    await store.getState().createPlan();
    store.getState().jobUpdated(makeJob({ id: 'plan-1', kind: 'plan:create', state: 'succeeded' }));
    await flush();
    expect(store.getState().plan.error).toBeNull();
    expect(store.getState().plan.status).toBe('ready');
    expect(migrationGuards.import.canEnter(store.getState())).toEqual({ ok: true });

    // An edit after planning makes the plan stale: Import waits for a new plan.
    store.getState().setConflictPolicy('skip');
    expect(importBlocker(store.getState())).toMatch(/plan again/);
    await store.getState().createPlan();
    store.getState().jobUpdated(makeJob({ id: 'plan-1', kind: 'plan:create', state: 'succeeded' }));
    await flush();

    store.getState().setTaskName('bad name!');
    await store.getState().startImport();
    expect(transport.callsOf('import:start')).toHaveLength(0);
    store.getState().setTaskName('dev_to_prod.1');
    await store.getState().startImport();
    expect(transport.callsOf('import:start')[0]).toMatchObject({
      planJobId: 'plan-1',
      taskName: 'dev_to_prod.1',
    });
    expect(migrationGuards.import.canLeave(store.getState()).ok).toBe(false);
    store.getState().jobUpdated(makeJob({ id: 'imp-1', kind: 'import:start', state: 'succeeded' }));
    await flush();
    expect(store.getState().importFlow.error).toBeNull();
    expect(store.getState().importFlow.status).toBe('done');
    expect(store.getState().importFlow.result?.report.results.succeeded).toBe(3);
  });

  it('refuses Import while the gate blocks', async () => {
    const { store } = setupStore({
      'profile:suggest': () => ({ profile: draft, suggestions: [] }),
      'profile:validate': () => ({ findings: [] }),
      'profile:list': () => [],
      'plan:create': () => ({ jobId: 'plan-2' }),
      'plan:summary': () => head(false),
      'plan:objects': () => ({ total: 0, offset: 0, objects: [] }),
    });
    store.getState().setMappingSource('/p/pkg.zip', null);
    store.getState().setDestination('/p/prod');
    await store.getState().suggestProfile();
    await store.getState().createPlan();
    store.getState().jobUpdated(makeJob({ id: 'plan-2', kind: 'plan:create', state: 'succeeded' }));
    await flush();
    const guard = migrationGuards.import.canEnter(store.getState());
    expect(guard.ok).toBe(false);
    expect(store.getState().navigate('import')).toBe(false);
  });

  it('checks the import task name as the user types', () => {
    expect(taskNameProblem('dev_to_prod.1')).toBeNull();
    expect(taskNameProblem('dev to prod')).toMatch(/only letters, digits, underscore/);
    expect(taskNameProblem('')).toMatch(/must not be empty/);
    expect(taskNameProblem(defaultTaskName(new Date(2025, 0, 2, 3, 4, 5)))).toBeNull();
    expect(defaultTaskName(new Date(2025, 0, 2, 3, 4, 5))).toBe('import_20250102_030405');
  });
});

describe('step guards', () => {
  it('Map needs a package, Dry-run and Preview a profile', () => {
    const { store } = setupStore({});
    const s = store.getState();
    expect(migrationGuards.map.canEnter(s).ok).toBe(false);
    expect(migrationGuards.dryrun.canEnter(s).ok).toBe(false);
    expect(migrationGuards.preview.canEnter(s).ok).toBe(false);
    expect(migrationGuards.import.canEnter(s).ok).toBe(false);
  });
});
