import { FerryError } from '../../shared/errors';
import type { Asset } from '../../shared/model/asset';
import type { PackageModel, Problem } from '../../shared/model/package-model';
import type { CodeReader } from '../formats/read-package';
import { isComputeBinding, type DatasourceUse } from './asset-checks';
import { dataIntegrationDatasources, resourceReferences } from './code-references';
import { findSecrets, type SecretHit } from './secret-scanner';

export interface CodeCheckOptions {
  signal?: AbortSignal;
  /** Called after each scanned object with the number scanned and to scan. */
  onProgress?: (done: number, total: number) => void;
  /** Code larger than this is not scanned (reported as info). Default 8 MiB. */
  maxBytes?: number;
  /** Reads in flight; a few hide zip and disk latency while holding only that many code bodies. Default 4. */
  concurrency?: number;
}

export interface CodeCheckResult {
  problems: Problem[];
  /** Objects whose code holds a secret: their code is redacted whenever it leaves the backend. */
  secretIds: Set<string>;
  /** Data sources named in code (Data Integration jobs). */
  datasourceUses: DatasourceUse[];
}

/** Kinds whose code is text Ferry reads: node scripts, data source configs, embedded function code, components. */
const scannedKinds = new Set(['node', 'datasource', 'function', 'component', 'query']);

/** Which objects' code the scan reads. Resources are binaries (jars, archives) and tables hold only DDL. */
export function isScanned(asset: Asset): boolean {
  return asset.code !== null && scannedKinds.has(asset.kind);
}

/** True when the text looks binary: a NUL in the first 8 KB, as `git` and `grep` decide. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/**
 * Reads the code of each scanned object once, lazily and a few at a time, and checks it for secrets, resource
 * references the package cannot satisfy and data sources a DI job names. Code bodies are dropped as soon as
 * they are checked; only problems survive.
 */
export async function checkCode(
  model: PackageModel,
  reader: CodeReader,
  resourceNames: ReadonlySet<string>,
  options: CodeCheckOptions = {},
): Promise<CodeCheckResult> {
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const targets = model.assets.filter(isScanned);
  const perAsset: Problem[][] = targets.map(() => []);
  const secretIds = new Set<string>();
  const datasourceUses: DatasourceUse[] = [];
  let next = 0;
  let done = 0;

  const checkOne = async (i: number) => {
    const asset = targets[i];
    const problems = perAsset[i];
    const entry = asset.code!.entry;
    if (asset.code!.size > maxBytes) {
      problems.push({
        severity: 'info',
        code: 'code-not-scanned',
        message: `${asset.kind} ${asset.name}: code is ${asset.code!.size} bytes, larger than the ${maxBytes}-byte scan limit; it was not checked for secrets`,
        entry,
        objectId: asset.id,
      });
      return;
    }
    let code: string | null;
    try {
      code = await reader.read(asset.id);
    } catch (error) {
      if (error instanceof FerryError && error.code === 'cancelled') throw error;
      problems.push({
        severity: 'warning',
        code: 'code-unreadable',
        message: `${asset.kind} ${asset.name}: its code could not be read: ${(error as Error).message}`,
        entry,
        objectId: asset.id,
      });
      return;
    }
    if (code === null || code.length === 0 || looksBinary(code)) return;
    const hits = findSecrets(code);
    if (hits.length > 0) {
      secretIds.add(asset.id);
      problems.push(secretProblem(asset, entry, hits));
    }
    if (asset.kind === 'node') {
      const declared = new Set(asset.dependencies.filter((d) => d.type === 'Resource').map((d) => d.nodeId));
      for (const name of resourceReferences(code)) {
        if (resourceNames.has(name) || declared.has(name)) continue;
        problems.push({
          severity: 'warning',
          code: 'missing-resource',
          message: `${asset.kind} ${asset.name} references resource ${name} in its code (@resource_reference), which is not in the package`,
          entry,
          objectId: asset.id,
        });
      }
      if (asset.nodeType?.toUpperCase() === 'DI') {
        for (const use of dataIntegrationDatasources(code)) {
          if (!isComputeBinding(use.type)) datasourceUses.push({ asset, name: use.name });
        }
      }
    }
  };

  const worker = async () => {
    while (next < targets.length) {
      if (options.signal?.aborted)
        throw new FerryError('cancelled', `${model.sourcePath}: inspection was cancelled`);
      const i = next++;
      await checkOne(i);
      done++;
      options.onProgress?.(done, targets.length);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));

  // Problems in asset order, whatever order the reads finished in.
  return { problems: perAsset.flat(), secretIds, datasourceUses };
}

/** One problem per object; the message names the keys and lines, never the values. */
function secretProblem(asset: Asset, entry: string, hits: readonly SecretHit[]): Problem {
  const where = asset.kind === 'datasource' ? 'connection settings' : 'code';
  const shown = hits.slice(0, 5).map((hit) => `${hit.label} (line ${hit.line})`);
  const more = hits.length > 5 ? ` and ${hits.length - 5} more` : '';
  return {
    severity: 'warning',
    code: 'secret-in-code',
    message: `${asset.kind} ${asset.name}: ${hits.length === 1 ? 'a secret' : `${hits.length} secrets`} in its ${where}: ${shown.join(', ')}${more} (shown redacted)`,
    entry,
    objectId: asset.id,
  };
}
