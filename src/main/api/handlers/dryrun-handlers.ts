import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PackageModel } from '../../../shared/model/package-model';
import { readPackage } from '../../formats/read-package';
import { markDryRun } from '../../mapping/dry-run';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';
import { planJobKind, type PlanSession } from './plan-session';

/**
 * The Dry-run step: which nodes a setting marks. Rules are edited one keystroke at a time, so the last package read by
 * path is kept while its file is unchanged (zip and FlowSpec files; a folder is read again, as its mtime says nothing
 * about the files inside). With `planJobId` the plan job's package is used and nothing is read.
 */
export function dryrunHandlers({ jobs }: HandlerDeps): Pick<Handlers, 'dryrun:preview'> {
  let cached: { key: string; model: PackageModel } | null = null;
  const modelAt = async (packagePath: string): Promise<PackageModel> => {
    const stat = await fs.stat(packagePath).catch(() => null);
    const key = stat?.isFile() ? `${path.resolve(packagePath)}\u0000${stat.size}\u0000${stat.mtimeMs}` : null;
    if (key !== null && cached?.key === key) return cached.model;
    const model = await readPackage(packagePath);
    cached = key === null ? cached : { key, model };
    return model;
  };
  return {
    'dryrun:preview': async ({ packagePath, planJobId, dryRun }) => {
      const model = planJobId ? jobs.result<PlanSession>(planJobId, planJobKind).model : await modelAt(packagePath!);
      const marking = markDryRun(model.assets, dryRun);
      return {
        marked: marking.marked,
        unknownIds: marking.unknownIds,
        perRule: marking.rules.map((r) => ({ index: r.index, rule: r.rule, count: r.count })),
      };
    },
  };
}
