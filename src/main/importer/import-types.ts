import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { Plan, PlanObject } from '../../shared/model/plan';
import type { ImportReport } from '../../shared/model/report';
import type { ImportRepository, StoredImportTask } from '../history/import-repository';
import type { FileWriter } from './atomic-file';

/**
 * One file of an object as it lands: relative POSIX path inside the destination folder, its bytes, and the sha256
 * of those bytes when the materializer computed it (the importer hashes the rest).
 */
export interface ObjectFile {
  path: string;
  data: Buffer;
  sha256?: string;
}

/** What a materializer needs to know of a plan object: which asset, its name, and where it lands. */
export type LandingRequest = Pick<PlanObject, 'assetId' | 'name'> & {
  destination: Pick<PlanObject['destination'], 'folderPath' | 'name'>;
};

/**
 * Produces the mapped files of plan objects in the destination's SPEC layout (description file first, then its
 * code). Built by the caller from the package, the profile and the destination (see `spec-object-materializer.ts`,
 * and `worker-materializer.ts` for the same on a worker thread), so the importer itself knows nothing about formats.
 */
export interface ObjectMaterializer {
  /**
   * The files of each object, in the order asked; an object that cannot be materialized gets its error instead.
   * Rejects only when nothing can be materialized (the package could not be read, say).
   */
  filesOf(objects: readonly LandingRequest[]): Promise<(ObjectFile[] | Error)[]>;
  close(): Promise<void>;
}

/** A materializer from a function giving one object's files (its rejection is that object's error). */
export function perObject(
  files: (object: LandingRequest) => Promise<ObjectFile[]>,
  close: () => Promise<void> = () => Promise.resolve(),
): ObjectMaterializer {
  return {
    async filesOf(objects) {
      const out: (ObjectFile[] | Error)[] = [];
      for (const object of objects)
        out.push(await files(object).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
      return out;
    },
    close,
  };
}

/** Recomputes the hashes a plan carries, the way the plan engine computed them. */
export interface PlanVerifier {
  packageHash(packagePath: string, method: Plan['hashes']['package']['method']): Promise<string>;
  profileHash(profile: MappingProfile): string;
  destinationHash(destination: string): Promise<string>;
}

/** What the importer needs from its surroundings. */
export interface ImporterDeps {
  repository: ImportRepository;
  /** Ferry's user-data folder: rollback packages go to `<userDataDir>/rollback/`. */
  userDataDir: string;
  verifier: PlanVerifier;
  /** Writes into the destination (atomic per file); injectable for fault tests. Default: durable atomic writer. */
  writer?: FileWriter;
  now?: () => Date;
  /** For tests: how the lock decides a pid is alive, and this host's name. */
  isAlive?: (pid: number) => boolean;
  hostname?: string;
}

/** Progress and cancel, as a JobContext gives them (src/main/jobs/job-runner.ts). */
export interface ImportProgress {
  readonly signal?: AbortSignal;
  progress?(done: number, total?: number | null, step?: string): void;
  step?(text: string): void;
}

export interface RunImportOptions {
  /** The profile the plan was made with (its hash is checked); the materializer maps with it. */
  profile: MappingProfile;
  materializer: ObjectMaterializer;
  /** Overrides the task's package path (the plan's hash is checked against it). */
  packagePath?: string;
  progress?: ImportProgress;
  /** Objects per journal transaction and per batched flush of the destination. Default 512. */
  batchSize?: number;
}

export interface ImportRunResult {
  task: StoredImportTask;
  report: ImportReport;
}

/** Journal `detail` of an `intended` row: what the run is about to write. */
export interface IntendedDetail {
  files: { path: string; sha256: string; previous: string | null }[];
}

/** Journal `detail` of a `done` row. */
export interface DoneDetail {
  files: { path: string; sha256: string }[];
  /** False when the destination already held exactly these bytes (nothing was written). */
  wrote: boolean;
}

/** Journal `detail` of a `failed` row. */
export interface FailedDetail {
  error: string;
  code: string;
}

/** The journal object id of the destination's `workspace.json` (states) writes. */
export const WORKSPACE_JOURNAL_ID = '#workspace.json';
