import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 of a file, streamed so a multi-gigabyte package costs no memory; honours cancellation. */
export async function sha256File(filePath: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = fs.createReadStream(filePath, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
