/**
 * Bytes per second over a sliding window (default 5 s): recent enough to show a dropped connection, long enough not to
 * jump with every part. Null until two samples are a moment apart.
 */
export class RateMeter {
  private readonly samples: { at: number; bytes: number }[] = [];
  private total = 0;

  constructor(
    private readonly windowMs = 5_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  add(bytes: number): void {
    this.total += bytes;
    const at = this.clock();
    this.samples.push({ at, bytes: this.total });
    while (this.samples.length > 2 && at - this.samples[1].at > this.windowMs) this.samples.shift();
  }

  rate(): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.at - first.at) / 1000;
    return seconds > 0.05 ? (last.bytes - first.bytes) / seconds : null;
  }
}
