// The auth core under test: a core over the in-memory SecretStorage (shared between "windows"),
// and a user interface that plays the browser against the real dev server (test/support/devServer.ts)
// and delivers the redirect the way the chosen route would (loopback: an HTTP GET to our listener;
// UriHandler: the URI handed to the router).
import { createServer } from 'node:net';
import { AuthCore, type AuthCoreOptions } from '../../src/auth/authCore';
import { createOAuthClient } from '../../src/auth/oauthClient';
import { Refresher } from '../../src/auth/refresher';
import { createSessionSignIn } from '../../src/auth/sessionSignIn';
import type { Disposable } from '../../src/auth/events';
import type { SignInUi } from '../../src/auth/signInFlow';
import type { AuthSettings } from '../../src/auth/site';
import { browseToRedirect, devClient, type DevServer } from './devServer';
import { MemorySecretStore } from './memorySecretStore';
import { OffsetClock } from './offsetClock';
import { log, observe } from './secretScan';

export { MemorySecretStore } from './memorySecretStore';
export { OffsetClock } from './offsetClock';
export { log, suiteLog, observedSecrets } from './secretScan';

export const EXTENSION_CALLBACK = 'vscode://panopto-community.vscode-panopto/did-authenticate';

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
  /** Set to answer the question asked before a sign-in (workspace-provided settings). */
  beforeSignIn?: () => Promise<boolean>;
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
    makeSignIn: createSessionSignIn,
    makeOAuthClient: createOAuthClient,
    makeRefresher: (options) => new Refresher(options),
    ...setup.options,
  });
  browser.core = core;
  if (setup.storeClientSecret ?? true) {
    const { resolveSite } = await import('../../src/auth/site');
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
