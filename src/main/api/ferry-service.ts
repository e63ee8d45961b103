import { FerryError } from '../../shared/errors';
import type { Handlers } from './dispatcher';
import type { JobRunner } from '../jobs/job-runner';
import type { HistoryRepository } from '../history/history-repository';
import { openPackageFile, pageOfEntries, type OpenedPackageSession } from '../packages/package-opener';

export interface ServiceDeps {
  version: string;
  mode: 'desktop' | 'web';
  userDataDir: string;
  jobs: JobRunner;
  history: HistoryRepository;
  /** The native open dialog; absent in web mode. */
  pickPackageFile?: () => Promise<string | null>;
  /** Whether the transport accepts file uploads (web mode). */
  canUpload: boolean;
}

const OPEN_PACKAGE = 'package-open';

/** Implements the contract by composing the modules; transports and UI only carry requests and events. */
export function createFerryService(deps: ServiceDeps): Handlers {
  const { jobs, history } = deps;
  const session = (jobId: string) => jobs.result<OpenedPackageSession>(jobId, OPEN_PACKAGE);

  return {
    'app:info': () =>
      Promise.resolve({
        version: deps.version,
        mode: deps.mode,
        userDataDir: deps.userDataDir,
        canPickFiles: deps.pickPackageFile !== undefined,
        canUpload: deps.canUpload,
      }),
    'package:pick': async () => {
      if (!deps.pickPackageFile) throw new FerryError('unsupported', 'No file dialog in web mode: type the path or upload the file.');
      return { path: await deps.pickPackageFile() };
    },
    'package:open': ({ path: filePath }) => {
      const title = filePath.split(/[\\/]/).pop() || filePath;
      const { job } = jobs.start(OPEN_PACKAGE, title, (ctx) => openPackageFile(filePath, ctx, history));
      return Promise.resolve({ jobId: job.id });
    },
    'package:get': ({ jobId }) => Promise.resolve(session(jobId).summary),
    'package:entries': ({ jobId, offset, limit, search }) =>
      Promise.resolve(pageOfEntries(session(jobId).entries, offset, limit, search)),
    'job:list': () => Promise.resolve(jobs.list()),
    'job:cancel': ({ jobId }) => Promise.resolve({ cancelled: jobs.cancel(jobId) }),
    'history:packages': ({ limit }) => history.listPackages(limit),
  };
}
