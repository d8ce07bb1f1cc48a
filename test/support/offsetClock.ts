import type { Clock } from '../../src/auth/clock';

/** Real timers; `now()` can be moved ahead to reach an expiry without waiting. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimeout(callback: () => void, ms: number) {
    const handle = setTimeout(callback, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    handle.unref();
    return { dispose: () => clearTimeout(handle) };
  }
}
