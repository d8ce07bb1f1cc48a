// Auth cores for the reliability cases: the auth harness's core (in-memory SecretStorage, the fake
// browser against the real dev server) with the wire tap as its fetch, plus small helpers to start a
// sign-in that waits, deliver a crafted redirect, and read what storage holds.
import { makeCore, type CoreSetup, type TestCore } from '../../support/authHarness';
import { sessionKey } from '../../../src/auth/tokenStore';
import type { AuthSession } from '../../../src/auth/authSession';
import { tappedFetch } from './wiretap';

export { EXTENSION_CALLBACK, freePort, suiteLog, MemorySecretStore, FakeBrowser, OffsetClock, nextChange } from '../../support/authHarness';
export type { TestCore } from '../../support/authHarness';

/** Every core made here, disposed by disposeCores() (call it in afterEach). */
const made: TestCore[] = [];

export async function reliableCore(setup: CoreSetup): Promise<TestCore> {
  const t = await makeCore({ ...setup, options: { oauth: { fetch: tappedFetch }, ...setup.options } });
  made.push(t);
  return t;
}

export function disposeCores(): void {
  made.splice(0).forEach((t) => t.core.dispose());
}

/** Session entries in the core's SecretStorage (the index and leases are not sessions). */
export function storedSessions(
  t: Pick<TestCore, 'secrets'>,
): { key: string; accessToken?: string; refreshToken?: string; expiresAt?: number }[] {
  return [...t.secrets.data]
    .filter(([key]) => key.startsWith(sessionKey('')))
    .map(([key, value]) => ({ key, ...(JSON.parse(value) as { accessToken?: string; refreshToken?: string; expiresAt?: number }) }));
}

export interface WaitingSignIn {
  pending: Promise<AuthSession>;
  authorizeUrl: string;
  state: string;
}

/** Starts a sign-in whose browser opens nothing; resolves once the authorize URL was "opened". */
export async function startWaitingSignIn(t: TestCore, scopes: readonly string[] = [], signal?: AbortSignal): Promise<WaitingSignIn> {
  t.browser.action = { kind: 'none' };
  const before = t.browser.openedUrls.length;
  const pending = t.core.createSession(scopes, { signal });
  pending.catch(() => undefined); // observed by the case
  for (let i = 0; t.browser.openedUrls.length === before; i++) {
    if (i > 2000) throw new Error('the sign-in never opened the browser');
    await Promise.race([
      new Promise((r) => setTimeout(r, 5)),
      pending.then(
        () => undefined,
        () => undefined,
      ),
    ]);
  }
  const authorizeUrl = t.browser.openedUrls[before];
  return { pending, authorizeUrl, state: new URL(authorizeUrl).searchParams.get('state') ?? '' };
}

/** A GET to the loopback listener like a browser's; the status, or 'refused' when nothing listens. */
export async function getLoopback(url: string, init: RequestInit = {}): Promise<number | 'refused'> {
  const target = new URL(url);
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  try {
    const response = await fetch(target, init);
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return 'refused';
    throw error;
  }
}

/** `redirect` with its query replaced by `query` (a raw string, sent as is). */
export function withQuery(redirect: string, query: string): string {
  return `${redirect.split(/[?#]/)[0]}?${query}`;
}
