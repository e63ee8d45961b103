import type { ProfileRecord } from '../../shared/model/profile-record';
import { settled, type SqliteDatabase } from './history-database';

/** What the store keeps of a profile: its JSON text (already validated by the caller) and the fields lists show. */
export interface ProfileToSave {
  name: string;
  description: string | null;
  sourceProject: string;
  destinationProject: string;
  /** The profile as canonical JSON text. */
  json: string;
  hash: string;
  at: string;
}

/**
 * Mapping profiles in the history database (migration 4): named profiles the user saved, and the profiles plans were
 * made with, kept by hash. Async like the rest of the history store. Profiles are returned as JSON text: parsing and
 * validating them is the caller's business (the schema lives in src/shared/model/mapping-profile.ts).
 */
export interface ProfileRepository {
  /** Inserts or replaces the profile of that name (keeps its id and createdAt). */
  save(profile: ProfileToSave): Promise<ProfileRecord>;
  list(): Promise<ProfileRecord[]>;
  get(name: string): Promise<{ record: ProfileRecord; json: string } | null>;
  /** True when a profile of that name existed. */
  delete(name: string): Promise<boolean>;
  /** Keeps the profile a plan was made with (idempotent: the hash is the key). */
  rememberPlanProfile(hash: string, name: string, json: string, at: string): Promise<void>;
  /** The profile with this hash: a plan profile, else a saved profile; null when unknown. */
  findByHash(hash: string): Promise<string | null>;
}

interface ProfileRow {
  id: number;
  name: string;
  description: string | null;
  source_project: string;
  destination_project: string;
  profile_json: string;
  profile_hash: string;
  created_at: string;
  updated_at: string;
}

const toRecord = (row: ProfileRow): ProfileRecord => ({
  id: row.id,
  name: row.name,
  description: row.description,
  sourceProject: row.source_project,
  destinationProject: row.destination_project,
  hash: row.profile_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createProfileRepository(db: SqliteDatabase): ProfileRepository {
  const upsert = db.prepare<ProfileToSave>(
    `INSERT INTO mapping_profile (name, description, source_project, destination_project, profile_json, profile_hash, created_at, updated_at)
     VALUES (@name, @description, @sourceProject, @destinationProject, @json, @hash, @at, @at)
     ON CONFLICT (name) DO UPDATE SET description = excluded.description, source_project = excluded.source_project,
       destination_project = excluded.destination_project, profile_json = excluded.profile_json,
       profile_hash = excluded.profile_hash, updated_at = excluded.updated_at`,
  );
  const selectOne = db.prepare<[string], ProfileRow>('SELECT * FROM mapping_profile WHERE name = ?');
  const selectAll = db.prepare<[], ProfileRow>('SELECT * FROM mapping_profile ORDER BY name COLLATE NOCASE, name');
  const deleteOne = db.prepare<[string]>('DELETE FROM mapping_profile WHERE name = ?');
  const insertPlanProfile = db.prepare<[string, string, string, string]>(
    'INSERT OR IGNORE INTO plan_profile (hash, name, profile_json, created_at) VALUES (?, ?, ?, ?)',
  );
  const selectPlanProfile = db.prepare<[string], { profile_json: string }>(
    'SELECT profile_json FROM plan_profile WHERE hash = ?',
  );
  const selectSavedByHash = db.prepare<[string], { profile_json: string }>(
    'SELECT profile_json FROM mapping_profile WHERE profile_hash = ? ORDER BY updated_at DESC LIMIT 1',
  );
  return {
    save(profile) {
      return settled(() => {
        upsert.run(profile);
        return toRecord(selectOne.get(profile.name)!);
      });
    },
    list() {
      return settled(() => selectAll.all().map(toRecord));
    },
    get(name) {
      return settled(() => {
        const row = selectOne.get(name);
        return row ? { record: toRecord(row), json: row.profile_json } : null;
      });
    },
    delete(name) {
      return settled(() => deleteOne.run(name).changes > 0);
    },
    rememberPlanProfile(hash, name, json, at) {
      return settled(() => {
        insertPlanProfile.run(hash, name, json, at);
      });
    },
    findByHash(hash) {
      return settled(
        () => selectPlanProfile.get(hash)?.profile_json ?? selectSavedByHash.get(hash)?.profile_json ?? null,
      );
    },
  };
}
