import type { UploadState } from '../../shared/model/upload';
import { settled, type SqliteDatabase } from './history-database';

/** An upload as history keeps it (migration 5). Never holds a secret or a pre-signed URL. */
export interface StoredUpload {
  id: string;
  state: UploadState;
  filePath: string;
  fileSize: number;
  fileMtimeMs: number;
  fileFingerprint: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  bucket: string;
  key: string;
  s3UploadId: string | null;
  partSize: number;
  partCount: number;
  parallel: number;
  /** `env` or `file:<path>`. */
  credentialSource: string;
  accessKeyHint: string | null;
  etag: string | null;
  error: string | null;
  urlExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** A part the server confirmed: its ETag and the MD5 we computed and sent as Content-MD5. */
export interface StoredPart {
  partNumber: number;
  size: number;
  etag: string;
  md5: string;
}

export type UploadUpdate = Partial<Pick<StoredUpload, 'state' | 's3UploadId' | 'etag' | 'error' | 'urlExpiresAt' | 'completedAt' | 'parallel'>>;

/** Uploads in history. Async like the rest of the history store. */
export interface UploadRepository {
  create(upload: StoredUpload): Promise<void>;
  get(id: string): Promise<StoredUpload | null>;
  list(limit: number): Promise<StoredUpload[]>;
  update(id: string, update: UploadUpdate, at: string): Promise<void>;
  /** Records a finished part (idempotent: a re-sent part replaces its row). */
  recordPart(id: string, part: StoredPart, at: string): Promise<void>;
  /** Replaces the part list with what the server reported (resume). */
  replaceParts(id: string, parts: StoredPart[], at: string): Promise<void>;
  parts(id: string): Promise<StoredPart[]>;
  /** Parts done and their bytes, per upload. */
  progress(ids: string[]): Promise<Map<string, { parts: number; bytes: number }>>;
}

interface UploadRow {
  id: string;
  state: string;
  file_path: string;
  file_size: number;
  file_mtime_ms: number;
  file_fingerprint: string;
  endpoint: string;
  region: string;
  path_style: number;
  bucket: string;
  object_key: string;
  s3_upload_id: string | null;
  part_size: number;
  part_count: number;
  parallel: number;
  credential_source: string;
  access_key_hint: string | null;
  etag: string | null;
  error: string | null;
  url_expires_at: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

const toUpload = (r: UploadRow): StoredUpload => ({
  id: r.id,
  state: r.state as UploadState,
  filePath: r.file_path,
  fileSize: r.file_size,
  fileMtimeMs: r.file_mtime_ms,
  fileFingerprint: r.file_fingerprint,
  endpoint: r.endpoint,
  region: r.region,
  pathStyle: r.path_style === 1,
  bucket: r.bucket,
  key: r.object_key,
  s3UploadId: r.s3_upload_id,
  partSize: r.part_size,
  partCount: r.part_count,
  parallel: r.parallel,
  credentialSource: r.credential_source,
  accessKeyHint: r.access_key_hint,
  etag: r.etag,
  error: r.error,
  urlExpiresAt: r.url_expires_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  completedAt: r.completed_at,
});

const columns: Record<keyof UploadUpdate, string> = {
  state: 'state',
  s3UploadId: 's3_upload_id',
  etag: 'etag',
  error: 'error',
  urlExpiresAt: 'url_expires_at',
  completedAt: 'completed_at',
  parallel: 'parallel',
};

export function createUploadRepository(db: SqliteDatabase): UploadRepository {
  const insert = db.prepare(
    `INSERT INTO upload (id, state, file_path, file_size, file_mtime_ms, file_fingerprint, endpoint, region, path_style,
       bucket, object_key, s3_upload_id, part_size, part_count, parallel, credential_source, access_key_hint, etag, error,
       url_expires_at, created_at, updated_at, completed_at)
     VALUES (@id, @state, @filePath, @fileSize, @fileMtimeMs, @fileFingerprint, @endpoint, @region, @pathStyle, @bucket,
       @key, @s3UploadId, @partSize, @partCount, @parallel, @credentialSource, @accessKeyHint, @etag, @error,
       @urlExpiresAt, @createdAt, @updatedAt, @completedAt)`,
  );
  const selectOne = db.prepare<[string], UploadRow>('SELECT * FROM upload WHERE id = ?');
  const selectAll = db.prepare<[number], UploadRow>('SELECT * FROM upload ORDER BY created_at DESC, id LIMIT ?');
  const upsertPart = db.prepare<[string, number, number, string, string]>(
    `INSERT INTO upload_part (upload_id, part_number, size, etag, md5) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag, md5 = excluded.md5`,
  );
  const deleteParts = db.prepare<[string]>('DELETE FROM upload_part WHERE upload_id = ?');
  const touch = db.prepare<[string, string]>('UPDATE upload SET updated_at = ? WHERE id = ?');
  const selectParts = db.prepare<[string], { part_number: number; size: number; etag: string; md5: string }>(
    'SELECT part_number, size, etag, md5 FROM upload_part WHERE upload_id = ? ORDER BY part_number',
  );
  const selectProgress = db.prepare<[string], { parts: number; bytes: number | null }>(
    'SELECT COUNT(*) AS parts, SUM(size) AS bytes FROM upload_part WHERE upload_id = ?',
  );
  const replace = db.transaction((id: string, parts: StoredPart[], at: string) => {
    deleteParts.run(id);
    for (const p of parts) upsertPart.run(id, p.partNumber, p.size, p.etag, p.md5);
    touch.run(at, id);
  });
  return {
    create(upload) {
      return settled(() => {
        insert.run({ ...upload, pathStyle: upload.pathStyle ? 1 : 0 });
      });
    },
    get(id) {
      return settled(() => {
        const row = selectOne.get(id);
        return row ? toUpload(row) : null;
      });
    },
    list(limit) {
      return settled(() => selectAll.all(limit).map(toUpload));
    },
    update(id, update, at) {
      return settled(() => {
        const keys = (Object.keys(update) as (keyof UploadUpdate)[]).filter((k) => update[k] !== undefined);
        const sets = [...keys.map((k) => `${columns[k]} = @${k}`), 'updated_at = @at'];
        const params: Record<string, unknown> = { id, at };
        for (const k of keys) params[k] = update[k];
        db.prepare(`UPDATE upload SET ${sets.join(', ')} WHERE id = @id`).run(params);
      });
    },
    recordPart(id, part, at) {
      return settled(() => {
        upsertPart.run(id, part.partNumber, part.size, part.etag, part.md5);
        touch.run(at, id);
      });
    },
    replaceParts(id, parts, at) {
      return settled(() => replace(id, parts, at));
    },
    parts(id) {
      return settled(() =>
        selectParts.all(id).map((r) => ({ partNumber: r.part_number, size: r.size, etag: r.etag, md5: r.md5 })),
      );
    },
    progress(ids) {
      return settled(() => {
        const out = new Map<string, { parts: number; bytes: number }>();
        for (const id of ids) {
          const row = selectProgress.get(id);
          out.set(id, { parts: row?.parts ?? 0, bytes: row?.bytes ?? 0 });
        }
        return out;
      });
    },
  };
}
