import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { Plan } from '../../shared/model/plan';
import { writePackage, type PackageFile, type WrittenPackage } from '../formats/package-writer';
import { importMigrationParams } from '../mapping/import-migration-params';
import { specFormatMarker } from '../formats/spec-package/spec-package-layout';
import { validateImportTaskName } from './import-runner';
import type { ObjectMaterializer } from './import-types';

/**
 * The hand-off to DataWorks: the mapped SPEC package (what a local import would write, as a zip) and
 * `create-import-migration.json`, the parameters of the `CreateImportMigration` API compiled from the profile.
 * DataWorks applies CalculateEngineMap, ResourceGroupMap and WorkspaceMap itself on import; the package already
 * carries the mapped names, so the maps are there for the objects DataWorks resolves on its side (and for review).
 * The map parameters are JSON strings, as the API expects.
 */

/** The `CreateImportMigration` request parameters (ProjectId and PackageFile are added by the caller that uploads). */
export interface CreateImportMigrationParameters {
  Name: string;
  Description: string;
  PackageType: 'SPEC';
  /** JSON string: `{"ODPS": {"src_engine": "dst_engine"}, "EMR": {...}}`. */
  CalculateEngineMap: string;
  /** JSON string: `{"SCHEDULER_RESOURCE_GROUP": {...}, "DI_RESOURCE_GROUP": {...}}`. */
  ResourceGroupMap: string;
  /** JSON string: source workspace name -> destination workspace name. */
  WorkspaceMap: string;
  /** JSON string of the nine CommitRule flags. */
  CommitRule: string;
}

/**
 * Compiles the CreateImportMigration parameters from a profile (maps from `importMigrationParams`, serialised as the
 * API's JSON strings). Ignored entries are left out (DataWorks keeps the source's).
 */
export function compileCreateImportMigration(
  profile: MappingProfile,
  name: string,
  description = '',
): CreateImportMigrationParameters {
  validateImportTaskName(name);
  const params = importMigrationParams(profile);
  return {
    Name: name,
    Description:
      description ||
      (profile.description ??
        `Ferry hand-off: ${profile.sourceProject} -> ${profile.destinationProject} (${profile.name})`),
    PackageType: 'SPEC',
    CalculateEngineMap: JSON.stringify(params.CalculateEngineMap),
    ResourceGroupMap: JSON.stringify(params.ResourceGroupMap),
    WorkspaceMap: JSON.stringify(params.WorkspaceMap),
    CommitRule: JSON.stringify(params.CommitRule),
  };
}

export interface HandoffInput {
  plan: Plan;
  profile: MappingProfile;
  materializer: ObjectMaterializer;
  /** Import task name in DataWorks (letters, digits, `_`, `.`). */
  name: string;
  description?: string;
  /** Output folder: gets `<name>.zip` and `create-import-migration.json`. */
  outDir: string;
  createdBy?: string;
  signal?: AbortSignal;
}

export interface Handoff {
  packagePath: string;
  parametersPath: string;
  parameters: CreateImportMigrationParameters;
  written: WrittenPackage;
}

/**
 * Writes the hand-off: every plan object that lands (create, update and unchanged; not excluded or conflicting) as
 * mapped SPEC files in one zip (through the package writer, with a Ferry manifest), and the API parameters beside it.
 */
export async function writeHandoffPackage(input: HandoffInput): Promise<Handoff> {
  const parameters = compileCreateImportMigration(input.profile, input.name, input.description);
  if (input.plan.gate.length > 0)
    throw new FerryError(
      'bad-request',
      `The plan's gate lists ${input.plan.gate.length} unmapped reference(s); map or ignore them before handing off.`,
    );
  await fs.mkdir(input.outDir, { recursive: true });
  const packagePath = path.join(input.outDir, `${input.name}.zip`);
  const parametersPath = path.join(input.outDir, 'create-import-migration.json');
  const objects = input.plan.objects.filter(
    (o) => o.action === 'create' || o.action === 'update' || o.action === 'unchanged',
  );
  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  const top = `${input.name}/`;
  async function* files(): AsyncGenerator<PackageFile> {
    yield { path: `${top}${specFormatMarker}`, data: '' };
    for (const object of objects) {
      input.signal?.throwIfAborted();
      const [landing] = await input.materializer.filesOf([object]);
      if (landing instanceof Error) throw landing;
      for (const file of landing) yield { path: `${top}${file.path}`, data: file.data };
    }
  }
  const written = await writePackage(
    packagePath,
    {
      files: files(),
      manifest: {
        source: { projectIdentifier: input.profile.destinationProject, displayName: null, region: null },
        export: { type: 'custom', since: null, selection: null, withDependencies: false },
        createdBy: input.createdBy ?? 'ferry',
        counts,
      },
    },
    { signal: input.signal },
  );
  const temp = `${parametersPath}.partial`;
  await fs.writeFile(temp, `${JSON.stringify(parameters, null, 2)}\n`, 'utf8');
  await fs.rename(temp, parametersPath);
  return { packagePath, parametersPath, parameters, written };
}
