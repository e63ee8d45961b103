import { dialog, type BrowserWindow } from 'electron';

/** What the open dialog offers: the package formats Ferry reads. */
export const packageFileFilters = [
  { name: 'Ferry packages (zip, json, yaml)', extensions: ['zip', 'json', 'yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The backend's `pickPackageFile`: a native open dialog, modal to our window when there is one. The renderer
 * never sees a file system API; it gets back only the path the user chose (or null on cancel).
 */
export function createPackagePicker(getWindow: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    const options = {
      title: 'Open a package',
      properties: ['openFile' as const],
      filters: packageFileFilters,
    };
    const window = getWindow();
    const result =
      window && !window.isDestroyed()
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };
}
