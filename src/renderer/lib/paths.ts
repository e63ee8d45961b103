/**
 * Paths on the backend's machine, handled as text: the renderer has no `path` module and may run on another
 * OS than the backend (browser mode), so the separator is taken from the path itself.
 */
function separatorOf(p: string): '/' | '\\' {
  return p.includes('\\') && !p.includes('/') ? '\\' : '/';
}

/** `/data/out` + `pkg.zip` -> `/data/out/pkg.zip`; `C:\out\` + `pkg.zip` -> `C:\out\pkg.zip`. */
export function joinPath(folder: string, name: string): string {
  const sep = separatorOf(folder);
  const trimmed = folder.replace(/[\\/]+$/, '');
  return trimmed === '' ? `${sep}${name}` : `${trimmed}${sep}${name}`;
}

/** The last segment of a path: `/data/samples/dev/` -> `dev`. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? p;
}

/** A name safe as a file name on every OS: letters, digits, `.`, `_`, `-`; the rest becomes `-`. */
export function safeFileName(name: string): string {
  return name
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** 2025-03-04T05:06:07 -> `20250304-050607`, for default package names. */
export function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}
