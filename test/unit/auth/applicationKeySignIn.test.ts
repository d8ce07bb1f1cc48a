// The ID-provider sign-in (docs/panopto.md#id-provider-sign-in) end to end against the dev server: the password
// grant with HTTP Basic client auth, the account labelled with the user key, the key kept in
// SecretStorage only, a wrong key's clear error, and the silent renewal (same session, `changed`).
import assert from 'node:assert/strict';
import { applicationKeyPassword } from '../../../src/auth/applicationKeyPassword';
import { ApplicationKeyRejectedError, signInWithApplicationKey } from '../../../src/auth/applicationKeySignIn';
import { applicationKeyKey } from '../../../src/auth/applicationKeyStore';
import type { SessionsChange } from '../../../src/auth/authSession';
import { resolveSite, type Site } from '../../../src/auth/site';
import { sessionKey } from '../../../src/auth/tokenStore';
import { devIdentityProvider, devUserClient, startTestDevServer, type DevServer } from '../../support/devServer';
import { makeCore, nextChange, observedSecrets, suiteLog, type TestCore } from '../../support/authHarness';

interface TokenRequest {
  authorization: string | null;
  body: URLSearchParams;
}

describe('sign-in with an ID provider application key', () => {
  let server: DevServer;
  const cores: TestCore[] = [];
  let tokenRequests: TokenRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/connect/token') && init?.body instanceof URLSearchParams) {
      tokenRequests.push({ authorization: new Headers(init.headers).get('authorization'), body: new URLSearchParams(init.body) });
    }
    return fetch(input, init);
  };

  async function userClientCore(): Promise<{ t: TestCore; site: Site }> {
    const t = await makeCore({
      server,
      settings: { clientId: devUserClient.clientId },
      storeClientSecret: false,
      options: { oauth: { fetch: recordingFetch } },
    });
    cores.push(t);
    const site = resolveSite(t.settings);
    await t.core.clientSecrets.set(site, devUserClient.clientSecret);
    return { t, site };
  }

  const adaKey = 'NetID\\ada';
  const appKey = devIdentityProvider.applicationKey;

  before(async () => {
    server = await startTestDevServer();
    observedSecrets.add(appKey);
    observedSecrets.add(applicationKeyPassword(adaKey, appKey));
  });
  beforeEach(() => {
    tokenRequests = [];
    server.stats.reset();
  });
  afterEach(() => {
    server.switches.accessTokenTtlSeconds = 3600;
    cores.splice(0).forEach((c) => c.core.dispose());
  });
  after(async () => {
    await server.close();
  });

  it('signs in with the password grant (scope "openid api", HTTP Basic), labelled with the user key, key in SecretStorage only', async () => {
    const { t, site } = await userClientCore();
    const session = await signInWithApplicationKey(t.core, { site, userKey: adaKey, applicationKey: appKey });
    assert.equal(session.account.label, adaKey);
    assert.equal((await server.principalFor(session.accessToken))?.userName, 'ada');

    assert.equal(tokenRequests.length, 1);
    const [request] = tokenRequests;
    assert.equal(request.body.get('grant_type'), 'password');
    assert.equal(request.body.get('username'), adaKey);
    assert.equal(request.body.get('password'), applicationKeyPassword(adaKey, appKey));
    assert.equal(request.body.get('scope'), 'openid api');
    assert.equal(request.body.get('client_secret'), null, 'the secret is not in the body');
    // HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1).
    const [scheme, credentials] = (request.authorization ?? '').split(' ');
    assert.equal(scheme, 'Basic');
    const [id, secret] = Buffer.from(credentials, 'base64').toString('utf8').split(':').map(decodeURIComponent);
    assert.deepEqual([id, secret], [devUserClient.clientId, devUserClient.clientSecret]);

    // The key sits under its own SecretStorage entry; the session entry does not carry it.
    assert.equal(t.secrets.data.get(applicationKeyKey(server.baseUrl, adaKey)), appKey);
    const stored = t.secrets.data.get(sessionKey(session.id)) ?? '';
    assert.ok(stored.includes('"kind":"applicationKey"'));
    assert.ok(!stored.includes(appKey), 'the session entry holds no application key');

    // The provider lists it like any session, and the Panopto client gets its token for this site.
    const sessions = await t.core.getSessions([]);
    assert.deepEqual(
      sessions.map((s) => s.id),
      [session.id],
    );
    const access = await t.core.getAccess();
    assert.deepEqual(access, { serverUrl: server.baseUrl, accessToken: session.accessToken });
  });

  it('a wrong application key gives a clear error naming the site, and stores nothing', async () => {
    const { t, site } = await userClientCore();
    await assert.rejects(
      signInWithApplicationKey(t.core, { site, userKey: adaKey, applicationKey: '00000000-0000-0000-0000-000000000000' }),
      (error: unknown) => {
        assert.ok(error instanceof ApplicationKeyRejectedError);
        assert.equal(error.message, `The user key or application key was not accepted by ${server.baseUrl}.`);
        return true;
      },
    );
    assert.deepEqual(await t.core.getSessions([]), []);
    assert.equal(t.secrets.data.get(applicationKeyKey(server.baseUrl, adaKey)), undefined);
  });

  it('a user key of another provider (or without one) is refused; the latter without a request', async () => {
    const { t, site } = await userClientCore();
    await assert.rejects(
      signInWithApplicationKey(t.core, { site, userKey: 'OtherIdP\\ada', applicationKey: appKey }),
      ApplicationKeyRejectedError,
    );
    tokenRequests = [];
    await assert.rejects(signInWithApplicationKey(t.core, { site, userKey: 'ada', applicationKey: appKey }), /NetID\\John/);
    assert.equal(tokenRequests.length, 0);
  });

  it('renews silently near expiry by repeating the grant: same session id, a `changed` event, no browser', async () => {
    const { t, site } = await userClientCore();
    const session = await signInWithApplicationKey(t.core, { site, userKey: adaKey, applicationKey: appKey });
    server.stats.reset();
    const changed = nextChange<SessionsChange>(t.core.onDidChangeSessions, (e) => e.changed.length > 0);
    // 4 minutes left of an hour: inside the 5-minute margin.
    t.clock.offsetMs = 56 * 60 * 1000;
    const [renewed] = await t.core.getSessions([]);
    assert.equal(renewed.id, session.id);
    assert.notEqual(renewed.accessToken, session.accessToken);
    assert.equal((await server.principalFor(renewed.accessToken))?.userName, 'ada');
    assert.equal(server.stats.tokenRequestsByGrant.password, 1);
    const event = await changed;
    assert.deepEqual(
      event.changed.map((s) => s.id),
      [session.id],
    );
    assert.deepEqual(event.added, []);
    assert.deepEqual(event.removed, []);
    assert.deepEqual(t.browser.openedUrls, [], 'no prompt, no browser');

    // After a 401 the Panopto client asks for a newer token: the grant is repeated again.
    const forced = await t.core.getAccess({ forceRefresh: true });
    assert.notEqual(forced.accessToken, renewed.accessToken);
    assert.equal(server.stats.tokenRequestsByGrant.password, 2);
    assert.deepEqual(
      (await t.core.getSessions([])).map((s) => s.id),
      [session.id],
    );
  });

  it('the background timer renews a short-lived token on its own (accessTokenTtlSeconds = 3)', async () => {
    server.switches.accessTokenTtlSeconds = 3;
    const { t, site } = await userClientCore();
    const session = await signInWithApplicationKey(t.core, { site, userKey: adaKey, applicationKey: appKey });
    const event = await nextChange<SessionsChange>(t.core.onDidChangeSessions, (e) => e.changed.length > 0);
    assert.equal(event.changed[0].id, session.id);
    assert.notEqual(event.changed[0].accessToken, session.accessToken);
    assert.ok((server.stats.tokenRequestsByGrant.password ?? 0) >= 2);
    assert.equal((await t.core.getSessions([]))[0].id, session.id);
  });

  it('without its stored key the session cannot be renewed: it ends and sign-in is offered once', async () => {
    const { t, site } = await userClientCore();
    await signInWithApplicationKey(t.core, { site, userKey: adaKey, applicationKey: appKey });
    await t.secrets.delete(applicationKeyKey(server.baseUrl, adaKey));
    t.clock.offsetMs = 59 * 60 * 1000;
    assert.deepEqual(await t.core.getSessions([]), []);
    assert.deepEqual(t.grantLost, [adaKey]);
  });

  it('signing out removes the stored application key with the last session of its provider', async () => {
    const { t, site } = await userClientCore();
    const ada = await signInWithApplicationKey(t.core, { site, userKey: adaKey, applicationKey: appKey });
    const grace = await signInWithApplicationKey(t.core, { site, userKey: 'NetID\\grace', applicationKey: appKey });
    await t.core.removeSession(ada.id);
    assert.equal(t.secrets.data.get(applicationKeyKey(server.baseUrl, adaKey)), appKey, 'grace still needs it');
    await t.core.removeSession(grace.id);
    assert.equal(t.secrets.data.get(applicationKeyKey(server.baseUrl, adaKey)), undefined);
    assert.ok(suiteLog.lines.some((l) => l.includes('Removed the stored application key of ID provider netid')));
  });
});
