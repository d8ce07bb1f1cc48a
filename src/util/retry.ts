// Bounded exponential backoff with "full jitter", honouring a server's Retry-After.
// Shared by the REST client and the uploader, so every retry in the extension behaves alike:
// a bounded number of attempts, delays that spread out clients hitting the same server, and
// never a wait longer than the caller allows (a tree must not hang for minutes).
import { sleep, type Timers } from './sleep';

export interface RetryPolicy {
  /** Retries after the first attempt (so at most maxRetries + 1 requests). */
  maxRetries: number;
  /** The backoff ceiling for the first retry; it doubles each retry. */
  baseDelayMs: number;
  /** No computed backoff exceeds this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the caller gives up instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
});

export function retryPolicy(overrides?: Partial<RetryPolicy>): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/**
 * How long to wait before retry number `retryIndex` (0 = the first retry).
 * Full jitter (a uniform draw in [0, min(max, base·2^n)]) avoids synchronized retries; when the
 * server sent Retry-After we wait at least that long. Returns undefined when the server asks for
 * longer than the policy allows, which means: do not retry.
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  retryIndex: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
    return undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Parses an HTTP Retry-After value (delay-seconds or an HTTP date) into milliseconds from `now`.
 * Anything unparseable is treated as absent.
 */
export function parseRetryAfter(value: string | string[] | undefined | null, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null) {
    return undefined;
  }
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}

/** Statuses worth retrying after a pause: rate limiting and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

export interface RetryDecision {
  retry: boolean;
  /** Milliseconds the server asked us to wait, if it said. */
  retryAfterMs?: number;
}

/**
 * Runs `attempt` until it succeeds, `decide` says an error is final, or the policy runs out.
 * `decide` sees each failure and says whether it is worth another try. The last error is rethrown.
 */
export async function withRetry<T>(
  attempt: (attemptIndex: number) => Promise<T>,
  decide: (error: unknown, attemptIndex: number) => RetryDecision,
  options: {
    policy?: Partial<RetryPolicy>;
    signal?: AbortSignal;
    onRetry?: (error: unknown, delayMs: number, attemptIndex: number) => void;
    /** The wait before retry `retryIndex` (undefined = give up); backoffDelayMs under the policy by default. */
    delayMs?: (retryIndex: number, retryAfterMs: number | undefined) => number | undefined;
    /** Where the waits run (e.g. the auth core's Clock); real timers by default. */
    timers?: Timers;
  } = {},
): Promise<T> {
  const policy = retryPolicy(options.policy);
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (error) {
      if (index >= policy.maxRetries || options.signal?.aborted) {
        throw error;
      }
      const decision = decide(error, index);
      if (!decision.retry) {
        throw error;
      }
      const delay = options.delayMs ? options.delayMs(index, decision.retryAfterMs) : backoffDelayMs(policy, index, decision.retryAfterMs);
      if (delay === undefined) {
        throw error;
      }
      options.onRetry?.(error, delay, index);
      await sleep(delay, options.signal, options.timers);
    }
  }
}
