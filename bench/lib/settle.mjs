// Puts the machine in the same state before every measured command, Ferry's and the baseline's alike: dirty pages
// written back, the page/dentry/inode caches dropped, then the command's inputs read once (so they are warm, as a
// file a user just worked with is). This is hyperfine's `--prepare 'sync; echo 3 > /proc/sys/vm/drop_caches'` plus a
// warm-up read of the inputs.
//
// Why: on the VMs these benchmarks run on, the kernel's time to create files grows with what earlier commands left
// cached. The same `unzip -o -q` of the 20,000-node package took 2.5 s to 17 s of system time within one hour, so
// ratios measured without settling said more about the previous command than about Ferry. With settling, five
// unzips in a row took 3.30-3.46 s.
//
// Dropping caches needs root on Linux; elsewhere settling does nothing and the table says "unsettled".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dropCaches = '/proc/sys/vm/drop_caches';

/** True when this process may drop the kernel's caches (Linux, root). */
export const canSettle = (() => {
  try {
    fs.accessSync(dropCaches, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();

/** Flushes and drops the caches (when allowed), then reads every input file or folder once. */
export function settle(inputs = []) {
  if (canSettle) {
    execFileSync('sync');
    fs.writeFileSync(dropCaches, '3\n');
  }
  for (const input of inputs) warm(input);
}

/** Reads a file, or every file under a folder, to /dev/null. */
export function warm(input) {
  const stat = fs.statSync(input, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) return readAll(input);
  const stack = [input];
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile()) readAll(full);
    }
  }
}

const buffer = Buffer.alloc(1 << 20);

function readAll(file) {
  const fd = fs.openSync(file, 'r');
  try {
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    fs.closeSync(fd);
  }
}
