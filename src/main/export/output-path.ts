import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';

/**
 * Checks where a package is to be written, before any work starts, and returns the absolute path.
 *
 * Overwrite semantics: an existing file is refused unless `overwrite` is set; with it, the old package stays in
 * place until the new one is complete and then is replaced in one rename, so a failed or cancelled export never
 * costs the old package. A folder is never overwritten. A package inside the workspace folder is refused: the
 * next full export would carry it as a file of the workspace.
 */
export async function checkOutputPath(
  outPath: string,
  workspacePath: string,
  overwrite: boolean,
): Promise<string> {
  const absolute = path.resolve(outPath);
  const existing = await fs.stat(absolute).catch(() => null);
  if (existing?.isDirectory())
    throw new FerryError('not-a-file', `${outPath}: is a folder; give the path of the .zip to write`);
  if (existing && !overwrite) {
    throw new FerryError(
      'conflict',
      `${outPath}: already exists; choose another name or overwrite it (--force)`,
      { path: absolute },
    );
  }
  const parent = path.dirname(absolute);
  const parentStat = await fs.stat(parent).catch(() => null);
  if (!parentStat?.isDirectory())
    throw new FerryError('not-found', `${outPath}: the folder ${parent} does not exist`);
  try {
    await fs.access(parent, constants.W_OK);
  } catch {
    throw new FerryError('io', `${outPath}: cannot write in ${parent} (permission denied)`);
  }
  const workspace = await fs.realpath(path.resolve(workspacePath)).catch(() => path.resolve(workspacePath));
  const realParent = await fs.realpath(parent);
  const relative = path.relative(workspace, realParent);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new FerryError(
      'bad-request',
      `${outPath}: is inside the workspace folder; write the package somewhere else`,
    );
  }
  return absolute;
}
