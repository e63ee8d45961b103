import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import { FerryError } from '../../shared/errors';

/** Keeps a file name readable but harmless: no folders, no control characters, no leading dots. */
export function safeUploadName(name: string | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '').slice(0, 200);
  return cleaned || 'package.zip';
}

/**
 * Streams an uploaded package (web mode: the browser cannot hand us a path) into its own folder under
 * `uploadDir`, so two uploads with the same name never collide. A broken upload leaves nothing behind.
 */
export async function receiveUpload(req: IncomingMessage, uploadDir: string, name: string | null): Promise<string> {
  const folder = path.join(uploadDir, randomUUID());
  const target = path.join(folder, safeUploadName(name));
  fs.mkdirSync(folder, { recursive: true });
  try {
    await pipeline(req, fs.createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw new FerryError('io', `Upload of ${safeUploadName(name)} failed: ${(error as Error).message}`);
  }
  return target;
}
