import fs from 'node:fs';
import path from 'node:path';
import type { ManifestInfo } from '../../shared/model/package-manifest';
import { writePackage } from '../formats/package-writer';

/** The manifest details of a test export of the dev sample. */
export const testManifest: ManifestInfo = {
  ferryVersion: 'test',
  createdAt: '2025-01-02T03:04:05.000Z',
  createdBy: 'alice',
  source: { projectIdentifier: 'retail_dev', displayName: 'Retail dev', region: 'cn-shanghai' },
  export: { type: 'full', since: null, selection: null, withDependencies: true },
  counts: {},
};

/** Every file of a folder as package files (POSIX paths relative to it). */
export function filesOf(folder: string): { path: string; data: Buffer }[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return { path: path.relative(folder, file).split(path.sep).join('/'), data: fs.readFileSync(file) };
    });
}

/** A folder exported as a package zip with a manifest, as `ferry export` writes one. */
export async function zipOfFolder(folder: string, zip: string): Promise<void> {
  await writePackage(zip, { files: filesOf(folder), manifest: testManifest });
}
