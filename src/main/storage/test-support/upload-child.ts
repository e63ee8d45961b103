// The upload kill test's child process: starts or resumes one upload with the real service and history database and
// reports on stdout, one line each: `upload <id>`, `request <part>` before every UploadPart, `done <part>` after a part
// is recorded, `end <state>`. The parent SIGKILLs it part way.
import fs from 'node:fs';
import { openHistoryDatabase } from '../../history/history-database';
import { createUploadRepository } from '../../history/upload-repository';
import { JobRunner } from '../../jobs/job-runner';
import { UploadService } from '../upload-service';

interface ChildConfig {
  dbFile: string;
  endpoint: string;
  bucket: string;
  file: string;
  partSize: number;
  parallel: number;
  resume: string | null;
}

async function main(): Promise<void> {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as ChildConfig;
  const db = openHistoryDatabase(config.dbFile);
  const out = (line: string) => fs.writeSync(1, `${line}\n`);
  const service = new UploadService({
    repo: createUploadRepository(db),
    jobs: new JobRunner({ onUpdate: () => {} }),
    onPartRequest: (_id, n) => out(`request ${n}`),
    onPartDone: (_id, n) => out(`done ${n}`),
  });
  const started = config.resume
    ? await service.resume(config.resume)
    : await service.start({
        path: config.file,
        endpoint: config.endpoint,
        bucket: config.bucket,
        pathStyle: true,
        partSize: config.partSize,
        parallel: config.parallel,
        credentials: { source: 'env' },
      });
  out(`upload ${started.uploadId}`);
  await service.settled(started.uploadId);
  const [record] = (await service.list()).filter((u) => u.uploadId === started.uploadId);
  out(`end ${record.state}`);
  db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
