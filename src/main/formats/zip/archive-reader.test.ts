import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { fixture } from '../../test-support/fixtures';
import { openArchive } from './archive-reader';
import { buildZip, type HandEntry } from './hand-built-zip.test-support';
import { textOf, yazlZip } from './yazl-zip.test-support';

const sample = fixture('azkaban', 'sample_flow_01.zip');
let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-zip-reader-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeZip(bytes: Buffer): Promise<string> {
  counter += 1;
  const file = path.join(dir, `archive-${counter}.zip`);
  await fs.writeFile(file, bytes);
  return file;
}

async function readFailure(entries: HandEntry[], name: string): Promise<FerryError> {
  const file = await writeZip(buildZip(entries));
  const archive = await openArchive(file);
  try {
    const error: unknown = await archive.readEntry(name).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).message).toContain(`${file}: entry "${name}" `);
    return error as FerryError;
  } finally {
    await archive.close();
  }
}

describe('openArchive on the real fixture', () => {
  it('returns the same bytes as unzip -p for every file entry', async () => {
    const archive = await openArchive(sample);
    try {
      expect(archive.entries).toHaveLength(6);
      for (const entry of archive.entries.filter((e) => !e.isDirectory)) {
        const expected = execFileSync('unzip', ['-p', sample, entry.name]);
        const actual = await archive.readEntry(entry.name);
        expect(actual.length).toBe(entry.size);
        expect(actual.equals(expected)).toBe(true);
      }
      expect(await archive.readText('sample_flow_01/shell_pwd.job')).toBe(execFileSync('unzip', ['-p', sample, 'sample_flow_01/shell_pwd.job']).toString('utf8'));
    } finally {
      await archive.close();
    }
  });

  it('answers has(), and rejects missing entries, folders and reads after close', async () => {
    const archive = await openArchive(sample);
    expect([archive.has('sample_flow_01/shell_end.job'), archive.has('shell_end.job'), archive.has('sample_flow_01/')]).toEqual([true, false, true]);
    await expect(archive.readEntry('nope.job')).rejects.toMatchObject({ code: 'not-found', message: `${sample}: entry "nope.job" is not in the archive` });
    await expect(archive.readEntry('sample_flow_01/')).rejects.toMatchObject({ code: 'not-a-file' });
    await archive.close();
    await archive.close();
    await expect(archive.readEntry('sample_flow_01/shell_end.job')).rejects.toMatchObject({ code: 'io' });
  });

  it('rejects with cancelled when the signal is aborted', async () => {
    await expect(openArchive(sample, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('reading entries written by yazl', () => {
  it('reads large deflated and stored entries (the streaming path) byte for byte', async () => {
    const big = textOf(3 * 1024 * 1024 + 17);
    const file = await writeZip(
      await yazlZip((zip) => {
        zip.addBuffer(big, 'big/deflated.csv');
        zip.addBuffer(big, 'big/stored.csv', { compress: false });
        zip.addBuffer(Buffer.alloc(0), 'empty.txt');
      }),
    );
    const archive = await openArchive(file);
    try {
      expect((await archive.readEntry('big/deflated.csv')).equals(big)).toBe(true);
      expect((await archive.readEntry('big/stored.csv')).equals(big)).toBe(true);
      expect((await archive.readEntry('empty.txt')).length).toBe(0);
    } finally {
      await archive.close();
    }
  });

  it('reads a zip64 archive back (yazl forceZip64Format)', async () => {
    const small = Buffer.from('{"zip64": true}');
    const big = textOf(2 * 1024 * 1024);
    const bytes = await yazlZip(
      (zip) => {
        zip.addBuffer(small, 'a.json', { forceZip64Format: true });
        zip.addBuffer(big, 'b.csv', { forceZip64Format: true });
      },
      { forceZip64Format: true, comment: '' },
    );
    // Proves the archive really uses zip64 end records, so this test cannot pass on a plain zip.
    expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    const archive = await openArchive(await writeZip(bytes));
    try {
      expect(archive.entries.map((e) => [e.name, e.size])).toEqual([['a.json', small.length], ['b.csv', big.length]]);
      expect((await archive.readEntry('a.json')).equals(small)).toBe(true);
      expect((await archive.readEntry('b.csv')).equals(big)).toBe(true);
    } finally {
      await archive.close();
    }
  });

  it('reads thousands of small entries with correct contents', async () => {
    const count = 3000;
    const file = await writeZip(
      await yazlZip((zip) => {
        for (let i = 0; i < count; i += 1) zip.addBuffer(Buffer.from(JSON.stringify({ id: i, name: `task_${i}` })), `nodes/${i}.schedule.json`);
      }),
    );
    const archive = await openArchive(file);
    try {
      for (let i = 0; i < count; i += 1) expect(JSON.parse(await archive.readText(`nodes/${i}.schedule.json`))).toEqual({ id: i, name: `task_${i}` });
    } finally {
      await archive.close();
    }
  });

  it('strips a UTF-8 BOM in readText and refuses invalid UTF-8 text', async () => {
    const file = await writeZip(
      buildZip([
        { name: 'bom.json', data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]) },
        { name: 'gbk.sql', data: Buffer.from([0xd6, 0xd0, 0xce, 0xc4]) },
      ]),
    );
    const archive = await openArchive(file);
    try {
      expect(await archive.readText('bom.json')).toBe('{"a":1}');
      await expect(archive.readText('gbk.sql')).rejects.toMatchObject({ code: 'malformed-document', message: `${file}: entry "gbk.sql" is not valid UTF-8 text` });
    } finally {
      await archive.close();
    }
  });
});

describe('entries that lie', () => {
  const payload = 'select * from dual;\n'.repeat(50);

  it('rejects a deflated entry that inflates past its declared size', async () => {
    const error = await readFailure([{ name: 'q.sql', data: payload, deflate: true, declaredSize: 10 }], 'q.sql');
    expect([error.code, error.message.endsWith('inflates to more than its declared 10 bytes (size in the directory is false)')]).toEqual(['unsafe-archive', true]);
  });

  it('rejects a large (streamed) entry that inflates past its declared size', async () => {
    const big = textOf(3 * 1024 * 1024);
    const error = await readFailure([{ name: 'big.csv', data: big, deflate: true, declaredSize: 2 * 1024 * 1024 }], 'big.csv');
    expect(error.code).toBe('unsafe-archive');
  });

  it('rejects an entry that holds fewer bytes than declared', async () => {
    const error = await readFailure([{ name: 'q.sql', data: payload, deflate: true, declaredSize: payload.length + 5 }], 'q.sql');
    expect(error.message.endsWith(`holds ${payload.length} bytes but declares ${payload.length + 5}`)).toBe(true);
  });

  it('rejects a CRC-32 mismatch as corrupt', async () => {
    const error = await readFailure([{ name: 'q.sql', data: payload, deflate: true, declaredCrc: 0x12345678 }], 'q.sql');
    expect(error.code).toBe('corrupt-archive');
    expect(error.message).toMatch(/fails its CRC-32 check \(expected 12345678, got [0-9a-f]{8}\)$/);
  });

  it('rejects a local header whose name differs from the central directory', async () => {
    const error = await readFailure([{ name: 'good.txt', localName: 'evil.sh', data: 'x' }], 'good.txt');
    expect([error.code, error.message.endsWith('is named "evil.sh" in its local header (central directory and local header disagree)')]).toEqual(['unsafe-archive', true]);
  });

  it('rejects invalid deflate data as corrupt and unknown methods as unsupported', async () => {
    const garbage = await readFailure([{ name: 'g.bin', data: 'garbage data here', compressionMethod: 8 }], 'g.bin');
    expect(garbage.code).toBe('corrupt-archive');
    expect(garbage.message).toMatch(/has corrupt compressed data \(invalid block type\)$/);
    const bzip = await readFailure([{ name: 'b.bin', data: 'whatever', compressionMethod: 12 }], 'b.bin');
    expect([bzip.code, bzip.message.endsWith('uses compression method 12 (only stored and deflate are supported)')]).toEqual(['unsupported', true]);
  });
});
