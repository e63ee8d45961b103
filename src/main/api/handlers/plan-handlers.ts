import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import { mappingProfileSchema, type MappingProfile } from '../../../shared/model/mapping-profile';
import type { Plan, PlanFinding, PlanObject } from '../../../shared/model/plan';
import type { PlanHead, PlanObjectFilters, PlanObjectPage } from '../../../shared/model/plan-session';
import { fileIdentityNow } from '../../formats/file-identity';
import { openCodeReader } from '../../formats/read-package';
import type { ProfileRepository } from '../../history/profile-repository';
import { ledgerIdentities } from '../../importer/import-history';
import type { JobContext } from '../../jobs/job-runner';
import { applyMapping } from '../../mapping/apply-mapping';
import { validateProfile, type ProfileFinding } from '../../mapping/profile-validation';
import { DEFAULT_DIFFS, diffAssetCode, preparePackageSide } from '../../plan/code-scan';
import { readWorkspaceConfig } from '../../workspace/workspace-config';
import { createPlan, summarize } from '../../plan/create-plan';
import { startScanHelper, type ScanHelper } from '../../plan/scan-helper';
import { readPlanFile, writePlanFile } from '../../plan/plan-file';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';
import {
  checkDestination,
  newSession,
  planJobKind,
  withPackageAndDestination,
  rememberProfile,
  sourceConfigOf,
  type PlanSession,
} from './plan-session';

type PlanMethod = 'plan:create' | 'plan:summary' | 'plan:objects' | 'plan:diff' | 'plan:save' | 'plan:open';

/**
 * Profile findings that the plan's own seed rules do not already report (those would be listed twice): a mapping to
 * something the destination does not have, or of the wrong type, a profile for another workspace, duplicates.
 */
const profileOnlyCodes = new Set<ProfileFinding['code']>([
  'destination-project-mismatch',
  'duplicate-entry',
  'unknown-compute-resource',
  'compute-engine-mismatch',
  'unknown-resource-group',
  'resource-group-type-mismatch',
  'unknown-data-source',
  'data-source-type-mismatch',
  'duplicate-parameter',
]);

/** Adds the profile's own findings against the destination to the plan (rule `mapping`), and recounts. */
function withProfileFindings(plan: Plan, findings: readonly ProfileFinding[]): Plan {
  const added: PlanFinding[] = findings
    .filter((f) => profileOnlyCodes.has(f.code))
    .map((f) => ({ severity: f.severity, code: f.code, message: `profile ${f.message} (${f.rule})`, assetId: null, rule: 'mapping' }));
  if (added.length === 0) return plan;
  const all = [...added, ...plan.findings];
  return { ...plan, findings: all, summary: summarize(plan.objects, plan.gate, all) };
}

export interface PlanRequest {
  packagePath: string;
  destinationPath: string;
  profile: MappingProfile;
  sourceWorkspacePath?: string;
  executor?: string;
  /** Source id -> destination object id from earlier imports into this destination. */
  identities?: (destination: PlanSession['destination']) => Promise<ReadonlyMap<string, string>>;
}

/** The work of a plan:create job: read, map, compare, diff. */
export async function runPlan(request: PlanRequest, ctx: JobContext): Promise<PlanSession> {
  // A package file is read here and, by path again, by the scan worker, which also takes the plan's package hash:
  // one replaced or rewritten meanwhile would give a plan of two packages. So it must be the same file at the end.
  const identity = fileIdentityNow(request.packagePath);
  // Started first, so that it has the package open by the time the package is read here.
  const helper = startScanHelper(request.packagePath);
  try {
    const session = await planWith(request, ctx, helper);
    if (identity !== null && fileIdentityNow(request.packagePath) !== identity)
      throw new FerryError('io', `${request.packagePath}: the package file changed while it was being planned; plan again`);
    return session;
  } finally {
    helper?.stop();
  }
}

/** runPlan with the scan worker it started (null: the code is scanned on this thread). */
async function planWith(request: PlanRequest, ctx: JobContext, helper: ScanHelper | null): Promise<PlanSession> {
  return withPackageAndDestination(request.packagePath, request.destinationPath, ctx, async ({ model, code, checkRead, source }, reading) => {
    const sourceConfig = await sourceConfigOf(request.packagePath, request.sourceWorkspacePath);
    // The package's code is scanned (hashed, rewritten, diffed) while the worker is still on the destination: the
    // scan needs only the destination's workspace.json. A scan worker shares the code files of a large package.
    const packageSide = preparePackageSide({
      model,
      reader: code,
      profile: request.profile,
      executor: request.executor,
      destinationConfig: await readWorkspaceConfig(request.destinationPath),
      diffs: DEFAULT_DIFFS,
      signal: ctx.signal,
      sharing: helper ? { helper, checkRead, locate: source.locateZipEntry?.bind(source) } : undefined,
    });
    packageSide.catch(() => undefined); // awaited below, unless the destination fails first
    const destination = await reading;
    ctx.step('Mapping, comparing with the destination and diffing code');
    const identities = request.identities ? await request.identities(destination) : undefined;
    const created = await createPlan({
      model,
      codeReader: code,
      packageSide: await packageSide,
      profile: request.profile,
      destination,
      source: { config: sourceConfig },
      executor: request.executor ?? null,
      now: new Date(),
      identities,
      packageSha: helper?.packageSha(),
      signal: ctx.signal,
    });
    const plan = withProfileFindings(created, validateProfile(request.profile, destination.config, { source: sourceConfig }));
    ctx.progress(plan.objects.length, plan.objects.length, 'Plan ready');
    return newSession(plan, { planPath: null, model, destination, profile: request.profile });
  });
}

