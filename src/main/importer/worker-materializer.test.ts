import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestInfo } from '../../shared/model/package-manifest';
import type { Plan } from '../../shared/model/plan';
import { readPackage } from '../formats/read-package';
import { writeSpecPackage } from '../formats/spec-package/spec-package-writer';
import { bundleWorker } from '../test-support/bundle-worker';
import { failureOf } from '../test-support/failure';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { sha256Of } from '../formats/known-sha256';
import type { ObjectFile, ObjectMaterializer } from './import-types';
import { createImportFixture, planWithEngine, testProfile, type ImportFixture } from './test-support/import-fixture';
import { openPackageMaterializer, type OpenMaterializerInput } from './worker-materializer';

/**
 * The import's materializer on a worker thread, as the built app runs it (the worker bundled here as
 * scripts/build.mjs bundles it): the dev sample exported as a zip, planned against the prod sample.
 */
let fx: ImportFixture;
let workerScript: string;
let zip: string;
let plan: Plan;
let input: Omit<OpenMaterializerInput, 'workerScript'>;

const manifest: ManifestInfo = {
  createdAt: '2025-01-01T00:00:00.000Z',
  createdBy: 'test',
  source: { projectIdentifier: null, displayName: null, region: null },
  export: { type: 'full' },
};

beforeAll(async () => {
  fx = createImportFixture('ferry-worker-materializer-');
  workerScript = await bundleWorker(fileURLToPath(new URL('./materializer-worker.ts', import.meta.url)), fx.root);
  zip = path.join(fx.root, 'dev.zip');
  await writeSpecPackage(zip, await readPackage(fx.dev), { manifest });
  const profile = testProfile();
  plan = await planWithEngine(fx, zip, profile);
  const destConfig = await readWorkspaceConfig(fx.prod);
  input = { packagePath: zip, profile, destination: destConfig, packageHash: plan.hashes.package };
}, 60_000);
afterAll(() => fx.close());

const landing = () => plan.objects.filter((o) => o.action === 'create' || o.action === 'update');

async function allFiles(materializer: ObjectMaterializer): Promise<(ObjectFile[] | Error)[]> {
  try {
    return await materializer.filesOf(landing());
  } finally {
    await materializer.close();
  }
}

const bytesOf = (results: (ObjectFile[] | Error)[]) =>
  results.map((r) => (r instanceof Error ? r.message : r.map((f) => [f.path, f.data.toString('base64')])));

describe('materializing an import on a worker thread', () => {
  it('gives the same files as this thread, each with the sha256 of its bytes', async () => {
    expect(plan.hashes.package.method).toBe('file-sha256');
    expect(landing().length).toBeGreaterThan(20);
    const viaWorker = await allFiles(openPackageMaterializer({ ...input, workerScript }));
    const here = await allFiles(openPackageMaterializer({ ...input, workerScript: null }));
    expect(bytesOf(viaWorker)).toEqual(bytesOf(here));
    const files = viaWorker.flatMap((r) => (r instanceof Error ? [] : r));
    expect(files.length).toBeGreaterThan(landing().length);
    for (const file of files) expect(file.sha256).toBe(sha256Of(file.data));
  });

  it("gives an object that is not in the package its own error, and the others their files", async () => {
    const materializer = openPackageMaterializer({ ...input, workerScript });
    try {
      const [known] = landing();
      const stranger = { ...known, assetId: 'no-such-asset', name: 'ghost' };
      const [mine, theirs] = await materializer.filesOf([known, stranger]);
      expect(Array.isArray(mine)).toBe(true);
      expect(theirs).toBeInstanceOf(Error);
      expect((theirs as Error & { code?: string }).code).toBe('not-found');
      expect((theirs as Error).message).toBe('ghost: not in the mapped package (id no-such-asset)');
    } finally {
      await materializer.close();
    }
  });

  it('refuses a package that changed since it was planned, on the worker as on this thread', async () => {
    const other = path.join(fx.root, 'dev-again.zip');
    await writeSpecPackage(other, await readPackage(fx.dev), { manifest: { ...manifest, createdBy: 'someone else' } });
    fs.copyFileSync(other, path.join(fx.root, 'swap.zip'));
    for (const script of [workerScript, null]) {
      const changed = { ...input, packagePath: path.join(fx.root, 'swap.zip'), workerScript: script };
      const error = await failureOf(allFiles(openPackageMaterializer(changed)));
      expect([error.code, error.message]).toEqual([
        'conflict',
        `The plan is for another package: ${changed.packagePath} changed since the plan was made (its sha256 differs); preview this package.`,
      ]);
    }
  });

  it('brings a package that cannot be read back as the reading error', async () => {
    const missing = path.join(fx.root, 'gone.zip');
    const error = await failureOf(allFiles(openPackageMaterializer({ ...input, packagePath: missing, workerScript })));
    expect([error.code, error.message]).toEqual(['not-found', `${missing}: no such file or folder`]);
  });

  it('materializes on this thread when the worker cannot start', async () => {
    const broken = path.join(fx.root, 'broken-worker.cjs');
    fs.writeFileSync(broken, "require('./no-such-module');");
    const viaBroken = await allFiles(openPackageMaterializer({ ...input, workerScript: broken }));
    const here = await allFiles(openPackageMaterializer({ ...input, workerScript: null }));
    expect(bytesOf(viaBroken)).toEqual(bytesOf(here));
  });
});
