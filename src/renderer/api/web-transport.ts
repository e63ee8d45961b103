import { z } from 'zod';
import { eventNames, type MethodName } from '../../shared/api/contract';
import { webRoutes } from '../../shared/api/bridge';
import type { Transport } from '../../shared/api/client';
import { envelopeSchema } from '../../shared/api/envelope';
import { FerryError, type ErrorShape } from '../../shared/errors';
import { t } from '../i18n';

/** What the browser gives us, passed in so tests can substitute their own. */
export interface WebTransportOptions {
  token: string | null;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

function errorEnvelope(error: ErrorShape): { error: ErrorShape } {
  return { error };
}

function codeForStatus(status: number): ErrorShape['code'] {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'internal';
}

/**
 * Reads a response as a call envelope whatever its HTTP status: the server sends typed errors with 4xx/5xx
 * codes, and those carry the message the user needs. A body that is not an envelope (a proxy page, a crash)
 * becomes an error envelope, so callers only ever see `{result}` or `{error}`.
 */
export async function readEnvelope(response: Response): Promise<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  if (envelopeSchema.safeParse(body).success) return body;
  return errorEnvelope({
    code: codeForStatus(response.status),
    message: t.transport.unreadable(response.status, response.statusText),
  });
}

/**
 * Browser-mode transport: one POST per call with the session token in a header, and one EventSource for all
 * backend events (EventSource cannot set headers, so the token goes in its query string). The EventSource is
 * opened on the first listener and closed after the last; it reconnects by itself if the connection drops.
 */
export function createWebTransport(options: WebTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const token = options.token ?? '';
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | null = null;

  function openEvents(): EventSource {
    const es = new EventSourceImpl(`${webRoutes.events}?token=${encodeURIComponent(token)}`);
    for (const name of eventNames) {
      es.addEventListener(name, (event: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(event.data);
        } catch {
          return; // A torn or foreign message; the next update for the same job supersedes it.
        }
        for (const listener of [...listeners]) listener(name, payload);
      });
    }
    return es;
  }

  return {
    async invoke(method: MethodName, input: unknown) {
      let response: Response;
      try {
        response = await doFetch(webRoutes.call(method), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [webRoutes.tokenHeader]: token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return errorEnvelope({ code: 'io', message: t.transport.unreachable });
      }
      return readEnvelope(response);
    },
    listen(listener) {
      listeners.add(listener);
      source ??= openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** Sends a file to the backend and resolves with the path it was stored at on the backend's machine. */
export type Uploader = (file: File, options?: { signal?: AbortSignal }) => Promise<string>;

const uploadResultSchema = z.object({ path: z.string().min(1) });

/**
 * Browser-mode upload: the raw file as the request body (no multipart), its name in the query string. The
 * server is on 127.0.0.1, so even large packages go fast enough that byte-level progress is not worth an XHR.
 */
export function createWebUploader(options: Pick<WebTransportOptions, 'token' | 'fetch'>): Uploader {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async (file, { signal } = {}) => {
    let response: Response;
    try {
      response = await doFetch(`${webRoutes.upload}?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', [webRoutes.tokenHeader]: options.token ?? '' },
        body: file,
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw new FerryError('cancelled', t.transport.uploadCancelled);
      throw new FerryError('io', t.transport.unreachable, { cause: String(error) });
    }
    const envelope = envelopeSchema.parse(await readEnvelope(response));
    if ('error' in envelope) throw FerryError.fromShape(envelope.error);
    const result = uploadResultSchema.safeParse(envelope.result);
    if (!result.success) throw new FerryError('internal', t.transport.noUploadPath);
    return result.data.path;
  };
}
