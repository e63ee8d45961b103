import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { yazlZip } from '../zip/yazl-zip.test-support';
import { openZipSource } from './zip-source';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-zip-source-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('openZipSource', () => {
  it('lists files only (no directory entries) and reads text and bytes', async () => {
    const file = path.join(dir, 'p.zip');
    await fs.writeFile(
      file,
      await yazlZip((zip) => {
        zip.addEmptyDirectory('top/');
        zip.addBuffer(Buffer.from(''), 'top/SPEC.FORMAT');
        zip.addBuffer(Buffer.from('select 1'), 'top/DataStudio/a.sql');
        zip.addBuffer(Buffer.from([0, 1, 2, 255]), 'top/bin.jar');
      }),
    );
    const source = await openZipSource(file);
    try {
      expect(source.list()).toEqual(['top/DataStudio/a.sql', 'top/SPEC.FORMAT', 'top/bin.jar']);
      expect(source.info('top/DataStudio/a.sql')).toMatchObject({ size: 8 });
      expect(source.info('top/DataStudio/a.sql')!.crc32).toEqual(expect.any(Number));
      expect(await source.readText('top/DataStudio/a.sql')).toBe('select 1');
      expect([...(await source.readBytes('top/bin.jar'))]).toEqual([0, 1, 2, 255]);
      const missing = await source.readText('top/nope').catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(FerryError);
      expect((missing as FerryError).code).toBe('not-found');
      const traversal = await source.readText('../x').catch((error: unknown) => error);
      expect((traversal as FerryError).code).toBe('bad-request');
    } finally {
      await source.close();
    }
  });
});
