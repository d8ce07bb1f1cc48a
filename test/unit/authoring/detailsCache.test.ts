// The hover's details cache (src/authoring/detailsCache.ts) and the link checker's limiter
// (src/authoring/limiter.ts): shared requests, expiry, cancellation, at most N in flight.
import assert from 'node:assert/strict';
import { DetailsCache } from '../../../src/authoring/detailsCache';
import { createLimiter } from '../../../src/authoring/limiter';

interface Call {
  id: string;
  signal: AbortSignal;
  resolve(value: string): void;
  reject(error: Error): void;
}

function controllable(): { calls: Call[]; fetch: (id: string, signal: AbortSignal) => Promise<string> } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: (id, signal) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ id, signal, resolve, reject });
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      }),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('hover details cache', () => {
  it('shares one request between concurrent callers for an id (any case)', async () => {
    const { calls, fetch } = controllable();
    const cache = new DetailsCache(fetch, 1000);
    const a = cache.get('ABC');
    const b = cache.get('abc');
    assert.equal(calls.length, 1);
    calls[0].resolve('details');
    assert.deepEqual(await Promise.all([a, b]), ['details', 'details']);
  });

  it('answers from the cache until the time to live has passed', async () => {
    let now = 0;
    const { calls, fetch } = controllable();
    const cache = new DetailsCache(fetch, 1000, () => now);
    const first = cache.get('a');
    calls[0].resolve('one');
    assert.equal(await first, 'one');
    assert.equal(await cache.get('a'), 'one');
    assert.equal(calls.length, 1);
    now = 1001;
    const second = cache.get('a');
    assert.equal(calls.length, 2);
    calls[1].resolve('two');
    assert.equal(await second, 'two');
  });

  it('does not keep failures', async () => {
    const { calls, fetch } = controllable();
    const cache = new DetailsCache(fetch, 1000);
    const first = cache.get('a');
    calls[0].reject(new Error('HTTP 500'));
    await assert.rejects(first, /HTTP 500/);
    await tick();
    void cache.get('a').catch(() => undefined);
    assert.equal(calls.length, 2);
  });

  it('a cancelled caller stops waiting; the request is aborted only when nobody waits', async () => {
    const { calls, fetch } = controllable();
    const cache = new DetailsCache(fetch, 1000);
    const one = new AbortController();
    const two = new AbortController();
    const a = cache.get('a', one.signal);
    const b = cache.get('a', two.signal);
    one.abort(new Error('first hover gone'));
    await assert.rejects(a, /first hover gone/);
    assert.equal(calls[0].signal.aborted, false, 'the other hover still waits');
    two.abort(new Error('second hover gone'));
    await assert.rejects(b, /second hover gone/);
    assert.equal(calls[0].signal.aborted, true);
  });

  it('rejects at once for an already cancelled signal, without a request', async () => {
    const { calls, fetch } = controllable();
    const cache = new DetailsCache(fetch, 1000);
    await assert.rejects(cache.get('a', AbortSignal.abort(new Error('gone'))), /gone/);
    assert.equal(calls.length, 0);
  });
});

describe('limiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = createLimiter(8);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limit(async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    assert.equal(most, 8);
    assert.deepEqual(
      results,
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('a failing task frees its slot and rejects only its own promise', async () => {
    const limit = createLimiter(1);
    const failed = limit(() => Promise.reject(new Error('no')));
    const next = limit(() => Promise.resolve('yes'));
    await assert.rejects(failed, /no/);
    assert.equal(await next, 'yes');
  });
});
