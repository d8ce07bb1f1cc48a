// OAuth misconfigurations of a site, each a dev server switch, over real HTTP — so a client's error
// messages for them can be tested: an unregistered redirect URL, a client of the wrong type, a
// disabled client, a user who denies, a server clock 10 minutes off, and an address that is not Panopto.
import { strict as assert } from 'node:assert';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { misregisteredRedirectUri } from '../../../devserver/oauth/clients';
import { defaultSwitches, switchesFromEnv } from '../../../devserver/switches';
import { browseToRedirect, CookieJar, devClient, signInOverHttp, useTestDevServer, type DevServer } from '../../support/devServer';

const devBasic = `Basic ${Buffer.from(`${devClient.clientId}:${devClient.clientSecret}`).toString('base64')}`;

function authorizeUrl(server: DevServer, params: Record<string, string> = {}): string {
  const url = new URL(`${server.issuer}/connect/authorize`);
  const all = {
    response_type: 'code',
    client_id: devClient.clientId,
    redirect_uri: devClient.redirectUris[0],
    scope: 'openid api offline_access',
    state: 'st-1',
    nonce: 'n-1',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return url.href;
}

async function postToken(
  server: DevServer,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown>; date: string | null }> {
  const response = await fetch(`${server.issuer}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: devBasic },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, date: response.headers.get('date') };
}

/** The first answer to opening `url` in a browser (no redirect followed). */
async function open(url: string): Promise<{ status: number; location: string | null; type: string; text: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return {
    status: response.status,
    location: response.headers.get('location'),
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** Follows redirects on the site (keeping cookies, as a browser) until an answer is not a redirect, or one leaves the site. */
async function openFollowing(url: string): Promise<{ status: number; url: string; location: string | null; text: string }> {
  const cookies = new CookieJar();
  let current = url;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(current, { redirect: 'manual', headers: { cookie: cookies.header() } });
    cookies.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      const next = new URL(location, current);
      if (next.origin !== new URL(url).origin) return { status: response.status, url: current, location: next.href, text: '' };
      current = next.href;
      continue;
    }
    return { status: response.status, url: current, location, text: await response.text() };
  }
  throw new Error('too many redirects');
}

function claimsOf(jwt: string): Record<string, number | string> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, number | string>;
}

describe('dev server OAuth misconfigurations', () => {
  const server = useTestDevServer();

  afterEach(() => {
    Object.assign(server().switches, defaultSwitches());
  });

  describe('a redirect URL the site has not registered', () => {
    function assertErrorPageWithoutRedirect(page: { status: number; location: string | null; type: string; text: string }): void {
      assert.equal(page.status, 400);
      assert.equal(page.location, null, 'no redirect back to an address the site does not know');
      assert.match(page.type, /text\/html/);
      assert.match(page.text, /Sorry, there was an error/);
      assert.match(page.text, /unauthorized_client/);
      assert.match(page.text, /Invalid redirect_uri/);
    }

    it('shows a Panopto error page and does not redirect, for an address the app sends that is not registered', async () => {
      assertErrorPageWithoutRedirect(await open(authorizeUrl(server(), { redirect_uri: 'http://localhost:9999/callback' })));
    });

    it("oauthClientFault 'redirectUriNotRegistered': the app's own redirect URL gets the same page; the registered one works", async () => {
      server().switches.oauthClientFault = 'redirectUriNotRegistered';
      assertErrorPageWithoutRedirect(await open(authorizeUrl(server())));
      const landed = new URL(await browseToRedirect(authorizeUrl(server(), { redirect_uri: misregisteredRedirectUri }), 'ada'));
      assert.equal(`${landed.origin}${landed.pathname}`, misregisteredRedirectUri);
      assert.ok(landed.searchParams.get('code'));
    });
  });

  describe("oauthClientFault 'wrongClientType' (registered as a JavaScript Web Application)", () => {
    it('the code flow comes back with error=unauthorized_client and the state, without a sign-in page', async () => {
      server().switches.oauthClientFault = 'wrongClientType';
      const first = await openFollowing(authorizeUrl(server(), { state: 'st-wrong-type' }));
      assert.ok(first.location, `expected a redirect to the app, got ${first.status}: ${first.text.slice(0, 200)}`);
      const landed = new URL(first.location);
      assert.equal(`${landed.origin}${landed.pathname}`, devClient.redirectUris[0]);
      assert.equal(landed.searchParams.get('error'), 'unauthorized_client');
      assert.equal(landed.searchParams.get('state'), 'st-wrong-type');
      assert.equal(landed.searchParams.get('code'), null);
    });

    it('a refresh token from before the change is refused with unauthorized_client', async () => {
      const signedIn = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
      server().switches.oauthClientFault = 'wrongClientType';
      const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken! });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'unauthorized_client');
      server().switches.oauthClientFault = 'none';
      assert.equal(
        (await postToken(server(), { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken! })).status,
        200,
        'fixed, the same token works again',
      );
    });
  });

  describe("oauthClientFault 'disabledClient'", () => {
    it('the authorize page shows invalid_client on the site and does not redirect', async () => {
      server().switches.oauthClientFault = 'disabledClient';
      const page = await open(authorizeUrl(server()));
      assert.equal(page.status, 400);
      assert.equal(page.location, null);
      assert.match(page.text, /Sorry, there was an error/);
      assert.match(page.text, /invalid_client/);
    });

    it('refresh answers 401 invalid_client', async () => {
      const signedIn = await signInOverHttp(server(), { user: 'grace', scope: 'openid api offline_access' });
      server().switches.oauthClientFault = 'disabledClient';
      const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken! });
      assert.equal(reply.status, 401);
      assert.equal(reply.body.error, 'invalid_client');
    });
  });

  describe('the user denies', () => {
    it('the sign-in page has a Deny button', async () => {
      const page = await openFollowing(authorizeUrl(server()));
      assert.equal(page.status, 200);
      assert.match(page.text, /<button type="submit" name="action" value="deny"[^>]*>Deny<\/button>/);
    });

    it('denySignIn: the sign-in ends with error=access_denied and the state at the redirect URL', async () => {
      server().switches.denySignIn = true;
      const landed = new URL(await browseToRedirect(authorizeUrl(server(), { state: 'st-deny' }), 'ada'));
      assert.equal(`${landed.origin}${landed.pathname}`, devClient.redirectUris[0]);
      assert.equal(landed.searchParams.get('error'), 'access_denied');
      assert.equal(landed.searchParams.get('state'), 'st-deny');
      assert.equal(landed.searchParams.get('code'), null);
    });
  });

  describe('idTokenClockSkewSeconds: a server clock 10 minutes off', () => {
    async function idTokenWithSkew(
      skew: number,
    ): Promise<{ claims: Record<string, number | string>; signedWell: boolean; date: string | null; at: number }> {
      server().switches.idTokenClockSkewSeconds = skew;
      const landed = new URL(await browseToRedirect(authorizeUrl(server()), 'ada'));
      const at = Math.floor(Date.now() / 1000);
      const reply = await postToken(server(), {
        grant_type: 'authorization_code',
        code: landed.searchParams.get('code')!,
        redirect_uri: devClient.redirectUris[0],
      });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const idToken = String(reply.body.id_token);
      const jwks = (await (await fetch(`${server().issuer}/.well-known/jwks`)).json()) as { keys: JsonWebKey[] };
      const [h, p, s] = idToken.split('.');
      const signedWell = verify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        createPublicKey({ key: jwks.keys[0], format: 'jwk' }),
        Buffer.from(s, 'base64url'),
      );
      return { claims: claimsOf(idToken), signedWell, date: reply.date, at };
    }

    for (const skew of [600, -600]) {
      it(`${skew > 0 ? 'ahead' : 'behind'}: iat, exp and auth_time move by ${skew} s, the token stays validly signed, the Date header agrees`, async () => {
        const { claims, signedWell, date, at } = await idTokenWithSkew(skew);
        assert.ok(signedWell, 'signed with the server key');
        assert.equal(claims.nonce, 'n-1');
        assert.ok(
          Math.abs(Number(claims.iat) - (at + skew)) <= 60,
          `iat ${claims.iat} is about now ${skew > 0 ? '+' : ''}${skew} s (now ${at})`,
        );
        assert.equal(Number(claims.exp) - Number(claims.iat), 3600, 'the lifetime is unchanged');
        assert.ok(Math.abs(Number(claims.auth_time) - (at + skew)) <= 60);
        assert.ok(date && Math.abs(Date.parse(date) / 1000 - (at + skew)) <= 60, `Date header ${date}`);
      });
    }

    it('0 (the default) leaves the times alone', async () => {
      const { claims, at } = await idTokenWithSkew(0);
      assert.ok(Math.abs(Number(claims.iat) - at) <= 60);
    });
  });

  describe('notPanopto: the site address is not a Panopto site', () => {
    const discovery = () => `${server().issuer}/.well-known/openid-configuration`;

    it("'homePage': every Panopto path answers 200 with a university's HTML home page; admin routes still work", async () => {
      server().switches.notPanopto = 'homePage';
      for (const url of [
        discovery(),
        `${server().baseUrl}/Panopto/api/v1/folders/00000000-0000-0000-0000-000000000000/children`,
        authorizeUrl(server()),
      ]) {
        const page = await open(url);
        assert.equal(page.status, 200, url);
        assert.match(page.type, /text\/html/);
        assert.match(page.text, /Northfield University/);
      }
      const token = await fetch(`${server().issuer}/connect/token`, {
        method: 'POST',
        body: 'grant_type=refresh_token&refresh_token=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(token.status, 200);
      assert.match(token.headers.get('content-type') ?? '', /text\/html/);
      const admin = await fetch(`${server().baseUrl}/__dev/switches`, { method: 'POST', body: JSON.stringify({ notPanopto: 'off' }) });
      assert.equal(admin.status, 200);
      assert.equal((await open(discovery())).status, 200);
      assert.match((await open(discovery())).type, /json/);
    });

    it("'notFound': 404 with a web server's HTML page", async () => {
      server().switches.notPanopto = 'notFound';
      const page = await open(discovery());
      assert.equal(page.status, 404);
      assert.match(page.type, /text\/html/);
      assert.match(page.text, /Not Found/);
    });

    it("'ssoPortal': every path redirects to a single sign-on login page (200 HTML)", async () => {
      server().switches.notPanopto = 'ssoPortal';
      const first = await open(discovery());
      assert.equal(first.status, 302);
      assert.match(first.location ?? '', /\/idp\/profile\/SAML2\/Redirect\/SSO/);
      const landed = await openFollowing(authorizeUrl(server()));
      assert.equal(landed.status, 200);
      assert.match(landed.url, /\/idp\/profile\/SAML2\/Redirect\/SSO/);
      assert.match(landed.text, /Single Sign-On/);
      assert.match(landed.text, /name="j_password"/);
    });
  });

  it('reads the OAuth misconfiguration switches from PANOPTO_DEV_* and refuses bad values, naming them', () => {
    assert.deepEqual(
      switchesFromEnv({
        PANOPTO_DEV_OAUTH_CLIENT_FAULT: 'disabledClient',
        PANOPTO_DEV_DENY_SIGN_IN: 'on',
        PANOPTO_DEV_ID_TOKEN_CLOCK_SKEW_SECONDS: '-600',
        PANOPTO_DEV_NOT_PANOPTO: 'ssoPortal',
      }),
      { oauthClientFault: 'disabledClient', denySignIn: true, idTokenClockSkewSeconds: -600, notPanopto: 'ssoPortal' },
    );
    assert.throws(() => switchesFromEnv({ PANOPTO_DEV_OAUTH_CLIENT_FAULT: 'broken' }), /oauthClientFault/);
    assert.throws(() => switchesFromEnv({ PANOPTO_DEV_NOT_PANOPTO: 'yes' }), /notPanopto/);
    assert.throws(() => switchesFromEnv({ PANOPTO_DEV_ID_TOKEN_CLOCK_SKEW_SECONDS: '1.5' }), /idTokenClockSkewSeconds/);
  });
});
