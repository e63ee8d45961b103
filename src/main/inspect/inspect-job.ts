import { openPackage } from '../formats/read-package';
import type { JobContext } from '../jobs/job-runner';
import { inspectPackage, type Inspection } from './inspect-package';

/** The job kind of `inspect:start`; results are fetched with `jobs.result(jobId, inspectJobKind)`. */
export const inspectJobKind = 'package-inspect';

/**
 * The work of an inspect job: read the package (progress per description file), then inspect it (progress per
 * code body scanned) through the same open package, so each code file is inflated and checked against the
 * manifest once. Files nobody read are verified last; the result is the whole {@link Inspection}, kept as the
 * job's result for the session.
 */
export async function runInspection(filePath: string, ctx: JobContext): Promise<Inspection> {
  ctx.step('Reading the package');
  const opened = await openPackage(filePath, {
    signal: ctx.signal,
    // Node and workflow documents are most of a large model's heap and only the object detail shows them: it reads
    // the one it needs again (readOriginal). Tables and quality rules keep theirs for the quality-rule table check.
    keepOriginal: (asset) => asset.kind !== 'node' && asset.kind !== 'workflow',
    onProgress: (done, total) => ctx.progress(done, total, 'Reading the package'),
  });
  try {
    ctx.step('Checking objects and code');
    const inspection = await inspectPackage(opened.model, {
      codeReader: opened.code,
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done, total, 'Checking objects and code'),
    });
    await opened.verifyRest(ctx.signal);
    return inspection;
  } finally {
    await opened.close();
  }
}
