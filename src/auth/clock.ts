// Time as the auth core sees it. Injected so tests can move "now" (to reach a token's expiry
// without waiting an hour) while timers still run on real time.

export interface TimerHandle {
  dispose(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` after `ms` milliseconds unless disposed first. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
}

// setTimeout overflows past 2^31-1 ms (about 24.8 days) and fires at once; cap long waits and
// let the caller re-check when the capped timer fires.
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
    // A pending refresh timer must never keep a process (a test, a CLI) alive.
    handle.unref?.();
    return { dispose: () => clearTimeout(handle) };
  },
};

/** Real timers; `now()` can be moved ahead to reach an expiry without waiting (the bench, the tests). */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    return systemClock.setTimeout(callback, ms);
  }
}
