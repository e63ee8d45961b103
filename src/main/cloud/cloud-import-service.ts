import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import {
  isFinalMigrationStatus,
  type CloudCredentialSource,
  type CloudImportInput,
  type CloudImportRecord,
  type MigrationStep,
} from '../../shared/model/cloud-import';
import type { CredentialVault } from '../electron/credential-vault';
import type { CloudImportRepository } from '../history/cloud-import-repository';
import { compileCreateImportMigration } from '../importer/handoff-package';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import {
  accessKeyHint,
  describeCredentialSource,
  parseCredentialSource,
  redactSecrets,
  resolveDataWorksKey,
  type AccessKey,
} from './credentials';
import {
  assertLocalUploadSize,
  DataWorksClient,
  defaultDataWorksEndpoint,
  type DataWorksClientOptions,
} from './dataworks-client';
import { isTransientDataWorksError } from './dataworks-errors';

export interface PollOptions {
  /** First wait between polls (default 2 s), grown by `factor` (1.5) up to `maxMs` (30 s). */
  initialMs: number;
  factor: number;
  maxMs: number;
  /** Transient failures (network, 5xx, throttling) in a row before giving up (default 5). */
  maxTransientErrors: number;
}

export const defaultPoll: PollOptions = {
  initialMs: 2000,
  factor: 1.5,
  maxMs: 30_000,
  maxTransientErrors: 5,
};

export interface FollowOptions {
  /** Default: where the key came from when the import started. */
  credentials?: CloudCredentialSource;
  pollIntervalMs?: number;
}

export interface CloudImportServiceDeps {
  repo: CloudImportRepository;
  jobs: JobRunner;
  env?: NodeJS.ProcessEnv;
  /** The desktop app's encrypted credential store, for `vault` sources; absent in the CLI and web mode. */
  vault?: CredentialVault | null;
  poll?: Partial<PollOptions>;
  createClient?: (options: DataWorksClientOptions) => DataWorksClient;
}

/** What a cloud import job produces. */
export interface CloudImportJobResult {
  importId: string;
  migrationId: string;
  state: string;
}

