import { readPackage } from '../formats/read-package';
import type { JobContext } from '../jobs/job-runner';
import { inspectPackage, type Inspection } from './inspect-package';

/** The job kind of `inspect:start`; results are fetched with `jobs.result(jobId, inspectJobKind)`. */
export const inspectJobKind = 'package-inspect';

/**
 * The work of an inspect job: read the package (progress per description file), then inspect it (progress per
 * code body scanned). The result is the whole {@link Inspection}, kept as the job's result for the session.
 */
export async function runInspection(filePath: string, ctx: JobContext): Promise<Inspection> {
  ctx.step('Reading the package');
  const model = await readPackage(filePath, {
    signal: ctx.signal,
    onProgress: (done, total) => ctx.progress(done, total, 'Reading the package'),
  });
  ctx.step('Checking objects and code');
  return inspectPackage(model, {
    signal: ctx.signal,
    onProgress: (done, total) => ctx.progress(done, total, 'Checking objects and code'),
  });
}
