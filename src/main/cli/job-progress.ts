import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FerryClient } from '../../shared/api/client';
import { FerryError } from '../../shared/errors';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import { progressLine } from './format';
import type { CliIo } from './run-cli';
import { waitForJob } from './wait-for-job';

/** Waits for a job, drawing a progress line on stderr when it is a terminal and the output is not JSON. */
export async function followJob(client: FerryClient, jobId: string, io: CliIo, json: boolean): Promise<void> {
  const show = !json && io.stderr.isTTY === true;
  try {
    await waitForJob(client, jobId, (job) => {
      if (show) io.stderr.write(`\r${progressLine(job.step, job.progress.done, job.progress.total)}\x1b[K`);
    });
  } finally {
    if (show) io.stderr.write('\r\x1b[K');
  }
}

/** Reads a profile YAML file and parses it through the API (errors name the file, line and key). */
export async function readProfileArg(client: FerryClient, file: string): Promise<MappingProfile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FerryError(code === 'ENOENT' ? 'not-found' : 'io', `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`);
  }
  return client.call('profile:fromYaml', { text, fileName: path.basename(file) });
}

/** Writes text to a file (temporary file, then rename), or to stdout when no file is given. */
export async function writeOutput(io: CliIo, file: string | undefined, text: string): Promise<void> {
  if (file === undefined) {
    io.stdout.write(text);
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temp, text, 'utf8');
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new FerryError('io', `${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
