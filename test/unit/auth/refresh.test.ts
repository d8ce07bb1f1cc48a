// Renewal against the dev server: margins, the proactive timer, single flight, rotation,
// revoked grants, forced refresh after a 401, and a token endpoint that is briefly down.
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { TokenServiceUnavailableError } from '../../../src/auth/errors';
import type { SessionsChange } from '../../../src/auth/authSession';
import { sessionKey } from '../../../src/auth/tokenStore';
import { clientConfiguration, startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, makeCore, nextChange, type TestCore } from '../../support/authHarness';

const HOUR_MS = 3600 * 1000;

describe('auth: keeping tokens fresh', () => {
  let server: DevServer;
  let redirectUri: string;
  const cores: TestCore[] = [];

  async function signedIn(setup: Omit<Parameters<typeof makeCore>[0], 'server'> = {}): Promise<TestCore> {
    const t = await makeCore({ server, ...setup, settings: { redirectUri, ...setup.settings } });
    cores.push(t);
    await t.core.createSession([]);
    server.stats.reset();
    return t;
  }
  function storedRefreshToken(t: TestCore): string | undefined {
    const key = [...t.secrets.data.keys()].find((k) => k.startsWith(sessionKey('')));
    return key ? (JSON.parse(t.secrets.data.get(key) ?? '{}') as { refreshToken?: string }).refreshToken : undefined;
  }

  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
  });
  afterEach(() => {
    Object.assign(server.switches, {
      accessTokenTtlSeconds: 3600,
      rotateRefreshTokens: true,
      tokenEndpointFailures: 0,
      tokenEndpointDelayMs: 0,
    });
    cores.splice(0).forEach((c) => c.core.dispose());
  });
  after(async () => {
    await server.close();
  });

  it('hands out the stored token while more than the margin is left, with no token request', async () => {
    const t = await signedIn();
    const [first] = await t.core.getSessions();
    t.clock.offsetMs = HOUR_MS - 6 * 60 * 1000; // 6 minutes left
    const [second] = await t.core.getSessions();
    assert.equal(second.accessToken, first.accessToken);
    assert.equal(server.stats.tokenRequests, 0);
  });

  it('never returns a token with less than 5 minutes left: it refreshes first', async () => {
    const t = await signedIn();
    const [before] = await t.core.getSessions();
    t.clock.offsetMs = HOUR_MS - 4 * 60 * 1000; // 4 minutes left
    const [after] = await t.core.getSessions();
    assert.notEqual(after.accessToken, before.accessToken);
    assert.equal(server.stats.tokenRequestsByGrant.refresh_token, 1);
    assert.equal((await server.principalFor(after.accessToken))?.userName, 'ada');
  });

  it('a timer refreshes ahead of expiry and fires `changed` (short-lived tokens: proportional margin)', async () => {
    server.switches.accessTokenTtlSeconds = 3;
    const t = await signedIn();
    const [before] = await t.core.getSessions();
    const change = await nextChange<SessionsChange>(t.core.onDidChangeSessions, (e) => e.changed.length > 0, 10_000);
    assert.equal(change.changed[0].id, before.id);
    assert.notEqual(change.changed[0].accessToken, before.accessToken);
    assert.equal(server.stats.tokenRequestsByGrant.refresh_token, 1);
    // Refreshed before the old token expired, so callers never saw a gap.
    assert.ok(await server.principalFor(change.changed[0].accessToken));
    const [now] = await t.core.getSessions();
    assert.equal(now.accessToken, change.changed[0].accessToken);
  });

  it('50 concurrent getSessions at expiry cause exactly 1 token request', async () => {
    server.switches.tokenEndpointDelayMs = 100; // keep the request in flight while the others arrive
    const t = await signedIn();
    const [before] = await t.core.getSessions();
    t.clock.offsetMs = HOUR_MS - 10 * 1000;
    const results = await Promise.all(Array.from({ length: 50 }, () => t.core.getSessions(['api'])));
    assert.equal(server.stats.tokenRequests, 1);
    const tokens = new Set(results.map((r) => r[0]?.accessToken));
    assert.equal(tokens.size, 1, 'every caller got the same new token');
    assert.notEqual([...tokens][0], before.accessToken);
    assert.ok(await server.principalFor([...tokens][0]));
  });

  for (const rotate of [true, false]) {
    it(`renews repeatedly with refresh-token rotation ${rotate ? 'on' : 'off'}`, async () => {
      server.switches.rotateRefreshTokens = rotate;
      const t = await signedIn();
      const original = storedRefreshToken(t);
      assert.ok(original);
      const seen = new Set<string>();
      for (let round = 1; round <= 3; round++) {
        // One minute before the current token's expiry (each refresh issues a new hour).
        t.clock.offsetMs = round * HOUR_MS - 60 * 1000;
        const [session] = await t.core.getSessions();
        assert.ok(session, `round ${round} has a session`);
        assert.ok(await server.principalFor(session.accessToken), `round ${round} token is accepted`);
        seen.add(session.accessToken);
      }
      assert.equal(seen.size, 3);
      assert.equal(server.stats.tokenRequestsByGrant.refresh_token, 3);
      const latest = storedRefreshToken(t);
      if (rotate) {
        assert.notEqual(latest, original, 'the rotated refresh token was stored');
        await assert.rejects(oidc.refreshTokenGrant(clientConfiguration(server), original), (e: unknown) => {
          assert.ok(e instanceof oidc.ResponseBodyError);
          assert.equal(e.error, 'invalid_grant', 'the spent refresh token is refused');
          return true;
        });
      } else {
        assert.equal(latest, original, 'without rotation the refresh token stays');
        assert.ok((await oidc.refreshTokenGrant(clientConfiguration(server), original)).access_token);
      }
    });
  }

  it('a revoked grant removes the session, fires `removed`, offers sign-in once, and returns no session', async () => {
    const t = await signedIn();
    const [before] = await t.core.getSessions();
    const removed = nextChange<SessionsChange>(t.core.onDidChangeSessions, (e) => e.removed.length > 0);
    server.revokeAll();
    t.clock.offsetMs = HOUR_MS - 60 * 1000;
    assert.deepEqual(await t.core.getSessions(), []);
    assert.equal((await removed).removed[0].id, before.id);
    assert.deepEqual(t.grantLost, ['Ada Lovelace']);
    // No loop: asking again neither prompts again nor spends another token request.
    const requests = server.stats.tokenRequests;
    assert.deepEqual(await t.core.getSessions(), []);
    assert.deepEqual(t.grantLost, ['Ada Lovelace']);
    assert.equal(server.stats.tokenRequests, requests);
    assert.equal([...t.secrets.data.keys()].filter((k) => k.startsWith(sessionKey(''))).length, 0, 'nothing left in storage');
    await assert.rejects(t.core.getAccess(), /Sign In/);
  });

  it('getAccess({ forceRefresh }) after a 401 returns a newer token for the same site', async () => {
    const t = await signedIn();
    const first = await t.core.getAccess();
    assert.equal(first.serverUrl, server.baseUrl);
    const second = await t.core.getAccess({ forceRefresh: true });
    assert.notEqual(second.accessToken, first.accessToken);
    assert.equal(server.stats.tokenRequestsByGrant.refresh_token, 1);
  });

  it('rides out a token endpoint that answers 503 twice, keeping the session', async () => {
    const t = await signedIn();
    server.switches.tokenEndpointFailures = 2;
    t.clock.offsetMs = HOUR_MS - 60 * 1000;
    const [session] = await t.core.getSessions();
    assert.ok(session);
    assert.equal(server.stats.tokenRequests, 3);
  });

  it('reports (and keeps the session) when the token endpoint stays down', async () => {
    const t = await signedIn();
    server.switches.tokenEndpointFailures = 10;
    t.clock.offsetMs = HOUR_MS - 60 * 1000;
    await assert.rejects(t.core.getSessions(), TokenServiceUnavailableError);
    server.switches.tokenEndpointFailures = 0;
    const [session] = await t.core.getSessions();
    assert.ok(session, 'the session survived the outage');
  });

  it('sign-out revokes the refresh token at the site (it no longer works) and fires `removed`', async () => {
    server.switches.rotateRefreshTokens = false;
    const t = await signedIn();
    const refreshToken = storedRefreshToken(t);
    assert.ok(refreshToken);
    const [session] = await t.core.getSessions();
    const removed = nextChange<SessionsChange>(t.core.onDidChangeSessions, (e) => e.removed.length > 0);
    await t.core.removeSession(session.id);
    assert.equal((await removed).removed[0].id, session.id);
    assert.deepEqual(await t.core.getSessions(), []);
    await assert.rejects(oidc.refreshTokenGrant(clientConfiguration(server), refreshToken), (e: unknown) => {
      assert.ok(e instanceof oidc.ResponseBodyError);
      assert.equal(e.error, 'invalid_grant');
      return true;
    });
  });
});
