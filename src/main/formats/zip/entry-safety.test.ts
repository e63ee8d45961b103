import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { fixture } from '../../test-support/fixtures';
import { listArchive } from './archive-listing';
import { checkEntryName, formatBytes } from './entry-safety';
import { buildZip, type HandEntry } from './hand-built-zip.test-support';
import { yazlZip } from './yazl-zip.test-support';
import type { ZipLimits } from './entry-safety';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-zip-safety-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeZip(bytes: Buffer): Promise<string> {
  counter += 1;
  const file = path.join(dir, `hostile-${counter}.zip`);
  await fs.writeFile(file, bytes);
  return file;
}

/** Lists a hand-built archive and returns the FerryError it must be rejected with. */
async function rejectionFor(entries: HandEntry[] | Buffer, limits?: Partial<ZipLimits>): Promise<{ file: string; error: FerryError }> {
  const file = await writeZip(Buffer.isBuffer(entries) ? entries : buildZip(entries));
  const error: unknown = await listArchive(file, { limits }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FerryError);
  expect((error as FerryError).message).not.toMatch(/[\r\n]/);
  return { file, error: error as FerryError };
}

describe('entry names', () => {
  it.each([
    ['../../etc/passwd', 'escapes the package folder (path traversal)'],
    ['flows/../../outside.json', 'escapes the package folder (path traversal)'],
    ['/etc/passwd', 'is an absolute path (it must be relative to the package folder)'],
    ['C:/Windows/win.ini', 'starts with a drive letter (absolute Windows path)'],
    ['c:evil.txt', 'starts with a drive letter (absolute Windows path)'],
    ['..\\..\\evil.bat', 'uses backslashes in its name (zip names must use "/"; possible path traversal on Windows)'],
  ])('rejects %s as unsafe-archive naming file and entry', async (name, problem) => {
    const { file, error } = await rejectionFor([{ name: 'ok.txt', data: 'fine' }, { name, data: 'x' }]);
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toBe(`${file}: entry "${name}" ${problem}`);
    expect(error.details).toEqual({ path: file, entry: name });
  });

  it('keeps a name with a newline on one line in the message', async () => {
    const { error } = await rejectionFor([{ name: 'evil\nname.txt', data: 'x' }]);
    expect(error.message).toMatch(/entry "evil\\x0aname\.txt" has control characters in its name$/);
  });

  it('accepts names that merely contain dots', () => {
    expect(checkEntryName('flows/..hidden/a..b.json')).toBeNull();
    expect(checkEntryName('flows/.../x')).toBeNull();
  });

  it('rejects a legacy code page name (GBK) without the UTF-8 flag, showing its bytes', async () => {
    const gbk = Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('.json')]);
    const { file, error } = await rejectionFor([{ name: gbk, data: '{}' }]);
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toBe(
      `${file}: entry "\\xd6\\xd0\\xce\\xc4.json" has a name that is not UTF-8 (a legacy code page such as GBK or CP437); re-create the archive with UTF-8 file names`,
    );
  });

  it('accepts UTF-8 names written without the UTF-8 flag (macOS Archive Utility does this)', async () => {
    const file = await writeZip(buildZip([{ name: Buffer.from('数据/任务.json', 'utf8'), data: '{}' }]));
    expect((await listArchive(file)).map((entry) => entry.name)).toEqual(['数据/任务.json']);
  });

  it('rejects a name flagged UTF-8 whose bytes are not UTF-8', async () => {
    const { error } = await rejectionFor([{ name: Buffer.from([0x61, 0xff, 0x62]), flags: 0x800, data: '' }]);
    expect(error.message).toMatch(/entry "a\\xffb" is flagged as UTF-8 but its name is not valid UTF-8$/);
  });

  it('rejects duplicate names', async () => {
    const { file, error } = await rejectionFor([{ name: 'a.json', data: '1' }, { name: 'a.json', data: '2' }]);
    expect([error.code, error.message]).toEqual(['unsafe-archive', `${file}: entry "a.json" appears more than once (duplicate entry names are ambiguous)`]);
  });
});

