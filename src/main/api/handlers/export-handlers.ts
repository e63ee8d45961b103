import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import type { ExportResult } from '../../../shared/model/export';
import { checkOutputPath } from '../../export/output-path';
import { previewExport, runExport } from '../../export/run-export';
import { isWorkspaceFolder } from '../../workspace/workspace-config';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

const EXPORT = 'export';

export function exportHandlers({
  jobs,
  history,
}: HandlerDeps): Pick<Handlers, 'export:start' | 'export:result' | 'export:preview'> {
  return {
    'export:start': async (request) => {
      // The mistakes people make most are refused at once, before a job exists.
      if (!(await isWorkspaceFolder(request.workspacePath))) {
        throw new FerryError(
          'not-found',
          `${request.workspacePath}: not a workspace folder (no workspace.json)`,
        );
      }
      await checkOutputPath(request.outPath, request.workspacePath, request.overwrite);
      const title = `Export ${path.basename(path.resolve(request.workspacePath))} to ${path.basename(request.outPath)}`;
      const { job } = jobs.start(EXPORT, title, (ctx) => runExport(request, ctx, { history }));
      return { jobId: job.id };
    },
    'export:result': ({ jobId }) => Promise.resolve(jobs.result<ExportResult>(jobId, EXPORT)),
    'export:preview': (scope) => previewExport(scope, history),
  };
}
