import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function historyHandlers({ history }: HandlerDeps): Pick<Handlers, 'history:packages'> {
  return {
    'history:packages': ({ limit }) => history.listPackages(limit),
  };
}
