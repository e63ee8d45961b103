import { existsSync, promises as fs } from 'node:fs';
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

/**
 * The samples a user works on: copies of resources/samples/<id> in the user-data folder, made on first use.
 * Trying the samples imports into the prod sample, so the shipped originals must never be the ones written to
 * (in a packaged app they are read-only inside app.asar). A missing or unreadable sample is left out, not an error.
 */
export async function listSamples(userDataDir: string, root: string | null = findAppRoot()): Promise<SampleWorkspace[]> {
  if (!root) return [];
  const samples: SampleWorkspace[] = [];
  for (const id of sampleIds) {
    const shipped = path.join(root, 'resources', 'samples', id);
    const folder = path.join(userDataDir, 'samples', id);
    if (!(await isWorkspaceFolder(folder))) {
      if (!(await isWorkspaceFolder(shipped))) continue;
      await copyFolderAtomically(shipped, folder);
    }
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

/** Copies into a temporary sibling first, so an interrupted copy never looks like a complete sample. */
async function copyFolderAtomically(from: string, to: string): Promise<void> {
  const temp = `${to}.partial-${process.pid}`;
  await fs.rm(temp, { recursive: true, force: true });
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.cp(from, temp, { recursive: true });
  await fs.rm(to, { recursive: true, force: true });
  await fs.rename(temp, to);
}

export function samplesHandlers(deps: HandlerDeps): Pick<Handlers, 'samples:list'> {
  return { 'samples:list': () => listSamples(deps.userDataDir) };
}
