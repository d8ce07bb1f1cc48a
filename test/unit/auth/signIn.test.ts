// Interactive sign-in against the dev server over real HTTP, through each redirect route.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import {
  AccessDeniedError,
  LoopbackPortBusyError,
  SignInCancelledError,
  SignInFailedError,
  SignInTimeoutError,
} from '../../../src/auth/errors';
import { chooseRoutes } from '../../../src/auth/signInRoutes';
import { browseToRedirect, startTestDevServer, devClient, type DevServer } from '../../support/devServer';
import { EXTENSION_CALLBACK, freePort, makeCore, suiteLog, type TestCore } from '../../support/authHarness';

describe('auth: interactive sign-in', () => {
  let server: DevServer;
  let port: number;
  let loopbackRedirect: string;
  const cores: TestCore[] = [];
  async function core(setup: Omit<Parameters<typeof makeCore>[0], 'server'> = {}): Promise<TestCore> {
    const t = await makeCore({ server, ...setup, settings: { redirectUri: loopbackRedirect, ...setup.settings } });
    cores.push(t);
    return t;
  }

  before(async () => {
    port = await freePort();
    loopbackRedirect = `http://127.0.0.1:${port}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [loopbackRedirect, EXTENSION_CALLBACK] });
  });
  afterEach(() => {
    server.switches.pkce = 'ignore';
    server.switches.discovery = true;
  });
  after(async () => {
    cores.forEach((c) => c.core.dispose());
    await server.close();
  });

  it('signs in through the loopback listener; the session holds only id, token, account and the scopes asked', async () => {
    const t = await core();
    const session = await t.core.createSession(['openid', 'api']);
    assert.equal(session.account.label, 'Ada Lovelace');
    assert.deepEqual(session.scopes, ['openid', 'api']);
    assert.deepEqual(Object.keys(session).sort(), ['accessToken', 'account', 'id', 'scopes']);
    assert.equal((await server.principalFor(session.accessToken))?.userName, 'ada');
    const authorize = new URL(t.browser.openedUrls[0]);
    assert.equal(authorize.searchParams.get('redirect_uri'), loopbackRedirect);
    assert.ok(authorize.searchParams.get('state'), 'state is sent');
    assert.ok(authorize.searchParams.get('nonce'), 'nonce is sent');
    // The union of the requested scopes and panopto.scopes was asked for.
    assert.deepEqual(authorize.searchParams.get('scope')?.split(' ').sort(), ['api', 'offline_access', 'openid']);
    // getSessions matches by inclusion and answers with the scopes asked.
    const sessions = await t.core.getSessions(['api']);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].accessToken, session.accessToken);
    assert.deepEqual(sessions[0].scopes, ['api']);
    assert.equal((await t.core.getSessions([])).length, 1, 'empty scopes = the default scopes');
    assert.equal((await t.core.getSessions(['email'])).length, 0, 'a scope never granted matches nothing');
  });

  it('reports the added session with the scopes in the order they were asked, so VS Code clears its "Sign in to use" request', async () => {
    const t = await core();
    const added: string[][] = [];
    const sub = t.core.onDidChangeSessions((e) => e.added.forEach((s) => added.push([...s.scopes])));
    // The quiet request at activation asks for panopto.scopes in their configured (unsorted) order.
    await t.core.createSession(['openid', 'api', 'offline_access']);
    sub.dispose();
    assert.deepEqual(added, [['openid', 'api', 'offline_access']]);
  });

  it('listens on 127.0.0.1:9127 for the registered http://localhost:9127/redirect and stops listening afterwards', async function () {
    // The fixed port of Panopto's samples; a running demo or e2e sign-in may hold it right now.
    if (!(await portIsFree(9127))) {
      this.skip();
    }
    const t = await core({ settings: { redirectUri: devClient.redirectUris[0] } });
    t.browser.action = { kind: 'signIn', user: 'grace' };
    const session = await t.core.createSession([]);
    assert.equal(session.account.label, 'Grace Hopper');
    assert.equal(new URL(t.browser.openedUrls[0]).searchParams.get('redirect_uri'), 'http://localhost:9127/redirect');
    await assertPortFree(9127);
  });

  it('signs in through the UriHandler route (/did-authenticate)', async () => {
    const t = await core({ settings: { redirectUri: EXTENSION_CALLBACK } });
    const session = await t.core.createSession(['api']);
    assert.equal(session.account.label, 'Ada Lovelace');
    assert.equal(new URL(t.browser.openedUrls[0]).searchParams.get('redirect_uri'), EXTENSION_CALLBACK);
    assert.equal((await server.principalFor(session.accessToken))?.userName, 'ada');
  });

  it('ignores a redirect with an unknown state (loopback) and still finishes with the real one', async () => {
    const t = await core();
    t.browser.before = [(real) => withState(real, 'forged-state-value')];
    const session = await t.core.createSession([]);
    assert.equal(session.account.label, 'Ada Lovelace');
    // The listener answers the real redirect once the code exchange is done, so the page may arrive just after.
    await Promise.all(t.browser.deliveries);
    assert.deepEqual(t.browser.loopbackStatuses, [400, 200], 'the forged redirect got the "not expected" page');
    assert.ok(suiteLog.lines.some((l) => l.includes('state matches no waiting sign-in (via loopback)')));
  });

  it('ignores a redirect with an unknown state (UriHandler) and still finishes with the real one', async () => {
    const t = await core({ settings: { redirectUri: EXTENSION_CALLBACK } });
    t.browser.before = [(real) => withState(real, 'forged-state-value')];
    const session = await t.core.createSession([]);
    assert.equal(session.account.label, 'Ada Lovelace');
    assert.ok(suiteLog.lines.some((l) => l.includes('state matches no waiting sign-in (via uriHandler)')));
  });

  it('reports access_denied clearly and stores nothing', async () => {
    const t = await core();
    t.browser.action = { kind: 'deny' };
    await assert.rejects(t.core.createSession([]), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedError);
      assert.match(error.message, /did not allow the sign-in/);
      return true;
    });
    assert.equal((await t.core.getSessions()).length, 0);
    await assertPortFree(port);
  });

  it('ends with SignInCancelledError when cancelled, and frees the port', async () => {
    const t = await core();
    t.browser.action = { kind: 'none' };
    const abort = new AbortController();
    const pending = t.core.createSession([], { signal: abort.signal });
    while (t.browser.openedUrls.length === 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    abort.abort();
    await assert.rejects(pending, SignInCancelledError);
    await assertPortFree(port);
  });

  it('ends a waiting sign-in when the core is disposed (window closing), and frees the port', async () => {
    const t = await core();
    t.browser.action = { kind: 'none' };
    const pending = t.core.createSession([]);
    while (t.browser.openedUrls.length === 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    t.core.dispose();
    await assert.rejects(pending, SignInCancelledError);
    await assertPortFree(port);
  });

  it('times out when no redirect comes', async () => {
    const t = await core({ options: { signInTimeoutMs: 300 } });
    t.browser.action = { kind: 'none' };
    await assert.rejects(t.core.createSession([]), SignInTimeoutError);
    await assertPortFree(port);
  });

  it('sends PKCE when panopto.usePkce is on, and a server verifying it accepts the sign-in', async () => {
    server.switches.pkce = 'verify';
    const t = await core({ settings: { usePkce: true } });
    await t.core.createSession([]);
    const authorize = new URL(t.browser.openedUrls[0]);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('code_challenge'));
  });

  it('sends no PKCE when panopto.usePkce is off, so a site rejecting PKCE accepts the sign-in', async () => {
    server.switches.pkce = 'reject';
    const t = await core({ settings: { usePkce: false } });
    const session = await t.core.createSession([]);
    assert.equal(new URL(t.browser.openedUrls[0]).searchParams.get('code_challenge'), null);
    assert.ok(await server.principalFor(session.accessToken));
  });

  it('(control) the same PKCE-rejecting site refuses a sign-in with PKCE', async () => {
    server.switches.pkce = 'reject';
    const t = await core({ settings: { usePkce: true } });
    await assert.rejects(t.core.createSession([]), SignInFailedError);
  });

  it("falls back to Panopto's fixed paths when the site serves no discovery document", async () => {
    server.switches.discovery = false;
    const t = await core();
    const session = await t.core.createSession([]);
    assert.equal(session.account.label, 'Ada Lovelace');
    assert.ok(suiteLog.lines.some((l) => l.includes("using Panopto's fixed OAuth paths")));
  });

  it('names the client secret when the site refuses the client', async () => {
    const t = await core({ storeClientSecret: false });
    await t.core.clientSecrets.set({ serverUrl: server.baseUrl, clientId: devClient.clientId }, 'wrong-secret-value');
    await assert.rejects(t.core.createSession([]), /Set Client Secret/);
  });
});

function withState(redirect: string, state: string): string {
  const url = new URL(redirect);
  url.searchParams.set('state', state);
  return url.href;
}

async function portIsFree(port: number): Promise<boolean> {
  try {
    await assertPortFree(port);
    return true;
  } catch {
    return false;
  }
}

async function assertPortFree(port: number): Promise<void> {
  const probe: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (e) => reject(new Error(`port ${port} is still in use: ${String(e)}`)));
    probe.listen(port, '127.0.0.1', () => resolve());
  });
  await new Promise<void>((r) => probe.close(() => r()));
}

describe('auth: redirect routes and fallbacks', () => {
  let server: DevServer;
  let port: number;
  let loopbackRedirect: string;
  const cores: TestCore[] = [];
  before(async () => {
    port = await freePort();
    loopbackRedirect = `http://127.0.0.1:${port}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [loopbackRedirect] });
  });
  after(async () => {
    cores.forEach((c) => c.core.dispose());
    await server.close();
  });

  it('route table: loopback only where the browser can reach it (remote: with the paste box), UriHandler otherwise, paste last or when asked', () => {
    assert.deepEqual(
      chooseRoutes('http://localhost:9127/redirect', { hostKind: 'local' }).map((r) => r.kind),
      ['loopback', 'paste'],
    );
    const remote = chooseRoutes('http://[::1]:9127/redirect', { hostKind: 'remote' });
    assert.deepEqual(
      remote.map((r) => r.kind),
      ['loopback', 'paste'],
    );
    assert.ok(remote[0].kind === 'loopback' && remote[0].withPasteBox, 'remote: the paste box is shown while listening');
    const local = chooseRoutes('http://localhost:9127/redirect', { hostKind: 'local' })[0];
    assert.ok(local.kind === 'loopback' && !local.withPasteBox, 'local: no paste box unless the port is busy');
    assert.deepEqual(
      chooseRoutes(EXTENSION_CALLBACK, { hostKind: 'web' }).map((r) => r.kind),
      ['uriHandler', 'paste'],
    );
    for (const hostKind of ['local', 'remote', 'web'] as const) {
      assert.deepEqual(
        chooseRoutes('http://localhost:9127/redirect', { hostKind, preferPaste: true }).map((r) => r.kind),
        ['paste'],
      );
      assert.deepEqual(
        chooseRoutes(EXTENSION_CALLBACK, { hostKind, preferPaste: true }).map((r) => r.kind),
        ['paste'],
      );
    }
    assert.deepEqual(
      chooseRoutes('http://localhost:9127/redirect', { hostKind: 'web' }).map((r) => r.kind),
      ['paste'],
    );
    assert.deepEqual(
      chooseRoutes(EXTENSION_CALLBACK, { hostKind: 'local' }).map((r) => r.kind),
      ['uriHandler', 'paste'],
    );
    assert.deepEqual(
      chooseRoutes('https://example.edu/redirect', { hostKind: 'remote' }).map((r) => r.kind),
      ['uriHandler', 'paste'],
    );
    const loopback = chooseRoutes('http://localhost:9127/redirect', { hostKind: 'local' })[0];
    assert.ok(loopback.kind === 'loopback' && loopback.port === 9127 && loopback.path === '/redirect');
    assert.throws(() => chooseRoutes('http://localhost/redirect', { hostKind: 'local' }), /must name a port/);
  });

  it('finishes through the pasted URL when the loopback port is busy, ignoring a pasted URL with a forged state', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      const t = await makeCore({ server, settings: { redirectUri: loopbackRedirect } });
      cores.push(t);
      t.browser.action = { kind: 'none' };
      const pasted: string[] = [];
      const reasons: (string | undefined)[] = [];
      t.browser.askForRedirectUrl = async (authorizeUrl: string, _signal: AbortSignal, reason?: string) => {
        reasons.push(reason);
        const real = await browseToRedirect(authorizeUrl, 'grace');
        const answer = pasted.length === 0 ? withState(real, 'forged-state-value') : real;
        pasted.push(answer);
        return answer;
      };
      const session = await t.core.createSession([]);
      assert.equal(session.account.label, 'Grace Hopper');
      assert.equal(pasted.length, 2, 'the forged URL was ignored and the user asked again');
      assert.match(reasons[0] ?? '', new RegExp(`Port ${port} on 127.0.0.1 is in use`), 'the user is told why');
      assert.ok(suiteLog.lines.some((l) => l.includes('state matches no waiting sign-in (via paste)')));
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('says clearly that the loopback port is busy when no other route is available', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      const t = await makeCore({ server, settings: { redirectUri: loopbackRedirect } });
      cores.push(t);
      await assert.rejects(t.core.createSession([]), (error: unknown) => {
        assert.ok(error instanceof LoopbackPortBusyError);
        assert.match(error.message, new RegExp(`Port ${port} on 127.0.0.1 is in use`));
        return true;
      });
      assert.deepEqual(t.browser.openedUrls, [], 'no browser was opened for a sign-in that cannot finish');
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
