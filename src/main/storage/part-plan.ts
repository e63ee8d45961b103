import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';

const MiB = 1024 * 1024;
/** S3 (and OSS) limits: parts of 5 MiB to 5 GiB, at most 10,000 of them. */
export const minPartSize = 5 * MiB;
export const maxPartSize = 5 * 1024 * MiB;
export const maxParts = 10_000;
export const defaultPartSize = 16 * MiB;
const defaultMaxPartSize = 64 * MiB;

/**
 * The part size for a file: the requested size, or by default an eighth of the file within 16-64 MiB (every part costs
 * the server a few requests of bookkeeping, so fewer larger parts are faster; 64 MiB caps what a dropped connection
 * loses), at least 5 MiB, grown in whole MiB until the file fits in 10,000 parts. Parts are streamed, not held.
 */
export function choosePartSize(fileSize: number, requested?: number): number {
  const automatic = Math.min(defaultMaxPartSize, Math.max(defaultPartSize, Math.ceil(fileSize / 8 / MiB) * MiB));
  let size = Math.max(minPartSize, Math.min(maxPartSize, requested ?? automatic));
  if (Math.ceil(fileSize / size) > maxParts) size = Math.ceil(fileSize / maxParts / MiB) * MiB;
  return size;
}

export function partCount(fileSize: number, partSize: number): number {
  return Math.max(1, Math.ceil(fileSize / partSize));
}

/** Byte range of part `n` (1-based). */
export function partRange(n: number, fileSize: number, partSize: number): { start: number; size: number } {
  const start = (n - 1) * partSize;
  return { start, size: Math.max(0, Math.min(partSize, fileSize - start)) };
}

/** The multipart ETag S3 computes: md5 of the parts' binary md5s, then `-<count>`. */
export function multipartEtag(partMd5Hex: string[]): string {
  const h = createHash('md5');
  for (const md5 of partMd5Hex) h.update(Buffer.from(md5, 'hex'));
  return `${h.digest('hex')}-${partMd5Hex.length}`;
}

/** What identifies the file an upload started from: size, mtime and a hash of its first and last MiB. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  fingerprint: string;
}

export async function fileIdentity(file: string): Promise<FileIdentity> {
  const handle = await fs.open(file, 'r');
  try {
    const stat = await handle.stat();
    const h = createHash('sha256');
    h.update(String(stat.size));
    const head = Buffer.alloc(Math.min(MiB, stat.size));
    await handle.read(head, 0, head.length, 0);
    h.update(head);
    if (stat.size > MiB) {
      const tailSize = Math.min(MiB, stat.size - MiB);
      const tail = Buffer.alloc(tailSize);
      await handle.read(tail, 0, tailSize, stat.size - tailSize);
      h.update(tail);
    }
    return { size: stat.size, mtimeMs: stat.mtimeMs, fingerprint: h.digest('hex') };
  } finally {
    await handle.close();
  }
}
