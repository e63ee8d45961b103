import { FerryError } from '../../shared/errors';
import type { ImportTask } from '../../shared/model/import-task';
import { importReportSchema, type ImportReport } from '../../shared/model/report';
import type { ImportRepository } from '../history/import-repository';
import { renderReportCsv, renderReportJson } from '../report/report-csv';
import { renderReportHtml } from '../report/report-html';
import { destinationKeyOf } from './import-runner';

export type ReportFormat = 'json' | 'csv' | 'html';

/** Import tasks for the History screen and `ferry history`, newest first. */
export function listImportTasks(repository: ImportRepository, limit = 100): Promise<ImportTask[]> {
  return repository.listTasks(limit);
}

/** The stored report of a task (written at the end of every run); `not-found` before its first run ends. */
export async function loadImportReport(repository: ImportRepository, taskId: number): Promise<ImportReport> {
  const task = await repository.getTask(taskId);
  if (!task) throw new FerryError('not-found', `No import task ${taskId}.`);
  if (!task.reportJson)
    throw new FerryError(
      'not-found',
      `Import task "${task.name}" has no report yet (it never finished a run).`,
    );
  return importReportSchema.parse(JSON.parse(task.reportJson));
}

/** A task's report as text in one of the three formats (`ferry report <task> --format ...`). */
export async function renderImportReport(
  repository: ImportRepository,
  taskId: number,
  format: ReportFormat,
): Promise<string> {
  const report = await loadImportReport(repository, taskId);
  if (format === 'csv') return renderReportCsv(report);
  if (format === 'html') return renderReportHtml(report);
  return renderReportJson(report);
}

/**
 * The identity ledger of a destination as createPlan's `identities` (source asset id -> destination object id), so a
 * preview after an earlier import matches objects by identity even where ids differ (an overwrite kept the
 * destination's id).
 */
export async function ledgerIdentities(
  repository: ImportRepository,
  destination: string,
  projectIdentifier: string,
): Promise<Map<string, string>> {
  const key = await destinationKeyOf(destination, projectIdentifier);
  return new Map((await repository.listLedger(key)).map((e) => [e.sourceId, e.objectId]));
}
