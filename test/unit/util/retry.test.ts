// The backoff helper shared by the REST client and the uploader.
import assert from 'node:assert/strict';
import { backoffDelayMs, parseRetryAfter, retryPolicy, withRetry } from '../../../src/util/retry';

describe('retry helper', () => {
  const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, maxRetries: 3 });

  it('grows the backoff ceiling exponentially up to the maximum, jittered below it', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 8].map((n) => backoffDelayMs(policy, n, undefined, () => 0.999)),
      [99, 199, 399, 799, 999, 999],
    );
    assert.equal(
      backoffDelayMs(policy, 3, undefined, () => 0),
      0,
    );
  });

  it('waits at least Retry-After, and refuses a Retry-After beyond the policy', () => {
    assert.equal(
      backoffDelayMs(policy, 0, 2000, () => 0.5),
      2000,
    );
    assert.equal(
      backoffDelayMs(policy, 0, 6000, () => 0.5),
      undefined,
    );
  });

  it('parses Retry-After as seconds or an HTTP date, ignoring junk', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(['0']), 0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  it('retries only what the decision allows, at most maxRetries times', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw new Error('busy');
        },
        () => ({ retry: true }),
        { policy: { ...policy, baseDelayMs: 1, maxDelayMs: 1 } },
      ),
      /busy/,
    );
    assert.equal(calls, 4);
    calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw new Error('final');
        },
        () => ({ retry: false }),
      ),
      /final/,
    );
    assert.equal(calls, 1);
    calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 3) throw new Error('x');
        return 'ok';
      },
      () => ({ retry: true }),
      { policy: { baseDelayMs: 1 } },
    );
    assert.equal(value, 'ok');
  });
});
