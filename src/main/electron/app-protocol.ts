import { promises as fs } from 'node:fs';
import { protocol } from 'electron';
import { appResponseHeaders } from '../security/renderer-policy';
import { APP_SCHEME, resolveAppRequestPath } from './policy/app-url';
import { mimeTypeFor } from '../security/renderer-policy';

/**
 * Must run before `app.whenReady()`. `standard` gives app://ferry a real origin (relative URLs, 'self' in the
 * CSP, localStorage); `secure` makes it a secure context; `supportFetchAPI` lets the renderer fetch its own
 * assets; `codeCache` keeps V8's cache for our scripts. Deliberately not `bypassCSP`, and not `corsEnabled`:
 * our module scripts are same-origin, and leaving it off keeps app:// unreadable from any other origin.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * Serves app://ferry/* from `rendererDir` (dist/renderer, inside app.asar when packaged; Electron's fs reads
 * asar transparently). Anything the path check refuses is a 403; a missing file is a 404. Every response
 * carries the CSP header, so the renderer is locked down even if index.html lacks a <meta> policy.
 */
export function serveAppProtocol(rendererDir: string, log: (line: string) => void): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
    const filePath = resolveAppRequestPath(request.url, rendererDir);
    if (filePath === null) {
      log(`app:// refused ${request.url}`);
      return respond(403, 'Forbidden');
    }
    try {
      const body = await fs.readFile(filePath);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          ...appResponseHeaders,
          'Content-Type': mimeTypeFor(filePath),
          'Cache-Control': 'no-cache',
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return respond(404, 'Not found');
      log(`app:// failed to read ${filePath}: ${String(error)}`);
      return respond(500, 'Internal error');
    }
  });
}

function respond(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...appResponseHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
