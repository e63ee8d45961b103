import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * A line logger for the desktop app: stderr (visible when started from a terminal) plus `<logsDir>/main.log`
 * (packaged Windows and macOS apps have no console). Callers must never pass secrets.
 */
export function createFileLog(logsDir: string): (line: string) => void {
  const file = path.join(logsDir, 'main.log');
  let fileOk = true;
  try {
    mkdirSync(logsDir, { recursive: true });
  } catch {
    fileOk = false;
  }
  return (line) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    console.error(stamped);
    if (!fileOk) return;
    try {
      appendFileSync(file, `${stamped}\n`);
    } catch {
      fileOk = false;
    }
  };
}
