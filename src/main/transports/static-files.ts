import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { mimeTypeFor } from '../security/renderer-policy';

/**
 * Resolves a URL path to a file inside `root`, or null when it would escape it (`..`, encoded traversal,
 * absolute paths, NUL bytes). `/` maps to index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSep = path.resolve(root) + path.sep;
  return resolved.startsWith(rootWithSep) ? resolved : null;
}

/** Streams a file of the built renderer with its MIME type; 404 for anything missing or outside the root. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): void {
  const file = resolveStaticPath(root, urlPath);
  const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
  if (!file || !stat?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end('Not found');
    return;
  }
  const type = mimeTypeFor(file);
  const cache = file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600';
  res.writeHead(200, { 'content-type': type, 'content-length': String(stat.size), 'cache-control': cache, ...headers });
  fs.createReadStream(file).pipe(res);
}
