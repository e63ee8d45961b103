import yazl from 'yazl';

/** Builds an archive in memory with yazl, for tests that need a well-formed zip made by a real writer. */
export async function yazlZip(add: (zip: yazl.ZipFile) => void, endOptions?: yazl.EndOptions): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  add(zip);
  zip.end(endOptions);
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Text that deflates well but far below the 200:1 bomb ratio, so large entries pass the listing caps. */
export function textOf(bytes: number): Buffer {
  const lines: string[] = [];
  for (let i = 0, length = 0; length < bytes; i += 1) {
    const line = `node_${i},${(i * 7919) % 10007},${(i * 104729) % 99991}\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}
