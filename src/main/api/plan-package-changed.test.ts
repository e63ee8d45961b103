import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../jobs/job-runner';
import { accounts, completeProfile, devDir, prodDir } from '../mapping/mapping-samples.test-support';
import { failureOf } from '../test-support/failure';
import { zipOfFolder } from '../test-support/folder-package';
import { runPlan } from './handlers/plan-handlers';

/** A plan of a package file that is replaced while it is planned: the dev sample exported to a zip, into prod. */
let dir: string;
let zip: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-plan-changed-'));
  zip = path.join(dir, 'dev.zip');
  await zipOfFolder(devDir, zip);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A job context that runs `onStep` when the plan names a step. */
function context(onStep: (step: string) => void = () => undefined): JobContext {
  return { jobId: 'test', signal: new AbortController().signal, progress: () => undefined, step: onStep };
}

const request = () => ({
  packagePath: zip,
  destinationPath: prodDir,
  profile: completeProfile(),
  executor: accounts.carol,
});

describe('a package file replaced while it is planned', () => {
  it('is refused, naming the file, even when the new file has the same bytes', async () => {
    expect((await runPlan(request(), context())).plan.objects.length).toBeGreaterThan(20);
    const error = await failureOf(
      runPlan(
        request(),
        context((step) => {
          // Once the package is read: an identical copy renamed over it (another file, the same content).
          if (!step.startsWith('Mapping')) return;
          fs.copyFileSync(zip, `${zip}.new`);
          fs.renameSync(`${zip}.new`, zip);
        }),
      ),
    );
    expect([error.code, error.message]).toEqual([
      'io',
      `${zip}: the package file changed while it was being planned; plan again`,
    ]);
  });
});
