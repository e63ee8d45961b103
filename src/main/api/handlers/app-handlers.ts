import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function appHandlers(deps: HandlerDeps): Pick<Handlers, 'app:info'> {
  return {
    'app:info': () =>
      Promise.resolve({
        version: deps.version,
        mode: deps.mode,
        userDataDir: deps.userDataDir,
        canPickFiles: deps.pickPackageFile !== undefined,
        canUpload: deps.canUpload,
      }),
  };
}
