import { z } from 'zod';

/**
 * An import task: one application of a saved plan to a local destination workspace (DataWorks Migration Assistant's
 * "import task"). It lives in the history database with its plan and its report, and moves through these states:
 *
 * - `editing`: created, not started (continue editing, preview, delete);
 * - `importing`: a run is under way, or was killed or cancelled mid-way (then it is resumable: start it again);
 * - `completed`: every object in the plan landed (view the report);
 * - `partially-completed`: some objects failed (import again retries only those);
 * - `import-failed`: the run stopped before finishing, or nothing landed (import again).
 */
export const importTaskStates = [
  'editing',
  'importing',
  'completed',
  'partially-completed',
  'import-failed',
] as const;
export const importTaskStateSchema = z.enum(importTaskStates);
export type ImportTaskState = z.infer<typeof importTaskStateSchema>;

/** How people read a state: the labels DataWorks uses. */
export const importTaskStateLabels: Record<ImportTaskState, string> = {
  editing: 'Editing',
  importing: 'Importing',
  completed: 'Completed',
  'partially-completed': 'Partially completed',
  'import-failed': 'Import failed',
};

/** Import task names: letters, digits, `_` and `.` only, as DataWorks requires. */
export const importTaskNameSchema = z
  .string()
  .min(1, { error: 'The import task name must not be empty.' })
  .max(128, { error: 'The import task name must be at most 128 characters.' })
  .regex(/^[A-Za-z0-9_.]+$/, {
    error: (issue) =>
      `The import task name "${String(issue.input)}" may hold only letters, digits, underscore (_) and period (.).`,
  });

/** What happened to one object in a run. */
export const objectOutcomes = ['succeeded', 'failed', 'skipped'] as const;
export const objectOutcomeSchema = z.enum(objectOutcomes);
export type ObjectOutcome = z.infer<typeof objectOutcomeSchema>;

/** An import task as history lists it. */
export const importTaskSchema = z.object({
  id: z.number(),
  name: importTaskNameSchema,
  remarks: z.string(),
  state: importTaskStateSchema,
  /** The destination workspace folder (absolute path). */
  destinationPath: z.string(),
  /** The destination's project identifier. */
  destinationProject: z.string(),
  /** The package the plan was made from (path as given) and its hash. */
  packagePath: z.string(),
  packageHash: z.string(),
  /** The saved plan file the task applies, when it came from one. */
  planPath: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The first start of the first run; null while editing. */
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** How many runs were started (resumes and "import again" included). */
  runs: z.number(),
  /** The error that stopped the last run, for people. */
  error: z.string().nullable(),
  /** The rollback package (zip) of what the import overwrote; null until one was written. */
  rollbackPath: z.string().nullable(),
});
export type ImportTask = z.infer<typeof importTaskSchema>;

const importTaskKeys = importTaskSchema.keyof().options;

/**
 * Only a task's own fields. A stored task also carries its plan and report, read from the history on first access
 * (~45 MB and ~17 MB for 20,000 objects), which spreading the stored task (`{ ...task }`) would read.
 */
export function taskFields(task: ImportTask): ImportTask {
  return Object.fromEntries(importTaskKeys.map((key) => [key, task[key]])) as ImportTask;
}
