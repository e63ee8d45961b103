/**
 * The import process of the kill test (src/main/importer/import-kill.test.ts), bundled with esbuild and run with
 * plain Node. It runs one import task and, when `killAt` is set, SIGKILLs itself at that step: steps are counted at
 * every journal append (before and after the commit) and inside every destination write (before the temporary file,
 * between the temporary file and the rename, after the rename). Exit 0: completed; 3: failed; stdout: step count.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MappingProfile } from '../../../shared/model/mapping-profile';
import { openHistoryDatabase } from '../../history/history-database';
import { createImportRepository, type ImportRepository } from '../../history/import-repository';
import { parsePlan } from '../../plan/plan-file';
import type { FileWriter } from '../atomic-file';
import { runImportTask } from '../import-runner';
import { testVerifier } from './hand-plan';
import { fixedNow, materializerFor } from './import-fixture';

interface ChildConfig {
  dbFile: string;
  userData: string;
  taskId: number;
  profile: MappingProfile;
  killAt: number | null;
}

const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ChildConfig;
let steps = 0;
function step(): void {
  steps += 1;
  if (config.killAt !== null && steps >= config.killAt) process.kill(process.pid, 'SIGKILL');
}

const writer: FileWriter = {
  async write(file, data) {
    step();
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = path.join(
      path.dirname(file),
      `.${path.basename(file)}.ferry-tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    await fs.writeFile(temp, data, { flag: 'wx' });
    step();
    await fs.rename(temp, file);
    step();
  },
};

async function main(): Promise<number> {
  const db = openHistoryDatabase(config.dbFile);
  const inner = createImportRepository(db);
  const repository: ImportRepository = {
    ...inner,
    async appendJournal(entries) {
      step();
      await inner.appendJournal(entries);
      step();
    },
  };
  const task = await inner.getTask(config.taskId);
  const plan = parsePlan(task!.planJson);
  const materializer = await materializerFor(plan, config.profile);
  try {
    await runImportTask(
      { repository, userDataDir: config.userData, verifier: testVerifier, writer, now: fixedNow },
      config.taskId,
      { profile: config.profile, materializer, batchSize: 4 },
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  } finally {
    await materializer.close();
    db.close();
    process.stdout.write(`${steps}\n`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(4);
  },
);
