import type { Handlers } from '../dispatcher';
import { inspectJobKind, runInspection } from '../../inspect/inspect-job';
import type { Inspection } from '../../inspect/inspect-package';
import {
  objectDetails,
  objectGraph,
  pageOfObjects,
  pageOfProblems,
  summaryOf,
} from '../../inspect/inspection-queries';
import type { HandlerDeps } from './handler-deps';

type InspectMethod =
  | 'inspect:start'
  | 'inspect:summary'
  | 'inspect:objects'
  | 'inspect:object'
  | 'inspect:graph'
  | 'inspect:problems';

/** The Inspect step: the session is the inspect job's result, so it lives as long as the job list does. */
export function inspectHandlers({ jobs }: HandlerDeps): Pick<Handlers, InspectMethod> {
  const session = (jobId: string) => jobs.result<Inspection>(jobId, inspectJobKind);
  return {
    'inspect:start': ({ path: filePath }) => {
      const title = filePath.split(/[\\/]/).filter(Boolean).pop() || filePath;
      const { job } = jobs.start(inspectJobKind, title, (ctx) => runInspection(filePath, ctx));
      return Promise.resolve({ jobId: job.id });
    },
    'inspect:summary': ({ jobId }) => Promise.resolve(summaryOf(session(jobId))),
    'inspect:objects': ({ jobId, offset, limit, filters }) =>
      Promise.resolve(pageOfObjects(session(jobId), offset, limit, filters)),
    'inspect:object': ({ jobId, id }) => objectDetails(session(jobId), id),
    'inspect:graph': ({ jobId, id, depth }) => Promise.resolve(objectGraph(session(jobId), id, depth)),
    'inspect:problems': ({ jobId, offset, limit, severity, code }) =>
      Promise.resolve(pageOfProblems(session(jobId), offset, limit, { severity, code })),
  };
}
