import { UploadService } from '../../storage/upload-service';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

type UploadMethod = 'upload:start' | 'upload:pause' | 'upload:resume' | 'upload:cancel' | 'upload:list' | 'upload:url';

/** OSS uploads, made on first use over the backend's one history connection. */
export function uploadHandlers(deps: HandlerDeps): Pick<Handlers, UploadMethod> {
  let service: UploadService | null = null;
  const uploads = () => {
    service ??= new UploadService({
      repo: deps.uploads,
      jobs: deps.jobs,
      vault: deps.credentialVault,
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
