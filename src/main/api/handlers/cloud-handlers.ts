import { CloudImportService } from '../../cloud/cloud-import-service';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

type CloudMethod = 'cloud:import' | 'cloud:follow' | 'cloud:imports';

/** DataWorks cloud imports, made on first use over the backend's one history connection. */
export function cloudHandlers(deps: HandlerDeps): Pick<Handlers, CloudMethod> {
  let service: CloudImportService | null = null;
  const imports = () => {
    service ??= new CloudImportService({
      repo: deps.cloudImports,
      jobs: deps.jobs,
      vault: deps.credentialVault,
    });
    return service;
  };
  return {
    'cloud:import': (input) => imports().start(input),
    'cloud:follow': ({ importId, ...options }) => imports().follow(importId, options),
    'cloud:imports': ({ limit }) => imports().list(limit),
  };
}
