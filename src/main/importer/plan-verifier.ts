import { promises as fs } from 'node:fs';
import { readPackage } from '../formats/read-package';
import { fileSha256, hashDestination, hashPackage, hashProfile } from '../plan/plan-hash';
import { snapshotDestination } from '../plan/destination-snapshot';
import type { PlanVerifier } from './import-types';

/**
 * The verifier the importer uses in production: recomputes a plan's hashes exactly as the plan engine
 * (`src/main/plan/plan-hash.ts`) computed them, by reading the package and the destination again.
 *
 * A package file (zip, single file) is hashed by its bytes (`hashPackage` takes `file-sha256` of any package that is
 * not a folder), so it is streamed through sha256 rather than read as a package: reading a 20,000-node zip costs
 * seconds, and the import reads it anyway. A folder package is read (its hash is over its assets).
 */
export const planEngineVerifier: PlanVerifier = {
  async packageHash(packagePath, method) {
    if (method === 'file-sha256' && (await fs.stat(packagePath)).isFile()) return fileSha256(packagePath);
    const model = await readPackage(packagePath);
    return (await hashPackage(model)).value;
  },
  profileHash: hashProfile,
  async destinationHash(destination) {
    const { config, planHashes } = await snapshotDestination(destination);
    return hashDestination(config, planHashes);
  },
};
