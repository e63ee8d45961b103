import path from 'node:path';
import { CloudImportService } from '../../cloud/cloud-import-service';
import { createCloudImportRepository } from '../../history/cloud-import-repository';
import { openHistoryDatabase } from '../../history/history-database';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

type CloudMethod = 'cloud:import' | 'cloud:follow' | 'cloud:imports';

/**
 * DataWorks cloud imports. Like the upload handlers, the service gets a connection of its own to the history
 * database on first use (WAL allows it), since HandlerDeps carries no cloud import repository.
 */
export function cloudHandlers(deps: HandlerDeps): Pick<Handlers, CloudMethod> {
  let service: CloudImportService | null = null;
  const imports = () => {
    service ??= new CloudImportService({
      repo: createCloudImportRepository(openHistoryDatabase(path.join(deps.userDataDir, 'history.db'))),
      jobs: deps.jobs,
    });
    return service;
  };
  return {
    'cloud:import': (input) => imports().start(input),
    'cloud:follow': ({ importId, ...options }) => imports().follow(importId, options),
    'cloud:imports': ({ limit }) => imports().list(limit),
  };
}
