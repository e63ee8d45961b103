/** Sizes as people read them: 1.2 MB, 512 B. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A one-line progress bar for a terminal, redrawn in place with `\r`. */
export function progressLine(step: string, done: number, total: number | null, width = 30): string {
  if (!total) return `${step} ${done}`;
  const ratio = Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${step}`;
}
