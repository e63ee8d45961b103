import { describe, expect, it } from 'vitest';
import { FerryError, toErrorShape } from './errors';

describe('toErrorShape', () => {
  it('keeps the code and message of an expected error', () => {
    const shape = toErrorShape(new FerryError('not-a-zip', 'x.zip is not a zip file'));
    expect(shape).toEqual({ code: 'not-a-zip', message: 'x.zip is not a zip file' });
  });

  it('reports anything else as internal, with its message', () => {
    expect(toErrorShape(new TypeError('boom'))).toEqual({ code: 'internal', message: 'Unexpected error: boom' });
  });

  it('reports an abort as cancelled', () => {
    const abort = new DOMException('The operation was aborted', 'AbortError');
    expect(toErrorShape(abort).code).toBe('cancelled');
  });
});
