import path from 'node:path';
import { openHistoryDatabase } from '../../history/history-database';
import { createUploadRepository } from '../../history/upload-repository';
import { UploadService } from '../../storage/upload-service';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

type UploadMethod = 'upload:start' | 'upload:pause' | 'upload:resume' | 'upload:cancel' | 'upload:list' | 'upload:url';

/**
 * OSS uploads. The service is made on first use with a connection of its own to the history database (WAL allows
 * it), because HandlerDeps carries no upload repository yet; wiring one through create-backend.ts would let
 * backend.close() close it too.
 */
export function uploadHandlers(deps: HandlerDeps): Pick<Handlers, UploadMethod> {
  let service: UploadService | null = null;
  const uploads = () => {
    service ??= new UploadService({
      repo: createUploadRepository(openHistoryDatabase(path.join(deps.userDataDir, 'history.db'))),
      jobs: deps.jobs,
    });
    return service;
  };
  return {
    'upload:start': (input) => uploads().start(input),
    'upload:pause': ({ uploadId }) => uploads().pause(uploadId),
    'upload:resume': ({ uploadId, credentials }) => uploads().resume(uploadId, credentials),
    'upload:cancel': ({ uploadId }) => uploads().cancel(uploadId),
    'upload:list': ({ limit }) => uploads().list(limit),
    'upload:url': ({ uploadId, expiresInSeconds }) => uploads().url(uploadId, expiresInSeconds),
  };
}
