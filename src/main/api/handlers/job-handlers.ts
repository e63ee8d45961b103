import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function jobHandlers({ jobs }: HandlerDeps): Pick<Handlers, 'job:list' | 'job:cancel'> {
  return {
    'job:list': () => Promise.resolve(jobs.list()),
    'job:cancel': ({ jobId }) => Promise.resolve({ cancelled: jobs.cancel(jobId) }),
  };
}
