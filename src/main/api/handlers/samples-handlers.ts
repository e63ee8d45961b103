import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SampleWorkspace } from '../../../shared/api/methods/samples-methods';
import { isWorkspaceFolder, readWorkspaceConfig } from '../../workspace/workspace-config';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

const sampleIds = ['dev', 'prod'] as const;

/**
 * The folder holding package.json: walking up works from the bundle (dist/main/web.cjs) and from the sources
 * (src/main/api/handlers under vitest) alike, where a fixed number of `..` would fit only one of them.
 */
export function findAppRoot(start: string = __dirname): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Reads resources/samples/<id>/workspace.json; a missing or unreadable sample is left out, not an error. */
export async function listSamples(root: string | null = findAppRoot()): Promise<SampleWorkspace[]> {
  if (!root) return [];
  const samples: SampleWorkspace[] = [];
  for (const id of sampleIds) {
    const folder = path.join(root, 'resources', 'samples', id);
    if (!(await isWorkspaceFolder(folder))) continue;
    try {
      const config = await readWorkspaceConfig(folder);
      samples.push({
        id,
        name: config.project.displayName ?? config.project.identifier,
        path: folder,
        projectIdentifier: config.project.identifier,
      });
    } catch {
      // A broken sample must not break the Start screen; the unit test of the samples catches it.
    }
  }
  return samples;
}

export function samplesHandlers(_deps: HandlerDeps): Pick<Handlers, 'samples:list'> {
  return { 'samples:list': () => listSamples() };
}
