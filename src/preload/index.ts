// The sandboxed preload. In a sandbox, require() offers only 'electron' (and a few built-ins), so this file must be
// bundled with everything except 'electron' inlined (esbuild external: ['electron'], NOT packages: 'external':
// contract.ts pulls in zod). preload-bundle.test.ts in src/main/electron checks that.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './create-bridge';

contextBridge.exposeInMainWorld('ferry', createBridge(ipcRenderer));
