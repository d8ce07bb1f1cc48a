// What is kept in SecretStorage and what other windows see: repair of corrupt entries, several
// accounts, windows sharing one storage (refreshing at once with rotating refresh tokens, signing
// in and out elsewhere), and sessions bound to the site they were made for.
import assert from 'node:assert/strict';
import { NotSignedInError } from '../../../src/panopto/access';
import type { SessionsChange } from '../../../src/auth/authSession';
import { INDEX_KEY, sessionKey } from '../../../src/auth/tokenStore';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, makeCore, MemorySecretStore, nextChange, suiteLog, type TestCore } from '../../support/authHarness';

const HOUR_MS = 3600 * 1000;

describe('auth: storage, other windows and sites', () => {
  let server: DevServer;
  let redirectUri: string;
  const cores: TestCore[] = [];

  async function window(
    secrets: MemorySecretStore,
    setup: Omit<Parameters<typeof makeCore>[0], 'server' | 'secrets'> = {},
  ): Promise<TestCore> {
    const t = await makeCore({ server, secrets, ...setup, settings: { redirectUri, ...setup.settings } });
    cores.push(t);
    return t;
  }

  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
  });
  afterEach(() => {
    server.switches.rotateRefreshTokens = true;
    server.switches.tokenEndpointDelayMs = 0;
    cores.splice(0).forEach((c) => c.core.dispose());
  });
  after(async () => {
    await server.close();
  });

  it('keeps several accounts and filters by account', async () => {
    const t = await window(new MemorySecretStore());
    const ada = await t.core.createSession([]);
    t.browser.action = { kind: 'signIn', user: 'grace' };
    const grace = await t.core.createSession([]);
    const all = await t.core.getSessions();
    assert.deepEqual(all.map((s) => s.account.label).sort(), ['Ada Lovelace', 'Grace Hopper']);
    const only = await t.core.getSessions([], { account: grace.account });
    assert.deepEqual(
      only.map((s) => s.id),
      [grace.id],
    );
    // The newest sign-in is the active account for the Panopto client.
    assert.equal((await server.principalFor((await t.core.getAccess()).accessToken))?.userName, 'grace');
    await t.core.setActiveAccount(ada.id);
    assert.equal((await server.principalFor((await t.core.getAccess()).accessToken))?.userName, 'ada');
  });

  it('reports a switch of the active account as its own event, not as a sessions change', async () => {
    const t = await window(new MemorySecretStore());
    const ada = await t.core.createSession([]);
    t.browser.action = { kind: 'signIn', user: 'grace' };
    await t.core.createSession([]);
    const sessionEvents: SessionsChange[] = [];
    const activeEvents: string[] = [];
    t.core.onDidChangeSessions((e) => sessionEvents.push(e));
    t.core.onDidChangeActiveAccount((e) => activeEvents.push(`${e.sessionId} ${e.account.label}`));
    await t.core.setActiveAccount(ada.id);
    assert.deepEqual(activeEvents, [`${ada.id} Ada Lovelace`]);
    assert.deepEqual(
      (await t.core.listAccounts()).filter((a) => a.active).map((a) => a.sessionId),
      [ada.id],
    );
    // A session that does not exist changes nothing.
    await t.core.setActiveAccount('no-such-session');
    assert.equal(activeEvents.length, 1);
    assert.deepEqual(sessionEvents, []);
  });

  it('drops a corrupt stored session with a log line and keeps the intact one', async () => {
    const secrets = new MemorySecretStore();
    const first = await window(secrets);
    const ada = await first.core.createSession([]);
    first.browser.action = { kind: 'signIn', user: 'grace' };
    const grace = await first.core.createSession([]);
    first.core.dispose();
    await secrets.store(sessionKey(ada.id), '{"version":1,"id":'); // truncated JSON
    const second = await window(secrets);
    const sessions = await second.core.getSessions();
    assert.deepEqual(
      sessions.map((s) => s.id),
      [grace.id],
    );
    assert.equal(secrets.data.has(sessionKey(ada.id)), false, 'the corrupt entry was deleted');
    assert.deepEqual((JSON.parse(secrets.data.get(INDEX_KEY) ?? '{}') as { ids?: string[] }).ids, [grace.id]);
    assert.ok(suiteLog.lines.some((l) => l.startsWith('warn') && l.includes(`(${ada.id}) was unreadable and has been dropped`)));
  });

  it('drops a stored session of the wrong shape, and an unreadable index, without crashing', async () => {
    const secrets = new MemorySecretStore();
    const first = await window(secrets);
    const ada = await first.core.createSession([]);
    first.core.dispose();
    await secrets.store(sessionKey(ada.id), JSON.stringify({ version: 1, id: ada.id, accessToken: 42 }));
    assert.deepEqual(await (await window(secrets)).core.getSessions(), []);
    await secrets.store(INDEX_KEY, 'not json at all');
    const third = await window(secrets);
    assert.deepEqual(await third.core.getSessions(), []);
    // Rebuilt from the entries still there (none here: the only one was of the wrong shape).
    assert.deepEqual((JSON.parse(secrets.data.get(INDEX_KEY) ?? '{}') as { ids?: string[] }).ids, []);
    assert.ok(suiteLog.lines.some((l) => l.includes('list of Panopto sessions was unreadable; rebuilt it')));
    // And the store still works afterwards.
    await third.core.createSession([]);
    assert.equal((await third.core.getSessions()).length, 1);
  });

  it('two windows refreshing at once with rotating refresh tokens both end signed in (one token request)', async () => {
    server.switches.rotateRefreshTokens = true;
    server.switches.tokenEndpointDelayMs = 50;
    const secrets = new MemorySecretStore();
    const a = await window(secrets);
    await a.core.createSession([]);
    const b = await window(secrets);
    assert.equal((await b.core.getSessions()).length, 1, 'the second window sees the session');
    const removedEvents: SessionsChange[] = [];
    a.core.onDidChangeSessions((e) => e.removed.length && removedEvents.push(e));
    b.core.onDidChangeSessions((e) => e.removed.length && removedEvents.push(e));
    for (let round = 1; round <= 3; round++) {
      server.stats.reset();
      a.clock.offsetMs = b.clock.offsetMs = round * HOUR_MS - 60 * 1000;
      const [[sa], [sb]] = await Promise.all([a.core.getSessions(), b.core.getSessions()]);
      assert.ok(sa && sb, `round ${round}: both windows have a session`);
      assert.equal(sa.accessToken, sb.accessToken, `round ${round}: one refresh served both windows`);
      assert.equal(server.stats.tokenRequests, 1, `round ${round}: exactly one token request`);
      assert.ok(await server.principalFor(sa.accessToken), `round ${round}: the token is valid`);
    }
    assert.deepEqual(removedEvents, [], 'nobody was signed out');
    assert.equal(a.grantLost.length + b.grantLost.length, 0);
  });

  it("another window's refresh fires `changed` here, and its sign-out fires `removed`", async () => {
    const secrets = new MemorySecretStore();
    const a = await window(secrets);
    const created = await a.core.createSession([]);
    const b = await window(secrets);
    await b.core.getSessions();
    const changed = nextChange<SessionsChange>(b.core.onDidChangeSessions, (e) => e.changed.length > 0);
    a.clock.offsetMs = HOUR_MS - 60 * 1000;
    const [renewed] = await a.core.getSessions();
    assert.equal((await changed).changed[0].accessToken, renewed.accessToken);
    b.clock.offsetMs = a.clock.offsetMs;
    assert.equal((await b.core.getSessions())[0].accessToken, renewed.accessToken);
    const removed = nextChange<SessionsChange>(b.core.onDidChangeSessions, (e) => e.removed.length > 0);
    await a.core.removeSession(created.id);
    assert.equal((await removed).removed[0].id, created.id);
    assert.deepEqual(await b.core.getSessions(), []);
  });

  it("another window's sign-in fires `added` here", async () => {
    const secrets = new MemorySecretStore();
    const a = await window(secrets);
    const b = await window(secrets);
    assert.deepEqual(await b.core.getSessions(), []);
    const added = nextChange<SessionsChange>(b.core.onDidChangeSessions, (e) => e.added.length > 0);
    const created = await a.core.createSession([]);
    assert.equal((await added).added[0].id, created.id);
  });

  it("a session is bound to its site: another site's settings never receive its token", async () => {
    const other = await startTestDevServer({ extraRedirectUris: [redirectUri] });
    try {
      const t = await window(new MemorySecretStore());
      const session = await t.core.createSession([]);
      const before = { ...t.settings };
      t.settings.serverUrl = other.baseUrl;
      const events: SessionsChange[] = [];
      t.core.onDidChangeSessions((e) => events.push(e));
      t.core.settingsChanged(before);
      assert.deepEqual(
        events.map((e) => e.removed.map((s) => s.id)),
        [[session.id]],
      );
      assert.deepEqual(await t.core.getSessions(), []);
      await assert.rejects(t.core.getAccess(), NotSignedInError);
      assert.equal(other.stats.tokenRequests, 0);
      assert.deepEqual(other.stats.bearerTokensSeen, []);
      // Back to the first site: the session is there again, bound to that site.
      const middle = { ...t.settings };
      t.settings.serverUrl = server.baseUrl;
      t.core.settingsChanged(middle);
      const access = await t.core.getAccess();
      assert.equal(access.serverUrl, server.baseUrl);
      assert.equal(access.accessToken, session.accessToken);
    } finally {
      await other.close();
    }
  });
});
