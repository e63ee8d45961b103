import { useState } from 'react';

export interface RateSample {
  at: number;
  bytes: number;
}

/** Keeps the last `windowMs` of samples (at least two), adding `next`; restarts when bytes go backwards. */
export function addSample(samples: RateSample[], next: RateSample, windowMs = 10_000): RateSample[] {
  const last = samples[samples.length - 1];
  if (last && next.bytes < last.bytes) return [next];
  if (last && last.bytes === next.bytes) return samples;
  const kept = [...samples, next];
  while (kept.length > 2 && next.at - kept[0].at > windowMs) kept.shift();
  return kept;
}

/** Bytes per second over the samples and seconds left to `total`; nulls until two samples exist. */
export function transferRate(
  samples: RateSample[],
  total: number | null,
): { bytesPerSecond: number | null; secondsLeft: number | null } {
  if (samples.length < 2) return { bytesPerSecond: null, secondsLeft: null };
  const first = samples[0];
  const last = samples[samples.length - 1];
  const seconds = (last.at - first.at) / 1000;
  if (seconds <= 0) return { bytesPerSecond: null, secondsLeft: null };
  const bytesPerSecond = (last.bytes - first.bytes) / seconds;
  const secondsLeft =
    total !== null && bytesPerSecond > 0 ? Math.max(0, total - last.bytes) / bytesPerSecond : null;
  return { bytesPerSecond, secondsLeft };
}

/** The wall clock, read when a new progress value arrives (a sample, not derived render output). */
const clock = () => Date.now();

/** Rate and time left of a job's byte progress, sampled as its progress arrives (per job id). */
export function useTransferRate(jobId: string | null, done: number, total: number | null) {
  const [track, setTrack] = useState<{ jobId: string | null; done: number; samples: RateSample[] }>({
    jobId: null,
    done: -1,
    samples: [],
  });
  if (track.jobId !== jobId || track.done !== done) {
    // Adjusting state while rendering (React's documented pattern for "state derived from a changing prop").
    const base = track.jobId === jobId ? track.samples : [];
    setTrack({ jobId, done, samples: addSample(base, { at: clock(), bytes: done }) });
  }
  return transferRate(track.samples, total);
}
