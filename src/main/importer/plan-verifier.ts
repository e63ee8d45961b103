import { readPackage } from '../formats/read-package';
import { hashDestination, hashPackage, hashProfile } from '../plan/plan-hash';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import type { PlanVerifier } from './import-types';

/**
 * The verifier the importer uses in production: recomputes a plan's hashes exactly as the plan engine
 * (`src/main/plan/plan-hash.ts`) computed them, by reading the package and the destination again.
 */
export const planEngineVerifier: PlanVerifier = {
  async packageHash(packagePath) {
    const model = await readPackage(packagePath);
    return (await hashPackage(model)).value;
  },
  profileHash: hashProfile,
  async destinationHash(destination) {
    const [config, model] = await Promise.all([readWorkspaceConfig(destination), readPackage(destination)]);
    return hashDestination(config, model);
  },
};
