import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../app/create-backend';
import { fixture } from '../test-support/fixtures';
import { startWebServer, type RunningWebServer } from './web-server';

let dir: string;
let backend: Backend;
let server: RunningWebServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-web-'));
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  backend = createBackend({ userDataDir: path.join(dir, 'home'), mode: 'web', version: '1.2.3' });
  server = await startWebServer({ backend, staticDir, uploadDir: path.join(dir, 'uploads') });
});

afterAll(async () => {
  await server.close();
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A raw HTTP request, so Host and Origin can be set to what a hostile page would send. */
function request(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const call = (method: string, input: unknown, headers: Record<string, string> = { 'x-ferry-token': server.token }) =>
  request(`/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });

describe('web transport', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call that carries the token', async () => {
    const reply = await call('app:info', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ result: { version: '1.2.3', mode: 'web', canUpload: true } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    for (const headers of [{}, { 'x-ferry-token': 'guess' }] as Record<string, string>[]) {
      const reply = await call('history:packages', {}, headers);
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('refuses a foreign Origin even with the token (a page on another site)', async () => {
    const reply = await call('app:info', {}, { 'x-ferry-token': server.token, origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
  });

  it('refuses a foreign Host even with the token (DNS rebinding)', async () => {
    const reply = await call('app:info', {}, { 'x-ferry-token': server.token, host: `evil.example:${server.port}` });
    expect(reply.status).toBe(403);
  });

  it('turns a bad payload into a typed error naming the field', async () => {
    const reply = await call('package:open', { path: 42 });
    const { error } = JSON.parse(reply.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('bad-request');
    expect(error.message).toMatch(/path/);
  });

  it('turns an unknown method into a typed error', async () => {
    const reply = await call('package:explode', {});
    const { error } = JSON.parse(reply.body) as { error: { code: string; message: string } };
    expect(error).toEqual({ code: 'bad-request', message: "Unknown method 'package:explode'." });
  });

  it('refuses the event stream without the token and opens it with the token in the query', async () => {
    expect((await request('/api/events')).status).toBe(401);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` }, (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      });
      req.on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('serves the app with a strict CSP, and nothing outside the renderer folder', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request('/../secret.txt')).status).toBe(404);
    expect((await request('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('accepts an upload into its own folder and opens it as a package', async () => {
    const bytes = fs.readFileSync(fixture('azkaban', 'sample_flow_01.zip'));
    const upload = await request('/api/upload?name=..%2F..%2Fsample.zip', {
      method: 'POST',
      headers: { 'x-ferry-token': server.token, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const { result } = JSON.parse(upload.body) as { result: { path: string } };
    expect(result.path.startsWith(path.join(dir, 'uploads') + path.sep)).toBe(true);
    expect(path.basename(result.path)).toBe('sample.zip');
    expect(fs.readFileSync(result.path)).toEqual(bytes);
  });
});
