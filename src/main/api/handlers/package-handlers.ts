import { FerryError } from '../../../shared/errors';
import type { Handlers } from '../dispatcher';
import { unlockPackage } from '../../formats/read-package';
import { openPackageFile, pageOfEntries, type OpenedPackageSession } from '../../packages/package-opener';
import type { HandlerDeps } from './handler-deps';

const OPEN_PACKAGE = 'package-open';

export function packageHandlers(
  deps: HandlerDeps,
): Pick<Handlers, 'package:pick' | 'package:open' | 'package:unlock' | 'package:get' | 'package:entries'> {
  const { jobs, history } = deps;
  const session = (jobId: string) => jobs.result<OpenedPackageSession>(jobId, OPEN_PACKAGE);
  return {
    'package:pick': async () => {
      if (!deps.pickPackageFile) {
        throw new FerryError('unsupported', 'No file dialog in web mode: type the path or upload the file.');
      }
      return { path: await deps.pickPackageFile() };
    },
    'package:open': ({ path: filePath }) => {
      const title = filePath.split(/[\\/]/).pop() || filePath;
      const { job } = jobs.start(OPEN_PACKAGE, title, (ctx) => openPackageFile(filePath, ctx, history));
      return Promise.resolve({ jobId: job.id });
    },
    'package:unlock': async ({ path: packagePath, passphrase }) => {
      await unlockPackage(packagePath, passphrase);
      return { path: packagePath };
    },
    'package:get': ({ jobId }) => Promise.resolve(session(jobId).summary),
    'package:entries': ({ jobId, offset, limit, search }) =>
      Promise.resolve(pageOfEntries(session(jobId).entries, offset, limit, search)),
  };
}
