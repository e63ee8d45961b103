import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import { importTaskSchema, type ImportTask } from '../../../shared/model/import-task';
import type { MappingProfile } from '../../../shared/model/mapping-profile';
import type { Plan } from '../../../shared/model/plan';
import type { ImportReport, ReportCounts } from '../../../shared/model/report';
import type { StoredImportTask } from '../../history/import-repository';
import {
  checkPlanImportable,
  createImportTask,
  deleteImportTask,
  runImportTask,
  validateImportTaskName,
  type ImportRunResult,
} from '../../importer/import-runner';
import { writeHandoffPackage, type Handoff } from '../../importer/handoff-package';
import type { ImporterDeps, ObjectMaterializer } from '../../importer/import-types';
import { planEngineVerifier } from '../../importer/plan-verifier';
import { openSpecMaterializer } from '../../importer/spec-object-materializer';
import { openPackageMaterializer } from '../../importer/worker-materializer';
import type { JobContext } from '../../jobs/job-runner';
import { parsePlan, readPlanFile, readPlanHead } from '../../plan/plan-file';
import { buildImportReport } from '../../report/build-report';
import { renderReportCsv, renderReportJson } from '../../report/report-csv';
import { renderReportHtml } from '../../report/report-html';
import { readWorkspaceConfig } from '../../workspace/workspace-config';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';
import {
  planJobKind,
  profileForPlan,
  rememberProfile,
  writeFileAtomic,
  type PlanSession,
} from './plan-session';

type ImportMethod =
  | 'import:start'
  | 'import:result'
  | 'import:again'
  | 'import:delete'
  | 'import:handoff'
  | 'import:handoffResult'
  | 'report:export'
  | 'report:objects'
  | 'history:tasks'
  | 'history:task';

/** The job kind of `import:start` and `import:again`; the result is an {@link ImportRunResult}. */
export const importJobKind = 'import';
/** The job kind of `import:handoff`. */
export const handoffJobKind = 'import-handoff';

const summaryOfTask = (task: StoredImportTask | ImportTask): ImportTask => importTaskSchema.parse(task);

function reportHead(report: ImportReport): Omit<ImportReport, 'details'> {
  const { details: _details, ...head } = report;
  return head;
}

/**
 * The profile objects are mapped with: the plan's, with the executor the plan was made for (`plan:create --executor`)
 * when the profile names none, so owners fall back exactly as the plan said. The hash check uses the profile as given.
 */
function withExecutor(plan: Pick<Plan, 'executor'>, profile: MappingProfile): MappingProfile {
  return plan.executor && !profile.owner.executor ? { ...profile, owner: { ...profile.owner, executor: plan.executor } } : profile;
}

/** An import's package, being read, mapped and materialized on a worker thread; progress goes to the job, once one runs. */
interface StartedMaterializer {
  materializer: ObjectMaterializer;
  reportTo(ctx: JobContext): void;
}

/**
 * Starts reading a plan's package for its import at once: the worker reads it while this thread checks the plan,
 * stores the task and runs the importer's own checks (which include the package's hash).
 */
async function startMaterializer(
  plan: Pick<Plan, 'executor' | 'hashes'>,
  paths: { packagePath: string; destinationPath: string },
  profile: MappingProfile,
): Promise<StartedMaterializer> {
  let job: JobContext | null = null;
  const materializer = openPackageMaterializer({
    packagePath: paths.packagePath,
    profile: withExecutor(plan, profile),
    packageHash: plan.hashes.package,
    destination: await readWorkspaceConfig(paths.destinationPath),
    onProgress: (done, total) => job?.progress(done, total, 'Reading the package'),
  });
  return {
    materializer,
    reportTo(ctx) {
      job = ctx;
      ctx.step('Reading the package');
    },
  };
}

