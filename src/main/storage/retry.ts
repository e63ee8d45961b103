import { isTransient } from './s3-errors';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  signal?: AbortSignal;
  transient?: (error: unknown) => boolean;
  /** Called before each wait (for logs and tests). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  random?: () => number;
}

export const defaultRetry: RetryOptions = { attempts: 6, baseDelayMs: 300, maxDelayMs: 10_000 };

/**
 * Runs `work` until it succeeds, it fails with a non-transient error, or the attempts run out. Waits grow
 * exponentially with full jitter (a random wait up to base * 2^n, capped), so parallel parts that failed together do
 * not come back together.
 */
export async function withRetry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const transient = options.transient ?? isTransient;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !transient(error) || options.signal?.aborted) throw error;
      const delay = Math.round(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1)));
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