describe('entry kinds and flags', () => {
  it('rejects a symbolic link entry', async () => {
    const { file, error } = await rejectionFor([{ name: 'link', data: '/etc/passwd', externalAttributes: (0o120777 << 16) >>> 0 }]);
    expect([error.code, error.message]).toEqual(['unsafe-archive', `${file}: entry "link" is a symbolic link (links are not allowed in packages)`]);
  });

  it('rejects a traditionally encrypted entry', async () => {
    const { file, error } = await rejectionFor([{ name: 'secret.json', data: 'x'.repeat(20), flags: 0x801 }]);
    expect([error.code, error.message]).toEqual(['unsafe-archive', `${file}: entry "secret.json" is encrypted (packages must not be password-protected)`]);
  });

  it('rejects a strongly encrypted entry (yauzl refuses it before we see the name)', async () => {
    const { file, error } = await rejectionFor([{ name: 'secret.json', data: 'x', flags: 0x841 }]);
    expect([error.code, error.message]).toEqual(['unsafe-archive', `${file}: contains encrypted entries (strong encryption); packages must not be encrypted`]);
  });

  it('rejects a stored entry whose two declared sizes disagree as corrupt', async () => {
    const { error } = await rejectionFor([{ name: 'a.txt', data: 'hello', declaredSize: 999 }]);
    expect(error.code).toBe('corrupt-archive');
    expect(error.message).toMatch(/entry "a\.txt" is stored uncompressed but declares 999 bytes and 5 compressed bytes$/);
  });
});

describe('bomb caps', () => {
  it('rejects an entry over 1 MB with a compression ratio above 200:1, and allows it when the cap is raised', async () => {
    const bytes = await yazlZip((zip) => zip.addBuffer(Buffer.alloc(10 * 1024 * 1024), 'zeros.bin'));
    const { file, error } = await rejectionFor(bytes);
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toMatch(/^.*: entry "zeros\.bin" expands \d+ bytes to 10485760 bytes \(ratio \d+:1, limit 200:1; possible zip bomb\)$/);
    expect(await listArchive(file, { limits: { maxCompressionRatio: 100_000 } })).toHaveLength(1);
  });

  it('allows small highly compressible entries (under the ratio threshold)', async () => {
    const file = await writeZip(await yazlZip((zip) => zip.addBuffer(Buffer.alloc(512 * 1024, 'a'), 'padding.txt')));
    expect((await listArchive(file))[0].size).toBe(512 * 1024);
  });

  it('rejects when the summed declared sizes pass the total cap', async () => {
    const entries = [{ name: 'a', data: 'x'.repeat(60) }, { name: 'b', data: 'y'.repeat(60) }];
    const { file, error } = await rejectionFor(entries, { maxTotalBytes: 100 });
    expect(error.message).toBe(`${file}: entry "b" brings the total uncompressed size over the 100 bytes limit (possible zip bomb)`);
    expect(formatBytes(4 * 1024 ** 3)).toBe('4 GiB');
  });

  it('rejects more entries than the entry cap before reading them', async () => {
    const { file, error } = await rejectionFor([{ name: 'a' }, { name: 'b' }, { name: 'c' }], { maxEntries: 2 });
    expect([error.code, error.message]).toEqual(['unsafe-archive', `${file}: declares 3 entries, more than the limit of 2`]);
  });

  it('rejects entries that share the same compressed bytes (overlapping-entry bomb)', async () => {
    const { file, error } = await rejectionFor([{ name: 'a.txt', data: 'payload' }, { name: 'b.txt', data: 'payload', shareDataWith: 0 }]);
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}: entry "(a|b)\\.txt" shares its data with entry "(a|b)\\.txt"`));
  });
});

describe('damaged central directory', () => {
  it('reports a broken central directory record as corrupt-archive', async () => {
    const bytes = Buffer.from(await fs.readFile(fixture('azkaban', 'sample_flow_01.zip')));
    const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 4);
    bytes[second + 3] = 0x09;
    const { file, error } = await rejectionFor(bytes);
    expect([error.code, error.message]).toEqual(['corrupt-archive', `${file}: truncated or corrupt zip (central directory is incomplete)`]);
  });
});
