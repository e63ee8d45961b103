import type { CloudImportRecord, MigrationStep } from '../../shared/model/cloud-import';
import { settled, type SqliteDatabase } from './history-database';

/** A cloud import as history keeps it (migration 6). Never holds a secret or a pre-signed URL's query. */
export interface StoredCloudImport {
  id: string;
  name: string;
  projectId: number;
  region: string;
  endpoint: string;
  packageKind: 'file' | 'url';
  packageRef: string;
  migrationId: string | null;
  state: string;
  credentialSource: string;
  accessKeyHint: string | null;
  createdAt: string;
}

export interface CloudImportUpdate {
  migrationId?: string;
  state?: string;
  summary?: Record<string, unknown>;
  steps?: MigrationStep[];
  error?: string | null;
  finishedAt?: string;
}

/** Cloud imports in history. Async like the rest of the history store. */
export interface CloudImportRepository {
  create(record: StoredCloudImport): Promise<void>;
  /** Updates fields; a state different from the last one recorded is appended to the state list. */
  update(id: string, update: CloudImportUpdate, at: string): Promise<void>;
  get(id: string): Promise<CloudImportRecord | null>;
  list(limit: number): Promise<CloudImportRecord[]>;
}

interface Row {
  id: string;
  name: string;
  project_id: number;
  region: string;
  endpoint: string;
  package_kind: 'file' | 'url';
  package_ref: string;
  migration_id: string | null;
  state: string;
  credential_source: string;
  access_key_hint: string | null;
  summary_json: string | null;
  steps_json: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

const parse = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function createCloudImportRepository(db: SqliteDatabase): CloudImportRepository {
  const insert = db.prepare(
    `INSERT INTO cloud_import (id, name, project_id, region, endpoint, package_kind, package_ref, migration_id, state,
       credential_source, access_key_hint, created_at, updated_at)
     VALUES (@id, @name, @projectId, @region, @endpoint, @packageKind, @packageRef, @migrationId, @state,
       @credentialSource, @accessKeyHint, @createdAt, @createdAt)`,
  );
  const selectOne = db.prepare<[string], Row>('SELECT * FROM cloud_import WHERE id = ?');
  const selectAll = db.prepare<[number], Row>(
    'SELECT * FROM cloud_import ORDER BY created_at DESC, id LIMIT ?',
  );
  const lastState = db.prepare<[string], { seq: number; state: string }>(
    'SELECT seq, state FROM cloud_import_state WHERE import_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insertState = db.prepare<[string, number, string, string]>(
    'INSERT INTO cloud_import_state (import_id, seq, state, at) VALUES (?, ?, ?, ?)',
  );
  const selectStates = db.prepare<[string], { state: string; at: string }>(
    'SELECT state, at FROM cloud_import_state WHERE import_id = ? ORDER BY seq',
  );

  const appendState = (id: string, state: string, at: string) => {
    const last = lastState.get(id);
    if (last?.state !== state) insertState.run(id, (last?.seq ?? 0) + 1, state, at);
  };
  const columns: Record<keyof CloudImportUpdate, string> = {
    migrationId: 'migration_id',
    state: 'state',
    summary: 'summary_json',
    steps: 'steps_json',
    error: 'error',
    finishedAt: 'finished_at',
  };
  const doUpdate = db.transaction((id: string, update: CloudImportUpdate, at: string) => {
    const keys = (Object.keys(update) as (keyof CloudImportUpdate)[]).filter((k) => update[k] !== undefined);
    const params: Record<string, unknown> = { id, at };
    for (const k of keys)
      params[k] = k === 'summary' || k === 'steps' ? JSON.stringify(update[k]) : update[k];
    const sets = [...keys.map((k) => `${columns[k]} = @${k}`), 'updated_at = @at'];
    db.prepare(`UPDATE cloud_import SET ${sets.join(', ')} WHERE id = @id`).run(params);
    if (update.state !== undefined) appendState(id, update.state, at);
  });
  const doCreate = db.transaction((r: StoredCloudImport) => {
    insert.run(r);
    appendState(r.id, r.state, r.createdAt);
  });
  const toRecord = (r: Row): CloudImportRecord => ({
    id: r.id,
    name: r.name,
    projectId: r.project_id,
    region: r.region,
    endpoint: r.endpoint,
    packageKind: r.package_kind,
    packageRef: r.package_ref,
    migrationId: r.migration_id,
    state: r.state,
    credentialSource: r.credential_source,
    accessKeyHint: r.access_key_hint,
    summary: parse<Record<string, unknown> | null>(r.summary_json, null),
    steps: parse<MigrationStep[]>(r.steps_json, []),
    states: selectStates.all(r.id),
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  });
  return {
    create: (record) => settled(() => doCreate(record)),
    update: (id, update, at) => settled(() => doUpdate(id, update, at)),
    get: (id) =>
      settled(() => {
        const row = selectOne.get(id);
        return row ? toRecord(row) : null;
      }),
    list: (limit) => settled(() => selectAll.all(limit).map(toRecord)),
  };
}
