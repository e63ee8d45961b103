/**
 * The import process of the kill test (src/main/importer/import-kill.test.ts), bundled with esbuild and run with
 * plain Node. It runs one import task and, when `killAt` is set, SIGKILLs itself at that step: steps are counted at
 * every journal append (before and after the commit) and inside every destination write of the real writer (before
 * each temporary file, between the temporary files and the renames, after each rename; `writeMany` batches included). Exit 0: completed; 3: failed; stdout: step count;
 * stderr: `#import-started` at the first step and `#import-ms <n>` (first step to the end) for the timer mode.
 */
import { readFileSync } from 'node:fs';
import type { MappingProfile } from '../../../shared/model/mapping-profile';
import { openHistoryDatabase } from '../../history/history-database';
import { createImportRepository, type ImportRepository } from '../../history/import-repository';
import { parsePlan } from '../../plan/plan-file';
import { createAtomicWriter, type FileWriter } from '../atomic-file';
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
let firstStepAt = 0;
function step(): void {
  steps += 1;
  if (steps === 1) {
    // The import is writing (the task's run is counted): the timer mode times its kill from here.
    firstStepAt = performance.now();
    process.stderr.write('#import-started\n');
  }
  if (config.killAt !== null && steps >= config.killAt) process.kill(process.pid, 'SIGKILL');
}

// The real writer (batched, durable), with a kill point between each of its effects.
const writer: FileWriter = createAtomicWriter({ onStep: step });

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
    async appendJournalWithLedger(entries, ledger) {
      step();
      await inner.appendJournalWithLedger(entries, ledger);
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
    if (firstStepAt > 0) process.stderr.write(`#import-ms ${Math.round(performance.now() - firstStepAt)}\n`);
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