/** The work of a plan:open job: the saved plan, with the package and destination it names. */
export async function openPlan(file: string, profiles: ProfileRepository, ctx: JobContext): Promise<PlanSession> {
  ctx.step('Reading the plan');
  const plan = await readPlanFile(file);
  const { model, destination } = await withPackageAndDestination(plan.source.path, plan.destination.path, ctx, async (opened, reading) => ({
    model: opened.model,
    destination: await reading,
  }));
  const json = await profiles.findByHash(plan.hashes.profile);
  const profile = json === null ? null : mappingProfileSchema.parse(JSON.parse(json));
  return newSession(plan, { planPath: path.resolve(file), model, destination, profile });
}

export function headOf(session: PlanSession): PlanHead {
  const { plan } = session;
  return {
    summary: plan.summary,
    gate: plan.gate,
    findings: plan.findings,
    waves: plan.waves,
    hashes: plan.hashes,
    source: plan.source,
    destination: plan.destination,
    profileName: plan.profileName,
    executor: plan.executor,
    createdAt: plan.createdAt,
    planPath: session.planPath,
    profileKnown: session.profile !== null,
  };
}

function matches(o: PlanObject, f: PlanObjectFilters, search: string | null): boolean {
  if (f.action !== undefined && o.action !== f.action) return false;
  if (f.kind !== undefined && o.kind !== f.kind) return false;
  if (f.wave !== undefined && o.wave !== f.wave) return false;
  if (f.dryRun !== undefined && (o.dryRun !== null) !== f.dryRun) return false;
  if (f.codeChanged !== undefined && o.codeChanged !== f.codeChanged) return false;
  if (search !== null) {
    const hay = `${o.name}\u0000${o.assetId}\u0000${o.folderPath}\u0000${o.nodeType ?? ''}\u0000${o.destination.name}`.toLowerCase();
    if (!hay.includes(search)) return false;
  }
  return true;
}

export function pageOfPlanObjects(session: PlanSession, offset: number, limit: number, filters: PlanObjectFilters): PlanObjectPage {
  const search = filters.search?.trim() ? filters.search.trim().toLowerCase() : null;
  const all = session.plan.objects.filter((o) => matches(o, filters, search));
  return {
    total: all.length,
    offset,
    objects: all.slice(offset, offset + limit).map(({ diff, ...rest }) => ({
      ...rest,
      hasDiff: diff !== null,
      added: diff?.added ?? 0,
      removed: diff?.removed ?? 0,
    })),
  };
}

async function diffOf(session: PlanSession, assetId: string) {
  const object = session.byId.get(assetId);
  const asset = session.model.assets.find((a) => a.id === assetId);
  if (!object || !asset) throw new FerryError('not-found', `The plan has no object ${assetId}.`);
  if (!asset.code) return { assetId, before: null, after: null, diff: null };
  const reader = await openCodeReader(session.model);
  try {
    if (!object.codeChanged || session.profile === null) {
      const before = await reader.read(assetId);
      return { assetId, before, after: object.codeChanged ? null : before, diff: object.diff };
    }
    session.mapped ??= applyMapping(session.model, session.profile, { destination: session.destination.config });
    const result = await diffAssetCode(reader, session.mapped, asset);
    return result ? { assetId, ...result } : { assetId, before: null, after: null, diff: null };
  } finally {
    await reader.close();
  }
}

/** The Preview step: the plan is the job's result, kept as long as the job list keeps it. */
export function planHandlers({ jobs, profiles, imports }: HandlerDeps): Pick<Handlers, PlanMethod> {
  // Objects landed by earlier imports keep their destination identity (the identity ledger), so a re-plan compares
  // with them and a re-run updates them in place.
  const identities = ({ config, path: folder }: PlanSession['destination']) =>
    ledgerIdentities(imports, folder, config.project.identifier);
  const session = (jobId: string) => jobs.result<PlanSession>(jobId, planJobKind);
  return {
    'plan:create': async (request) => {
      await checkDestination(request.destinationPath);
      const title = `Plan ${path.basename(path.resolve(request.packagePath))} into ${path.basename(path.resolve(request.destinationPath))}`;
      const { job } = jobs.start(planJobKind, title, (ctx) => runPlan({ ...request, identities }, ctx));
      return { jobId: job.id };
    },
    'plan:summary': ({ jobId }) => Promise.resolve(headOf(session(jobId))),
    'plan:objects': ({ jobId, offset, limit, filters }) => Promise.resolve(pageOfPlanObjects(session(jobId), offset, limit, filters)),
    'plan:diff': ({ jobId, assetId }) => diffOf(session(jobId), assetId),
    'plan:save': async ({ jobId, path: file }) => {
      const s = session(jobId);
      await writePlanFile(file, s.plan);
      if (s.profile) await rememberProfile(profiles, s.profile);
      s.planPath = path.resolve(file);
      return { path: s.planPath };
    },
    'plan:open': ({ path: file }) => {
      const { job } = jobs.start(planJobKind, `Open plan ${path.basename(file)}`, (ctx) => openPlan(file, profiles, ctx));
      return Promise.resolve({ jobId: job.id });
    },
  };
}
