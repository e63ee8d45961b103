import { describe, expect, it } from 'vitest';
import { addSample, transferRate } from './transfer-rate';

describe('transfer rate', () => {
  it('needs two samples, then gives bytes per second and seconds left', () => {
    let samples = addSample([], { at: 0, bytes: 0 });
    expect(transferRate(samples, 100)).toEqual({ bytesPerSecond: null, secondsLeft: null });
    samples = addSample(samples, { at: 2000, bytes: 20 });
    expect(transferRate(samples, 100)).toEqual({ bytesPerSecond: 10, secondsLeft: 8 });
  });

  it('keeps a sliding window and restarts when bytes go back (a new attempt)', () => {
    let samples = addSample([], { at: 0, bytes: 0 });
    samples = addSample(samples, { at: 5_000, bytes: 50 });
    samples = addSample(samples, { at: 20_000, bytes: 350 });
    expect(samples[0].at).toBe(5_000);
    expect(transferRate(samples, null).bytesPerSecond).toBe(20);
    expect(addSample(samples, { at: 21_000, bytes: 10 })).toEqual([{ at: 21_000, bytes: 10 }]);
  });
});
