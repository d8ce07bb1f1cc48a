// Recording details for hovers: answers are kept for a short time (a hover is repeated as the mouse
// moves), and concurrent requests for one id share one request. A caller's cancellation stops its
// wait, not the shared request, unless every waiter has gone. Failures are not cached. Pure.

export type Fetch<T> = (id: string, signal: AbortSignal) => Promise<T>;

interface Entry<T> {
  value?: T;
  expires?: number;
  pending?: Promise<T>;
  controller?: AbortController;
  waiters: number;
}

export class DetailsCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly fetch: Fetch<T>,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const key = id.toLowerCase();
    let entry = this.entries.get(key);
    if (entry?.value !== undefined && (entry.expires ?? 0) > this.now()) return entry.value;
    if (!entry?.pending) {
      const controller = new AbortController();
      const pending = this.fetch(key, controller.signal);
      entry = { pending, controller, waiters: 0 };
      const started = entry;
      this.entries.set(key, started);
      pending.then(
        (value) => {
          if (this.entries.get(key) === started) this.entries.set(key, { value, expires: this.now() + this.ttlMs, waiters: 0 });
        },
        () => {
          if (this.entries.get(key) === started) this.entries.delete(key);
        },
      );
    }
    return this.wait(entry, signal);
  }

  /** Forgets everything (e.g. after a sign-out or a change of site). */
  clear(): void {
    for (const entry of this.entries.values()) entry.controller?.abort();
    this.entries.clear();
  }

  private wait(entry: Entry<T>, signal?: AbortSignal): Promise<T> {
    const pending = entry.pending!;
    entry.waiters++;
    if (!signal) return pending.finally(() => entry.waiters--);
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        entry.waiters--;
      };
      const onAbort = () => {
        leave();
        if (entry.waiters === 0) entry.controller?.abort(signal.reason);
        reject(signal.reason instanceof Error ? signal.reason : new Error('Cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
