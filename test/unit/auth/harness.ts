// Test doubles for the auth core: an in-memory SecretStorage (shared between "windows"), a clock
// whose "now" can jump ahead while timers stay real, and a user interface that plays the browser
// against the real dev server (test/support/devServer.ts) and delivers the redirect the way the
// chosen route would (loopback: an HTTP GET to our listener; UriHandler: the URI handed to the router).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { AuthCore, type AuthCoreOptions } from '../../../src/auth/authCore';
import type { Clock } from '../../../src/auth/clock';
import { Emitter, type Disposable } from '../../../src/auth/events';
import type { SecretStore } from '../../../src/auth/secretStore';
import type { SignInUi } from '../../../src/auth/signInFlow';
import type { AuthSettings } from '../../../src/auth/site';
import { createLog, MemoryLogSink } from '../../../src/util/log';
import { browseToRedirect, devClient, type DevServer } from '../../support/devServer';

export const EXTENSION_CALLBACK = 'vscode://panopto-community.vscode-panopto/did-authenticate';

/** Every line any core logged during the suite, for the secret scan. */
export const suiteLog = new MemoryLogSink();
export const log = createLog(suiteLog);

/** Every token, code and client secret the suite handled, for the same scan. */
export const observedSecrets = new Set<string>();

function observe(value: unknown): void {
  if (typeof value === 'string' && value.length >= 8) {
    observedSecrets.add(value);
  }
}

// After the whole run: nothing any core logged contains a token, code or secret it handled.
if (typeof after === 'function') {
  after('auth: the log of the whole suite contains no token, code or secret', () => {
    if (suiteLog.lines.length === 0) {
      return; // no auth test ran (e.g. a filtered run of other suites)
    }
    assert.ok(observedSecrets.size > 0, 'the scan saw the secrets it checks for');
    const leaks = suiteLog.lines.filter((line) => [...observedSecrets].some((secret) => line.includes(secret)));
    assert.deepEqual(leaks, [], 'log lines containing a secret');
  });
}

/** SecretStorage in memory; counts calls so the bench can show warm getSession reads nothing. */
export class MemorySecretStore implements SecretStore {
  readonly data = new Map<string, string>();
  reads = 0;
  writes = 0;
  deletes = 0;
  private readonly changes = new Emitter<{ key: string }>();
  async get(key: string): Promise<string | undefined> {
    this.reads++;
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.writes++;
    if (key.startsWith('panopto.clientSecret')) {
      observe(value);
    } else {
      try {
        const parsed = JSON.parse(value) as Record<string, unknown>;
        observe(parsed.accessToken);
        observe(parsed.refreshToken);
      } catch {
        // not JSON (a test writing a corrupt entry)
      }
    }
    this.data.set(key, value);
    queueMicrotask(() => this.changes.fire({ key }));
  }
  async delete(key: string): Promise<void> {
    this.deletes++;
    if (this.data.delete(key)) {
      queueMicrotask(() => this.changes.fire({ key }));
    }
  }
  onDidChange(listener: (e: { key: string }) => void): Disposable {
    return this.changes.event(listener);
  }
}

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

/** A port that was free a moment ago (for a loopback redirect URI registered on the dev server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type BrowserAction = { kind: 'signIn'; user: string } | { kind: 'deny' } | { kind: 'none' }; // opens nothing (the test delivers or cancels itself)

/** Plays the user's browser: signs in on the dev server and delivers the final redirect. */
export class FakeBrowser implements SignInUi {
  action: BrowserAction = { kind: 'signIn', user: 'ada' };
  /** Redirect URLs delivered before the real one (e.g. a forged state). */
  before: ((realRedirect: string) => string)[] = [];
  openedUrls: string[] = [];
  deliveries: Promise<void>[] = [];
  /** What the loopback listener answered, per delivery. */
  loopbackStatuses: number[] = [];
  core?: AuthCore;
  /** Set to enable the paste-the-URL route. */
  askForRedirectUrl?: (authorizeUrl: string, signal: AbortSignal, reason?: string) => Promise<string | undefined>;

  async openUrl(url: string): Promise<boolean> {
    this.openedUrls.push(url);
    if (this.action.kind === 'none') {
      return true;
    }
    const action = this.action;
    const delivery = (async () => {
      const redirect = await browseToRedirect(url, action.kind === 'signIn' ? action.user : 'ada', { deny: action.kind === 'deny' });
      for (const forge of this.before) {
        await this.deliver(forge(redirect));
      }
      await this.deliver(redirect);
    })();
    delivery.catch(() => undefined);
    this.deliveries.push(delivery);
    return true;
  }

  async externalUri(uri: string): Promise<string> {
    return uri;
  }

  /** Delivers a redirect URL the way its route would. */
  async deliver(redirect: string): Promise<void> {
    const url = new URL(redirect);
    observe(url.searchParams.get('code'));
    if (url.protocol === 'http:') {
      // A browser falls back from ::1 to 127.0.0.1 for "localhost"; Node's fetch may not.
      url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
      const response = await fetch(url);
      await response.text();
      this.loopbackStatuses.push(response.status);
      return;
    }
    if (!this.core) {
      throw new Error('FakeBrowser.core is not set');
    }
    this.core.router.handleUri({ path: url.pathname, query: url.search.slice(1) });
  }
}

export interface CoreSetup {
  server: DevServer;
  secrets?: MemorySecretStore;
  clock?: OffsetClock;
  browser?: FakeBrowser;
  settings?: Partial<AuthSettings>;
  options?: Partial<AuthCoreOptions>;
  /** Store the dev client's secret first (default true). */
  storeClientSecret?: boolean;
}

export interface TestCore {
  core: AuthCore;
  secrets: MemorySecretStore;
  clock: OffsetClock;
  browser: FakeBrowser;
  settings: AuthSettings;
  grantLost: string[];
}

export async function makeCore(setup: CoreSetup): Promise<TestCore> {
  const secrets = setup.secrets ?? new MemorySecretStore();
  const clock = setup.clock ?? new OffsetClock();
  const browser = setup.browser ?? new FakeBrowser();
  const settings: AuthSettings = {
    serverUrl: setup.server.baseUrl,
    clientId: devClient.clientId,
    redirectUri: devClient.redirectUris[1],
    scopes: ['openid', 'api', 'offline_access'],
    usePkce: false,
    ...setup.settings,
  };
  const grantLost: string[] = [];
  const core = new AuthCore({
    secrets,
    log,
    clock,
    ui: browser,
    settings: () => settings,
    onGrantLost: (account) => grantLost.push(account.label),
    refresher: { leaseSettleMs: 50, pollMs: 50, retryDelaysMs: [50, 100] },
    ...setup.options,
  });
  browser.core = core;
  if (setup.storeClientSecret ?? true) {
    const { resolveSite } = await import('../../../src/auth/site');
    await core.clientSecrets.set(resolveSite(settings), devClient.clientSecret);
  }
  return { core, secrets, clock, browser, settings, grantLost };
}

/** Waits for the next event matching `predicate`, or fails after `ms`. */
export function nextChange<T>(subscribe: (listener: (e: T) => void) => Disposable, predicate: (e: T) => boolean, ms = 15000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching event within ${ms} ms`));
    }, ms);
    const sub = subscribe((e) => {
      if (predicate(e)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(e);
      }
    });
  });
}
