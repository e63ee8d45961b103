import type { PackageContainer } from '../../../shared/model/package-model';
import { openFileSource } from './file-source';
import { openFolderSource } from './folder-source';
import type { PackageSource, SourceOptions } from './package-source';
import { openZipSource } from './zip-source';

/** Opens the source a package model was read from again (for lazy code loading). */
export function openSource(container: PackageContainer, sourcePath: string, options: SourceOptions = {}): Promise<PackageSource> {
  switch (container) {
    case 'zip':
      return openZipSource(sourcePath, options);
    case 'folder':
      return openFolderSource(sourcePath, options);
    case 'file':
      return openFileSource(sourcePath);
  }
}
