import { describe, expect, it, vi } from 'vitest';
import { createFerryClient } from '../../shared/api/client';
import { FerryError } from '../../shared/errors';
import { createWebTransport, createWebUploader } from './web-transport';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly handlers = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, handler: (e: MessageEvent<string>) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }
  close() {
    this.closed = true;
  }
  fire(name: string, data: string) {
    for (const h of this.handlers.get(name) ?? []) h({ data } as MessageEvent<string>);
  }
}

describe('web transport', () => {
  it('POSTs the call with the token header and returns the result', async () => {
    const fetch = vi.fn(() => Promise.resolve(jsonResponse({ result: { jobId: 'j1' } })));
    const client = createFerryClient(createWebTransport({ token: 's3cret', fetch }));
    await expect(client.call('package:open', { path: '/a.zip' })).resolves.toEqual({ jobId: 'j1' });
    expect(fetch).toHaveBeenCalledWith('/api/call/package%3Aopen', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ferry-token': 's3cret' },
      body: JSON.stringify({ path: '/a.zip' }),
    });
  });

  it('reads the error envelope of a 4xx answer as a FerryError', async () => {
    const body = { error: { code: 'not-found', message: 'No file at /a.zip.' } };
    const fetch = vi.fn(() => Promise.resolve(jsonResponse(body, 404)));
    const client = createFerryClient(createWebTransport({ token: 't', fetch }));
    const error = await client.call('package:open', { path: '/a.zip' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({ code: 'not-found', message: 'No file at /a.zip.' });
  });

  it('turns a body that is not an envelope, or no answer at all, into a typed error', async () => {
    const html = vi.fn(() =>
      Promise.resolve(new Response('<h1>Forbidden</h1>', { status: 403, statusText: 'Forbidden' })),
    );
    const client = createFerryClient(createWebTransport({ token: 't', fetch: html }));
    await expect(client.call('app:info', {})).rejects.toMatchObject({ code: 'unauthorized' });

    const down = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const offline = createFerryClient(createWebTransport({ token: 't', fetch: down }));
    await expect(offline.call('app:info', {})).rejects.toMatchObject({ code: 'io' });
  });

  it('listens to named SSE events with the token in the query string, and closes after the last listener', () => {
    const transport = createWebTransport({
      token: 'a b',
      fetch: vi.fn(),
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const got: [string, unknown][] = [];
    const off = transport.listen((name, payload) => got.push([name, payload]));
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/events?token=a%20b');
    es.fire('job:updated', '{"id":"j1"}');
    es.fire('job:updated', 'not json');
    expect(got).toEqual([['job:updated', { id: 'j1' }]]);
    off();
    expect(es.closed).toBe(true);
  });
});

describe('web uploader', () => {
  it('sends the raw file with its name and the token, and returns the stored path', async () => {
    const fetch = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve(jsonResponse({ result: { path: '/tmp/u/export v2.zip' } })),
    );
    const upload = createWebUploader({ token: 't', fetch: fetch as unknown as typeof globalThis.fetch });
    const file = new File(['PK'], 'export v2.zip');
    await expect(upload(file)).resolves.toBe('/tmp/u/export v2.zip');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/upload?name=export%20v2.zip');
    expect(init.body).toBe(file);
    expect(init.headers).toMatchObject({ 'x-ferry-token': 't' });
  });

  it('surfaces the server error envelope', async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(jsonResponse({ error: { code: 'io', message: 'Disk full.' } }, 500)),
    );
    const upload = createWebUploader({ token: 't', fetch });
    await expect(upload(new File(['x'], 'a.zip'))).rejects.toMatchObject({
      code: 'io',
      message: 'Disk full.',
    });
  });
});
