import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webRoutes } from '../../shared/api/bridge';
import { toErrorShape, type ErrorShape } from '../../shared/errors';
import type { Backend } from '../app/create-backend';
import { isAllowedHost, isAllowedOrigin, requestToken, tokenMatches } from './web-security';
import { serveStatic } from './static-files';
import { appResponseHeaders } from '../security/renderer-policy';
import { receiveUpload } from './upload-receiver';

export interface WebServerOptions {
  backend: Pick<Backend, 'dispatch' | 'events'>;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Where uploaded packages are written. */
  uploadDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  log?: (line: string) => void;
}

export interface RunningWebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 4 * 1024 * 1024;
const securityHeaders = { ...appResponseHeaders, 'Cross-Origin-Resource-Policy': 'same-origin' };

/**
 * The browser-mode transport: the same backend as the desktop app, over HTTP on 127.0.0.1 only. Every API
 * request needs the random session token and a Host/Origin naming this server; events go out as SSE.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? (() => {});
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`web: ${req.method} ${req.url} failed: ${(error as Error).message}`);
      if (!res.headersSent) sendJson(res, 500, { error: toErrorShape(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      return sendJson(res, 403, refuse('Refused: this server only answers requests addressed to itself on 127.0.0.1.'));
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, refuse('Method not allowed.'));
      return serveStatic(options.staticDir, url.pathname, res, securityHeaders);
    }
    const isEvents = url.pathname === webRoutes.events;
    if (!tokenMatches(token, requestToken(req, url, webRoutes.tokenHeader, isEvents))) {
      return sendJson(res, 401, refuse('Refused: missing or wrong session token. Open the URL Ferry printed at start.'));
    }
    if (isEvents && req.method === 'GET') return openEventStream(res);
    if (req.method !== 'POST') return sendJson(res, 405, refuse('Method not allowed.'));
    if (url.pathname === webRoutes.upload) {
      const path = await receiveUpload(req, options.uploadDir, url.searchParams.get('name'));
      return sendJson(res, 200, { result: { path } });
    }
    if (url.pathname.startsWith(webRoutes.callPrefix)) {
      const method = decodeURIComponent(url.pathname.slice(webRoutes.callPrefix.length));
      const input = await readJsonBody(req);
      if ('error' in input) return sendJson(res, 400, input);
      return sendJson(res, 200, await options.backend.dispatch(method, input.body));
    }
    return sendJson(res, 404, { error: { code: 'not-found', message: `No route ${url.pathname}.` } });
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      ...securityHeaders,
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    res.on('close', () => sseClients.delete(res));
  }

  const unsubscribe = options.backend.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  // Proxies and sleeping laptops drop idle streams; a comment every 15 s keeps the stream alive.
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(message: string): { error: ErrorShape } {
  return { error: { code: 'unauthorized', message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<{ body: unknown } | { error: ErrorShape }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) return { error: { code: 'bad-request', message: 'Request body too large.' } };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { body: {} };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { error: { code: 'bad-request', message: 'Request body is not valid JSON.' } };
  }
}
