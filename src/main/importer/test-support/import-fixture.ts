import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MappingProfile } from '../../../shared/model/mapping-profile';
import type { Plan } from '../../../shared/model/plan';
import { readPackage } from '../../formats/read-package';
import { snapshotDestination } from '../../plan/destination-snapshot';
import { openHistoryDatabase, type SqliteDatabase } from '../../history/history-database';
import { createImportRepository } from '../../history/import-repository';
import { accounts, completeProfile, devDir, prodDir } from '../../mapping/mapping-samples.test-support';
import { createPlan } from '../../plan/create-plan';
import { readWorkspaceConfig } from '../../workspace/workspace-config';
import type { ImporterDeps } from '../import-types';
import { openSpecMaterializer } from '../spec-object-materializer';
import { testVerifier } from './hand-plan';

/** Copies of the sample workspaces and a history database in a temp folder, for importer tests. */
export interface ImportFixture {
  root: string;
  dev: string;
  prod: string;
  userData: string;
  dbFile: string;
  db: SqliteDatabase;
  deps: ImporterDeps;
  close(): void;
}

/** A fixed clock, so two imports into two copies write the same bytes (states `changedAt`). */
export const fixedNow = () => new Date('2024-07-01T02:00:00.000Z');

export function createImportFixture(prefix = 'ferry-import-'): ImportFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dev = path.join(root, 'dev');
  const prod = path.join(root, 'prod');
  fs.cpSync(devDir, dev, { recursive: true });
  fs.cpSync(prodDir, prod, { recursive: true });
  const userData = path.join(root, 'user-data');
  const dbFile = path.join(userData, 'history.db');
  const db = openHistoryDatabase(dbFile);
  const deps: ImporterDeps = {
    repository: createImportRepository(db),
    userDataDir: userData,
    verifier: testVerifier,
    now: fixedNow,
  };
  return {
    root,
    dev,
    prod,
    userData,
    dbFile,
    db,
    deps,
    close() {
      db.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The dev -> prod profile used by importer tests: complete, conflicts skipped, notify_* nodes as dry runs. */
export function testProfile(): MappingProfile {
  return completeProfile({
    conflictPolicy: 'skip',
    dryRun: { recurrence: 'Skip', nodes: [], rules: [{ nameGlob: 'notify_*' }] },
  });
}

/** Opens the materializer the importer needs for a plan (package from the plan, destination config as it is now). */
export async function materializerFor(plan: Plan, profile: MappingProfile) {
  const model = await readPackage(plan.source.path);
  const config = await readWorkspaceConfig(plan.destination.path);
  return openSpecMaterializer(model, profile, config);
}

/** The plan the real plan engine makes for `packagePath` into the fixture's prod copy (executor carol, fixed clock). */
export async function planWithEngine(fx: ImportFixture, packagePath: string, profile: MappingProfile): Promise<Plan> {
  const [model, destination, srcConfig] = await Promise.all([
    readPackage(packagePath),
    snapshotDestination(fx.prod),
    readWorkspaceConfig(fx.dev),
  ]);
  return createPlan({
    model,
    profile,
    destination,
    source: { config: srcConfig },
    executor: accounts.carol,
    now: fixedNow(),
  });
}