/** The URL history keeps: without its query (a pre-signed link carries the key id and signature). */
export function packageUrlForHistory(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const describeSteps = (steps: MigrationStep[]) => steps.map((s) => `${s.name} ${s.status}`).join(', ');

/**
 * The DataWorks hand-off as a job: CreateImportMigration (PackageType SPEC, the package as a file of at most 30 MB or
 * an OSS URL, the maps compiled from the profile), StartMigration, then GetMigrationSummary and GetMigrationProcess
 * with backoff until a final state. Every state is recorded in history as it is first seen. Cancel stops following
 * (DataWorks has no cancel for a started import among these actions): the record says CANCELLED with the migration id.
 */
export class CloudImportService {
  private readonly active = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: CloudImportServiceDeps) {}

  async start(input: CloudImportInput): Promise<{ jobId: string; importId: string }> {
    const parameters = compileCreateImportMigration(input.profile, input.name, input.description);
    let packageRef: string;
    if (input.packagePath !== undefined) {
      packageRef = path.resolve(input.packagePath);
      const stat = await fs.stat(packageRef).catch((error: NodeJS.ErrnoException) => {
        throw new FerryError(
          error.code === 'ENOENT' ? 'not-found' : 'io',
          `${packageRef}: ${error.code === 'ENOENT' ? 'no such package file' : `cannot read (${error.code})`}`,
        );
      });
      if (!stat.isFile()) throw new FerryError('not-a-file', `${packageRef}: not a file.`);
      assertLocalUploadSize(packageRef, stat.size);
    } else if (input.url !== undefined) {
      packageRef = packageUrlForHistory(input.url);
    } else {
      throw new FerryError('bad-request', 'Give either a package file or the package URL on OSS.');
    }
    const key = await resolveDataWorksKey(input.credentials, this.deps.env, this.deps.vault);
    const endpoint = (input.endpoint ?? defaultDataWorksEndpoint(input.region)).replace(/\/+$/, '');
    const client = (this.deps.createClient ?? ((o) => new DataWorksClient(o)))({
      endpoint,
      region: input.region,
      key,
    });
    const at = new Date().toISOString();
    const importId = randomUUID();
    await this.deps.repo.create({
      id: importId,
      name: parameters.Name,
      projectId: input.projectId,
      region: input.region,
      endpoint,
      packageKind: input.packagePath !== undefined ? 'file' : 'url',
      packageRef,
      migrationId: null,
      state: 'CREATING',
      credentialSource: describeCredentialSource(input.credentials),
      accessKeyHint: accessKeyHint(key.accessKeyId),
      createdAt: at,
    });
    const packageFile = input.packagePath !== undefined ? { path: packageRef } : { url: input.url! };
    const { job, done } = this.deps.jobs.start('cloud-import', `DataWorks import ${parameters.Name}`, (ctx) =>
      this.run(
        importId,
        client,
        key,
        ctx,
        input.pollIntervalMs,
        {
          create: () =>
            client.createImportMigration({
              projectId: input.projectId,
              name: parameters.Name,
              description: parameters.Description,
              packageType: parameters.PackageType,
              packageFile,
              calculateEngineMap: parameters.CalculateEngineMap,
              resourceGroupMap: parameters.ResourceGroupMap,
              workspaceMap: parameters.WorkspaceMap,
              commitRule: parameters.CommitRule,
            }),
        },
        input.projectId,
      ),
    );
    this.track(importId, done);
    return { jobId: job.id, importId };
  }

  /**
   * Follows an import again that this or an earlier process stopped following (cancelled, the process ended, or a
   * poll failed): polls its migration until a final state, recording states as before. Creates and starts nothing.
   */
  async follow(importId: string, options: FollowOptions = {}): Promise<{ jobId: string; importId: string }> {
    const record = await this.deps.repo.get(importId);
    if (!record) throw new FerryError('not-found', `No cloud import with id ${importId}.`);
    if (this.active.has(importId))
      throw new FerryError('conflict', `Cloud import ${importId} is being followed already.`);
    if (!record.migrationId)
      throw new FerryError(
        'conflict',
        `Cloud import ${importId} has no DataWorks migration id (it ended ${record.state} before DataWorks created one); start a new import.`,
      );
    if (isFinalMigrationStatus(record.state))
      throw new FerryError(
        'conflict',
        `DataWorks migration ${record.migrationId} ended ${record.state}; there is nothing to follow.`,
      );
    const key = await resolveDataWorksKey(
      options.credentials ?? parseCredentialSource(record.credentialSource),
      this.deps.env,
      this.deps.vault,
    );
    const client = (this.deps.createClient ?? ((o) => new DataWorksClient(o)))({
      endpoint: record.endpoint,
      region: record.region,
      key,
    });
    const migrationId = record.migrationId;
    await this.deps.repo.update(importId, { error: null }, new Date().toISOString());
    const { job, done } = this.deps.jobs.start('cloud-import', `DataWorks import ${record.name}`, (ctx) =>
      this.run(importId, client, key, ctx, options.pollIntervalMs, { migrationId }, record.projectId),
    );
    this.track(importId, done);
    return { jobId: job.id, importId };
  }

  private track(importId: string, done: Promise<unknown>): void {
    this.active.set(importId, done);
    done.then(
      () => this.active.delete(importId),
      () => this.active.delete(importId),
    );
  }

  list(limit = 100): Promise<CloudImportRecord[]> {
    return this.deps.repo.list(limit);
  }

  get(importId: string): Promise<CloudImportRecord | null> {
    return this.deps.repo.get(importId);
  }

  /** Waits for a running import's job (tests, shutdown). */
  async settled(importId: string): Promise<void> {
    await this.active.get(importId)?.catch(() => undefined);
  }

  private async run(
    importId: string,
    client: DataWorksClient,
    key: AccessKey,
    ctx: JobContext,
    pollIntervalMs: number | undefined,
    begin: { create: () => Promise<string> } | { migrationId: string },
    projectId: number,
  ): Promise<CloudImportJobResult> {
    const poll = {
      ...defaultPoll,
      ...this.deps.poll,
      ...(pollIntervalMs !== undefined ? { initialMs: pollIntervalMs } : {}),
    };
    const record = (update: Parameters<CloudImportRepository['update']>[1]) =>
      this.deps.repo.update(importId, update, new Date().toISOString());
    let migrationId: string | null = null;
    try {
      if ('create' in begin) {
        ctx.step(`Creating the import task in DataWorks project ${projectId}`);
        migrationId = await begin.create();
        await record({ migrationId, state: 'INIT' });
        ctx.signal.throwIfAborted();
        ctx.step(`Starting migration ${migrationId}`);
        await client.startMigration(projectId, migrationId);
      } else {
        migrationId = begin.migrationId;
        ctx.step(`Following DataWorks migration ${migrationId} again`);
      }
      let wait = poll.initialMs;
      let transient = 0;
      let lastText = '';
      for (let round = 1; ; round++) {
        ctx.signal.throwIfAborted();
        try {
          const summary = await client.getMigrationSummary(projectId, migrationId);
          const steps = await client.getMigrationProcess(projectId, migrationId);
          transient = 0;
          await record({ state: summary.status, summary: summary.data, steps });
          const done = steps.filter((s) => /SUCCESS/i.test(s.status)).length;
          const text = `DataWorks migration ${migrationId}: ${summary.status}${steps.length ? ` (${describeSteps(steps)})` : ''}`;
          ctx.progress(done, steps.length || null);
          // A new state is always published at once (progress events are throttled).
          if (text !== lastText) ctx.step(text);
          lastText = text;
          if (isFinalMigrationStatus(summary.status)) {
            await record({ finishedAt: new Date().toISOString() });
            if (summary.status === 'IMPORT_ERROR' || summary.status === 'REVOKED') {
              const why =
                typeof summary.data.ErrorMessage === 'string' ? `: ${summary.data.ErrorMessage}` : '';
              const message = redactSecrets(
                `DataWorks migration ${migrationId} ended ${summary.status}${why}`,
                key,
              );
              await record({ error: message });
              throw new FerryError('conflict', message, { migrationId, state: summary.status });
            }
            return { importId, migrationId, state: summary.status };
          }
        } catch (error) {
          if (!isTransientDataWorksError(error) || ++transient > poll.maxTransientErrors) throw error;
          ctx.step(
            `DataWorks did not answer (${(error as Error).message}); retrying (${transient}/${poll.maxTransientErrors})`,
          );
        }
        await sleep(wait, ctx.signal);
        wait = Math.min(poll.maxMs, Math.round(wait * poll.factor));
      }
    } catch (error) {
      const at = new Date().toISOString();
      if (ctx.signal.aborted) {
        const note = migrationId
          ? `Stopped following DataWorks migration ${migrationId}; it may still run in DataWorks.`
          : 'Cancelled before DataWorks answered the create request.';
        await this.deps.repo.update(importId, { state: 'CANCELLED', error: note, finishedAt: at }, at);
        throw new FerryError('cancelled', note);
      }
      if (error instanceof FerryError && error.details?.state !== undefined) throw error;
      const message = redactSecrets(error instanceof Error ? error.message : String(error), key);
      await this.deps.repo.update(importId, { state: 'FAILED', error: message, finishedAt: at }, at);
      throw error instanceof FerryError
        ? new FerryError(error.code, message, error.details)
        : new FerryError('internal', message);
    }
  }
}
