import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { FerryClient } from '../../shared/api/client';
import type { Uploader } from '../api/web-transport';
import { createAppSlice, type AppSlice } from './app-slice';
import { createEntriesSlice, type EntriesSlice } from './entries-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createInspectSlice, type InspectSlice } from './inspect-slice';
import { createJobsSlice, type JobsSlice } from './jobs-slice';
import { createPackageSlice, type PackageSlice } from './package-slice';
import { createStartSlice, type StartSlice } from './start-slice';
import { createProfileSlice, type ProfileSlice } from './profile-slice';
import { createPlanSlice, type PlanSlice } from './plan-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createUploadSlice, type UploadSlice } from './upload-slice';
import { createCloudSlice, type CloudSlice } from './cloud-slice';
import { createCredentialsSlice, type CredentialsSlice } from './credentials-slice';

/** What every slice may use: the typed client and, in browser mode, the upload route. */
export interface StoreDeps {
  client: FerryClient;
  upload: Uploader | null;
}

/** The whole renderer state: small slices, one file each, composed here (zustand's slices pattern). */
export type FerryState = AppSlice &
  JobsSlice &
  PackageSlice &
  EntriesSlice &
  HistorySlice &
  StartSlice &
  ExportSlice &
  InspectSlice &
  ProfileSlice &
  PlanSlice &
  ImportSlice &
  UploadSlice &
  CloudSlice &
  CredentialsSlice;

/** A slice creator; slices read each other through `get()` where a flow crosses them. */
export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<FerryState, [], [], T>;

export type FerryStore = StoreApi<FerryState>;

/** One store per app (and per test): created from its dependencies, never a module-level singleton. */
export function createFerryStore(deps: StoreDeps): FerryStore {
  return createStore<FerryState>()((...a) => ({
    ...createAppSlice(deps)(...a),
    ...createJobsSlice(deps)(...a),
    ...createPackageSlice(deps)(...a),
    ...createEntriesSlice(deps)(...a),
    ...createHistorySlice(deps)(...a),
    ...createStartSlice(deps)(...a),
    ...createExportSlice(deps)(...a),
    ...createInspectSlice(deps)(...a),
    ...createProfileSlice(deps)(...a),
    ...createPlanSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createUploadSlice(deps)(...a),
    ...createCloudSlice(deps)(...a),
    ...createCredentialsSlice(deps)(...a),
  }));
}
