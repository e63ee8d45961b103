import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import { mappingProfileSchema, type MappingProfile } from '../../../shared/model/mapping-profile';
import type { PackageModel } from '../../../shared/model/package-model';
import type { Plan, PlanObject } from '../../../shared/model/plan';
import type { WorkspaceConfig } from '../../../shared/model/workspace';
import { openPackage, readPackage, type OpenedPackage } from '../../formats/read-package';
import type { ProfileRepository } from '../../history/profile-repository';
import type { JobContext } from '../../jobs/job-runner';
import type { MappedModel } from '../../mapping/apply-mapping';
import { hashingStep, type DestinationSnapshot } from '../../plan/destination-snapshot';
import { hashProfile } from '../../plan/plan-hash';
import { readDestination } from '../../plan/read-destination';
import { isWorkspaceFolder, readWorkspaceConfig } from '../../workspace/workspace-config';

/** The job kind of `plan:create` and `plan:open`; the result is a {@link PlanSession}. */
export const planJobKind = 'plan';

/**
 * What a plan job keeps for the session: the plan, and the package and destination it was made from, so paging,
 * diffs, dry-run previews and the import do not read them again.
 */
export interface PlanSession {
  plan: Plan;
  /** The file the plan was saved to or opened from. */
  planPath: string | null;
  model: PackageModel;
  destination: DestinationSnapshot;
  /** The profile the plan was made with; null when opened from a file whose profile is not known here. */
  profile: MappingProfile | null;
  byId: Map<string, PlanObject>;
  /** The mapping, computed on the first diff request. */
  mapped?: MappedModel;
}

/** Refuses a destination that is not a workspace folder, before any job starts. */
export async function checkDestination(destinationPath: string): Promise<void> {
  if (!(await isWorkspaceFolder(destinationPath)))
    throw new FerryError('not-found', `${destinationPath}: not a workspace folder (no workspace.json)`);
}

/** The source workspace's description: the folder given, else the package itself when it is a workspace folder. */
export async function sourceConfigOf(packagePath: string, sourceWorkspacePath?: string): Promise<WorkspaceConfig | null> {
  if (sourceWorkspacePath !== undefined) {
    await checkDestination(sourceWorkspacePath);
    return readWorkspaceConfig(sourceWorkspacePath);
  }
  return (await isWorkspaceFolder(packagePath)) ? readWorkspaceConfig(packagePath) : null;
}

/** Reads the package, reporting progress on the job. */
export async function readPackageStep(packagePath: string, ctx: JobContext, step = 'Reading the package'): Promise<PackageModel> {
  ctx.step(step);
  return readPackage(packagePath, { signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total, step) });
}

/**
 * Reads the package on this thread while a worker thread takes the destination snapshot (workspace.json, objects,
 * plan hashes): two cores, each about half of a plan's reading. One progress bar: each side counts for half.
 * `work` gets the package still open, so the plan reads its code without opening and inflating it again, and the
 * destination still coming, so it can start on the package's code meanwhile. Files of a package with a manifest
 * that `work` did not read are checked after it, and any mismatch fails the job.
 */
export async function withPackageAndDestination<T>(
  packagePath: string,
  destinationPath: string,
  ctx: JobContext,
  work: (opened: OpenedPackage, destination: Promise<PlanSession['destination']>) => Promise<T>,
): Promise<T> {
  const step = 'Reading the package and the destination';
  ctx.step(step);
  const scale = 1000;
  const share = { package: 0, destination: 0 };
  const report = () => ctx.progress(Math.round(((share.package + share.destination) / 2) * scale), scale, step);
  const fraction = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : 0);
  const destination = readDestination(destinationPath, {
    signal: ctx.signal,
    // Listing and reading the objects is the first half of the destination's share, hashing their code the second.
    onProgress: (done, total, phase) => {
      share.destination = (phase === hashingStep ? 0.5 : 0) + fraction(done, total) / 2;
      report();
    },
  });
  // Awaited by `work`; when the package fails first, or `work` is busy, its failure must not go unhandled.
  destination.catch(() => undefined);
  // Only a folder package's hash is made of its assets' content hashes; a package file is hashed by its bytes, and
  // objects are compared by what lands: a file's content hashes would go unused.
  const isFolder = (await fs.stat(packagePath).catch(() => null))?.isDirectory() ?? false;
  const opened = await openPackage(packagePath, {
    signal: ctx.signal,
    contentHashes: isFolder,
    onProgress: (done, total) => {
      share.package = fraction(done, total);
      report();
    },
  });
  try {
    const result = await work(opened, destination);
    await opened.verifyRest(ctx.signal);
    return result;
  } finally {
    await opened.close();
  }
}

export function newSession(plan: Plan, parts: Omit<PlanSession, 'plan' | 'byId'>): PlanSession {
  return { plan, ...parts, byId: new Map(plan.objects.map((o) => [o.assetId, o])) };
}

/** The profile a plan was made with: given, else kept in history by its hash. Checks the hash either way. */
export async function profileForPlan(
  plan: Pick<Plan, 'hashes' | 'profileName'>,
  profiles: ProfileRepository,
  given?: MappingProfile | null,
): Promise<MappingProfile> {
  if (given) {
    if (hashProfile(given) !== plan.hashes.profile)
      throw new FerryError(
        'conflict',
        `The profile ${given.name} is not the one the plan was made with (${plan.profileName}, changed since?): preview again with it.`,
      );
    return given;
  }
  const json = await profiles.findByHash(plan.hashes.profile);
  if (json === null)
    throw new FerryError(
      'bad-request',
      `The profile the plan was made with (${plan.profileName}) is not known on this machine: give it (ferry import --profile <profile.yaml>).`,
    );
  return mappingProfileSchema.parse(JSON.parse(json));
}

/** Keeps the profile a plan was made with, by hash, so its plan file can be imported later. */
export async function rememberProfile(profiles: ProfileRepository, profile: MappingProfile): Promise<void> {
  await profiles.rememberPlanProfile(hashProfile(profile), profile.name, JSON.stringify(profile), new Date().toISOString());
}

/** Writes text to a file atomically (temporary file beside it, then rename). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new FerryError('io', `${file}: cannot write (${code ?? String(error)})`, { file });
  }
}
