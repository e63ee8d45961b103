import { z } from 'zod';
import { method } from '../define';
import { importTaskSchema, objectOutcomeSchema } from '../../model/import-task';
import { mappingProfileSchema } from '../../model/mapping-profile';
import { planSummarySchema } from '../../model/plan';
import { importReportSchema, reportCountsSchema, reportObjectSchema } from '../../model/report';
import { jobRef } from './common';

const taskId = z.int().min(1);

/** The report without its per-object rows (page those with `report:objects`). */
export const reportHeadSchema = importReportSchema.omit({ details: true });

/** An import task as the History list shows it: the task and its counts (from its report, else from its plan). */
export const importTaskRowSchema = importTaskSchema.extend({
  /** Outcome counts of the last run; null before the first run finished. */
  results: reportCountsSchema.nullable(),
  /** Objects in the plan. */
  objects: z.int().min(0),
});

export const reportFormats = ['json', 'csv', 'html'] as const;

/** Step 7 and 8 of the journey: import tasks, their reports, and history. */
export const importMethods = {
  'import:start': method(
    z
      .object({
        /** A plan held by a plan job (plan:create / plan:open) ... */
        planJobId: z.string().min(1).optional(),
        /** ... or a saved plan file. */
        planPath: z.string().min(1).optional(),
        taskName: z.string(),
        remarks: z.string().default(''),
        /** The profile the plan was made with; looked up in history by the plan’s profile hash when left out. */
        profile: mappingProfileSchema.optional(),
      })
      .strict()
      .refine((v) => (v.planJobId === undefined) !== (v.planPath === undefined), {
        error: 'Give exactly one of planJobId and planPath.',
      }),
    z.object({ jobId: z.string(), taskId: z.int() }),
    'Creates an import task for a plan and starts a job applying it to the destination; follow job:updated.',
  ),
  'import:result': method(
    jobRef,
    z.object({ task: importTaskSchema, report: reportHeadSchema }),
    'The task and report (without per-object rows) of a finished import job.',
  ),
  'import:again': method(
    z.object({ taskId }).strict(),
    jobRef,
    'Starts a job that runs an unfinished task again: a killed run resumes, failed objects are retried, done ones kept.',
  ),
  'import:delete': method(
    z.object({ taskId }).strict(),
    z.object({ deleted: z.boolean() }),
    'Deletes a task that never started (state Editing).',
  ),
  'import:handoff': method(
    z
      .object({
        planJobId: z.string().min(1),
        /** The import task name in DataWorks (letters, digits, `_`, `.`); also the zip's name. */
        name: z.string(),
        description: z.string().optional(),
        outDir: z.string().min(1, 'Give the folder to write the hand-off into.'),
      })
      .strict(),
    jobRef,
    'Starts a job writing the hand-off for DataWorks: the mapped SPEC package and create-import-migration.json.',
  ),
  'import:handoffResult': method(
    jobRef,
    z.object({ packagePath: z.string(), parametersPath: z.string(), parameters: z.record(z.string(), z.string()) }),
    'What a finished import:handoff job wrote, with the CreateImportMigration parameters.',
  ),
  'report:export': method(
    z
      .object({
        taskId,
        format: z.enum(reportFormats),
        /** Where to write it; when left out the content is returned. */
        path: z.string().min(1).optional(),
      })
      .strict(),
    z.object({ path: z.string().nullable(), content: z.string().optional() }),
    'An import task’s report as JSON, CSV or a self-contained HTML page, written to a file or returned.',
  ),
  'report:objects': method(
    z
      .object({
        taskId,
        offset: z.int().min(0).default(0),
        limit: z.int().min(1).max(5000).default(500),
        outcome: objectOutcomeSchema.optional(),
      })
      .strict(),
    z.object({ total: z.int(), offset: z.int(), objects: z.array(reportObjectSchema) }),
    'A page of an import report’s per-object rows, optionally of one outcome.',
  ),
  'history:tasks': method(
    z.object({ limit: z.int().min(1).max(1000).default(100) }).strict(),
    z.array(importTaskRowSchema),
    'Import tasks, newest first, with state, times, package, destination and counts.',
  ),
  'history:task': method(
    z.object({ taskId }).strict(),
    z.object({
      task: importTaskSchema,
      planSummary: planSummarySchema,
      profileName: z.string(),
      report: reportHeadSchema.nullable(),
    }),
    'One import task with its plan path and summary and its report (without per-object rows).',
  ),
} as const;
