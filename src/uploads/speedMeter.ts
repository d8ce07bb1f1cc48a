// Throughput over the last few seconds (a sliding window, so a stall shows as a falling rate) and
// the time left at that rate, for the Uploads view's description.
const WINDOW_MS = 5_000;

export class SpeedMeter {
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  sample(bytes: number): void {
    const at = this.now();
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0].at > WINDOW_MS) this.samples.shift();
  }

  /** Bytes per second and seconds left for `remaining` bytes; the time is absent until a rate is known. */
  estimate(remaining: number): { bytesPerSecond: number; secondsLeft?: number } {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 250) return { bytesPerSecond: 0 };
    const bytesPerSecond = Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
    return bytesPerSecond > 0 ? { bytesPerSecond, secondsLeft: Math.ceil(remaining / bytesPerSecond) } : { bytesPerSecond: 0 };
  }
}
