// The one way this extension waits. Real timers by default (retries, the uploader's polling); the
// auth core passes its injected Clock (src/auth/clock.ts), whose timers tests can replace and which
// never keeps a process alive.
import { abortReason } from './cancellation';

/** Something that runs a callback later; src/auth/clock.ts's Clock is one. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): { dispose(): void };
}

export const realTimers: Timers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    return { dispose: () => clearTimeout(handle) };
  },
};

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal, timers: Timers = realTimers): Promise<void> {
  if (!signal) {
    return new Promise((resolve) => timers.setTimeout(() => resolve(), ms));
  }
  if (signal.aborted) {
    return Promise.reject(abortReason(signal));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      timer.dispose();
      reject(abortReason(signal));
    };
    const timer = timers.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
