import type { Handlers } from './dispatcher';
import { appHandlers } from './handlers/app-handlers';
import { exportHandlers } from './handlers/export-handlers';
import type { HandlerDeps } from './handlers/handler-deps';
import { historyHandlers } from './handlers/history-handlers';
import { inspectHandlers } from './handlers/inspect-handlers';
import { jobHandlers } from './handlers/job-handlers';
import { packageHandlers } from './handlers/package-handlers';
import { dryrunHandlers } from './handlers/dryrun-handlers';
import { importHandlers } from './handlers/import-handlers';
import { planHandlers } from './handlers/plan-handlers';
import { profileHandlers } from './handlers/profile-handlers';
import { samplesHandlers } from './handlers/samples-handlers';
import { uploadHandlers } from './handlers/upload-handlers';
import { cloudHandlers } from './handlers/cloud-handlers';
import { credentialsHandlers } from './handlers/credentials-handlers';

export type { HandlerDeps } from './handlers/handler-deps';

/**
 * Implements the contract by gathering one handler group per domain (./handlers). Handlers compose modules;
 * transports and UI only carry requests and events. TypeScript fails here until every method has a handler.
 */
export function createFerryService(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...packageHandlers(deps),
    ...jobHandlers(deps),
    ...historyHandlers(deps),
    ...exportHandlers(deps),
    ...inspectHandlers(deps),
    ...profileHandlers(deps),
    ...dryrunHandlers(deps),
    ...planHandlers(deps),
    ...importHandlers(deps),
    ...samplesHandlers(deps),
    ...uploadHandlers(deps),
    ...cloudHandlers(deps),
    ...credentialsHandlers(deps),
  };
}
