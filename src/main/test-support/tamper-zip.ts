import { openArchive } from '../formats/zip/archive-reader';
import { writeArchive } from '../formats/zip/archive-writer';

/**
 * Writes a copy of a zip to `out` with its entries passed through `change` (name -> bytes; set, delete or add),
 * as someone editing a package after export would. Returns `out`.
 */
export async function tamperedCopy(file: string, out: string, change: (entries: Map<string, Buffer>) => void): Promise<string> {
  const archive = await openArchive(file);
  const entries = new Map<string, Buffer>();
  try {
    for (const entry of archive.entries) if (!entry.isDirectory) entries.set(entry.name, await archive.readEntry(entry.name));
  } finally {
    await archive.close();
  }
  change(entries);
  await writeArchive(
    out,
    [...entries].map(([name, data]) => ({ name, data })),
  );
  return out;
}
