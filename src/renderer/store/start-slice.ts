import type { SampleWorkspace } from '../../shared/api/methods/samples-methods';
import type { ErrorShape } from '../../shared/errors';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import { baseName } from '../lib/paths';
import type { SliceCreator } from './ferry-store';

export interface SamplesState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  items: SampleWorkspace[];
  error: ErrorShape | null;
}

export interface StartSlice {
  samples: SamplesState;
  loadSamples: () => Promise<void>;
  /** One click: the dev sample workspace into the Export step, custom selection ready to pick from. */
  trySamples: () => Promise<void>;
  /** Browses a workspace folder as it is (a workspace folder is a SPEC package folder): straight to Inspect. */
  openWorkspace: (path: string) => void;
  /** Packages a workspace folder: to the Export step. */
  exportFromWorkspace: (path: string) => void;
  /** Inspects a package file (a recent one, an opened one): straight to Inspect. */
  inspectPackageFile: (path: string, label?: string) => void;
}

export const createStartSlice: SliceCreator<StartSlice> =
  ({ client }) =>
  (set, get) => ({
    samples: { status: 'idle', items: [], error: null },
    async loadSamples() {
      set((s) => ({ samples: { ...s.samples, status: 'loading', error: null } }));
      try {
        const items = await client.call('samples:list', {});
        set({ samples: { status: 'ready', items, error: null } });
      } catch (error) {
        set((s) => ({ samples: { ...s.samples, status: 'failed', error: asErrorShape(error) } }));
      }
    },
    async trySamples() {
      if (get().samples.status !== 'ready') await get().loadSamples();
      const dev = get().samples.items.find((s) => s.id === 'dev');
      if (!dev) {
        if (get().samples.status === 'ready') {
          set((s) => ({
            samples: { ...s.samples, error: { code: 'not-found', message: t.start.samplesMissing } },
          }));
        }
        return;
      }
      get().chooseWorkspace(dev.path, dev.name, 'custom');
      get().navigate('export');
    },
    openWorkspace(path) {
      get().inspectPackage(path, baseName(path));
      get().navigate('inspect');
    },
    exportFromWorkspace(path) {
      get().chooseWorkspace(path, baseName(path), 'full');
      get().navigate('export');
    },
    inspectPackageFile(path, label) {
      get().inspectPackage(path, label ?? baseName(path));
      get().navigate('inspect');
    },
  });