/** What a materializer is started from: the same key, the same reading, mapping and checks. */
function startKey(plan: Pick<Plan, 'source' | 'destination' | 'hashes' | 'executor'>): string {
  return JSON.stringify([plan.source.path, plan.destination.path, plan.hashes.package, plan.hashes.profile, plan.executor]);
}

/** The work of an import job: apply the plan (or resume it) with the started materializer, closed at the end. */
async function runImport(
  deps: ImporterDeps,
  task: StoredImportTask,
  profile: MappingProfile,
  started: StartedMaterializer,
  ctx: JobContext,
): Promise<ImportRunResult> {
  started.reportTo(ctx);
  try {
    return await runImportTask(deps, task.id, { profile, materializer: started.materializer, progress: ctx });
  } finally {
    await started.materializer.close();
  }
}

/** The Import step and History: import tasks, their runs, reports and counts. */
export function importHandlers({ jobs, imports, profiles, userDataDir }: HandlerDeps): Pick<Handlers, ImportMethod> {
  const importer: ImporterDeps = { repository: imports, userDataDir, verifier: planEngineVerifier };
  const mustGetTask = async (taskId: number) => {
    const task = await imports.getTask(taskId);
    if (!task) throw new FerryError('not-found', `No import task ${taskId}.`);
    return task;
  };
  /**
   * The package read started from a plan file's head, before the file is read and checked whole (~0.5 s for 20,000
   * objects); null when the head cannot be read that way, or its profile or destination is not at hand: the checked
   * plan then starts it.
   */
  const startFromHead = async (
    planPath: string,
    given: MappingProfile | null,
  ): Promise<{ key: string; started: StartedMaterializer } | null> => {
    try {
      const head = await readPlanHead(planPath);
      if (!head) return null;
      const profile = await profileForPlan(head, profiles, given);
      const paths = { packagePath: head.source.path, destinationPath: head.destination.path };
      return { key: startKey(head), started: await startMaterializer(head, paths, profile) };
    } catch {
      return null;
    }
  };
  const start = (task: StoredImportTask, profile: MappingProfile, started: StartedMaterializer) =>
    jobs.start(importJobKind, `Import ${task.name}`, (ctx) => runImport(importer, task, profile, started, ctx)).job.id;

  // Counts for the History list, parsed once per task version (reports of 20,000 objects are not small).
  const counts = new Map<string, { results: ReportCounts | null; objects: number }>();
  const countsOf = async (id: number, updatedAt: string) => {
    const key = `${id}\u0000${updatedAt}`;
    const known = counts.get(key);
    if (known) return known;
    const task = await mustGetTask(id);
    const report = task.reportJson ? (JSON.parse(task.reportJson) as ImportReport) : null;
    const value = report
      ? { results: report.results, objects: report.results.total }
      : { results: null, objects: (JSON.parse(task.planJson) as Plan).objects.length };
    counts.set(key, value);
    return value;
  };
  const reportOf = async (task: StoredImportTask): Promise<ImportReport> => {
    if (task.reportJson) return JSON.parse(task.reportJson) as ImportReport;
    const plan = parsePlan(task.planJson, `import task ${task.name}`);
    const profile = await profileForPlan(plan, profiles).catch(() => null);
    return buildImportReport({ task: summaryOfTask(task), plan, profile, journal: await imports.latestJournal(task.id) });
  };

  return {
    'import:start': async ({ planJobId, planPath, taskName, remarks, profile: given }) => {
      validateImportTaskName(taskName);
      const session = planJobId ? jobs.result<PlanSession>(planJobId, planJobKind) : null;
      // The package is read from here on (from the plan file's head when it can be), while the plan is checked and
      // the task (with its ~45 MB plan) is stored.
      let early = session ? null : await startFromHead(planPath!, given ?? null);
      let started: StartedMaterializer | null = null;
      let task: StoredImportTask;
      let profile: MappingProfile;
      try {
        const plan = session ? session.plan : await readPlanFile(planPath!);
        // Refused before a task exists: the gate, conflicts, and a profile that is not the plan's.
        checkPlanImportable(plan);
        profile = await profileForPlan(plan, profiles, given ?? session?.profile ?? null);
        if (early && early.key === startKey(plan)) started = early.started;
        else {
          const unused = early;
          early = null;
          await unused?.started.materializer.close();
          const paths = { packagePath: plan.source.path, destinationPath: plan.destination.path };
          started = await startMaterializer(plan, paths, profile);
        }
        task = await createImportTask(importer, {
          name: taskName,
          remarks,
          plan,
          planPath: session ? session.planPath : path.resolve(planPath!),
        });
        await rememberProfile(profiles, profile);
      } catch (error) {
        await (started ?? early?.started)?.materializer.close();
        throw error;
      }
      return { jobId: start(task, profile, started), taskId: task.id };
    },
    'import:result': ({ jobId }) => {
      const { task, report } = jobs.result<ImportRunResult>(jobId, importJobKind);
      return Promise.resolve({ task: summaryOfTask(task), report: reportHead(report) });
    },
    'import:again': async ({ taskId }) => {
      const task = await mustGetTask(taskId);
      if (task.state === 'completed')
        throw new FerryError('conflict', `Import task "${task.name}" is completed: nothing to import again.`);
      const plan = parsePlan(task.planJson, `import task ${task.name}`);
      const profile = await profileForPlan(plan, profiles);
      const started = await startMaterializer(plan, task, profile);
      return { jobId: start(task, profile, started) };
    },
    'import:delete': async ({ taskId }) => {
      await deleteImportTask(importer, taskId);
      return { deleted: true };
    },
    'import:handoff': async ({ planJobId, name, description, outDir }) => {
      validateImportTaskName(name);
      const session = jobs.result<PlanSession>(planJobId, planJobKind);
      checkPlanImportable(session.plan);
      const profile = await profileForPlan(session.plan, profiles, session.profile);
      const { job } = jobs.start(handoffJobKind, `Hand-off ${name}`, async (ctx) => {
        ctx.step('Writing the hand-off package');
        const materializer = await openSpecMaterializer(session.model, withExecutor(session.plan, profile), session.destination.config);
        try {
          return await writeHandoffPackage({ plan: session.plan, profile, materializer, name, description, outDir, signal: ctx.signal });
        } finally {
          await materializer.close();
        }
      });
      return { jobId: job.id };
    },
    'import:handoffResult': ({ jobId }) => {
      const { packagePath, parametersPath, parameters } = jobs.result<Handoff>(jobId, handoffJobKind);
      return Promise.resolve({ packagePath, parametersPath, parameters: { ...parameters } });
    },
    'report:export': async ({ taskId, format, path: file }) => {
      const report = await reportOf(await mustGetTask(taskId));
      const content =
        format === 'json' ? renderReportJson(report) : format === 'csv' ? renderReportCsv(report) : renderReportHtml(report);
      if (file === undefined) return { path: null, content };
      await writeFileAtomic(file, content);
      return { path: path.resolve(file) };
    },
    'report:objects': async ({ taskId, offset, limit, outcome }) => {
      const report = await reportOf(await mustGetTask(taskId));
      const rows = outcome ? report.details.filter((d) => d.outcome === outcome) : report.details;
      return { total: rows.length, offset, objects: rows.slice(offset, offset + limit) };
    },
    'history:tasks': async ({ limit }) => {
      const tasks = await imports.listTasks(limit);
      return Promise.all(tasks.map(async (t) => ({ ...t, ...(await countsOf(t.id, t.updatedAt)) })));
    },
    'history:task': async ({ taskId }) => {
      const task = await mustGetTask(taskId);
      const plan = JSON.parse(task.planJson) as Plan;
      return {
        task: summaryOfTask(task),
        planSummary: plan.summary,
        profileName: plan.profileName,
        report: task.reportJson ? reportHead(JSON.parse(task.reportJson) as ImportReport) : null,
      };
    },
  };
}
