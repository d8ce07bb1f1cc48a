// The dev server's OAuth part over real HTTP: Panopto's paths and behaviour (docs/panopto.md#oauth and #id-provider-sign-in)
// and every switch the other suites rely on.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as oidc from 'openid-client';
import { createDevContext } from '../../../devserver/context';
import { defaultSwitches, SwitchError, switchesFromEnv } from '../../../devserver/switches';
import {
  browseToRedirect,
  CookieJar,
  clientConfiguration,
  devClient,
  devIdentityProvider,
  devUserClient,
  seedUsers,
  signInOverHttp,
  startTestDevServer,
  useTestDevServer,
  type DevServer,
} from '../../support/devServer';

const ada = seedUsers.find((u) => u.userName === 'ada')!;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const devBasic = basic(devClient.clientId, devClient.clientSecret);

interface TokenReply {
  status: number;
  body: Record<string, unknown>;
}

/** A raw token request (no client library), so error statuses and bodies can be asserted. */
async function postToken(
  server: DevServer,
  form: Record<string, string>,
  authorization: string | undefined = devBasic,
): Promise<TokenReply> {
  const response = await fetch(`${server.issuer}/connect/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(authorization ? { authorization } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function authorizeUrl(server: DevServer, params: Record<string, string>): string {
  const url = new URL(`${server.issuer}/connect/authorize`);
  const all = {
    response_type: 'code',
    client_id: devClient.clientId,
    redirect_uri: devClient.redirectUris[0],
    scope: 'openid api offline_access',
    state: 's-123',
    nonce: 'n-456',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return url.href;
}

/** Browser part of the code flow; returns the code from the redirect. */
async function codeFor(server: DevServer, params: Record<string, string> = {}): Promise<string> {
  const redirect = new URL(await browseToRedirect(authorizeUrl(server, params), 'ada'));
  const code = redirect.searchParams.get('code');
  assert.ok(code, `expected a code in ${redirect.href}`);
  return code;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

async function userinfo(server: DevServer, accessToken: string): Promise<Response> {
  return fetch(`${server.issuer}/connect/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
}

describe('dev server OAuth', () => {
  const server = useTestDevServer();

  afterEach(() => {
    // Every test starts from the defaults (switches are live and shared by the suite's server).
    Object.assign(server().switches, defaultSwitches());
  });

  it("serves discovery with Panopto's endpoints", async () => {
    const response = await fetch(`${server().issuer}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const doc = (await response.json()) as Record<string, string>;
    const issuer = server().issuer;
    assert.equal(doc.issuer, issuer);
    assert.ok(issuer.endsWith('/Panopto/oauth2'));
    assert.equal(doc.authorization_endpoint, `${issuer}/connect/authorize`);
    assert.equal(doc.token_endpoint, `${issuer}/connect/token`);
    assert.equal(doc.userinfo_endpoint, `${issuer}/connect/userinfo`);
    assert.equal(doc.revocation_endpoint, `${issuer}/connect/revocation`);
    assert.equal(doc.jwks_uri, `${issuer}/.well-known/jwks`);
    const jwks = (await (await fetch(doc.jwks_uri)).json()) as { keys: { kty: string; alg: string; d?: string }[] };
    assert.equal(jwks.keys[0].kty, 'RSA');
    assert.equal(jwks.keys[0].alg, 'RS256');
    assert.equal(jwks.keys[0].d, undefined, 'the JWKS holds no private part');
  });

  it('signs in with the code flow, Basic client auth: opaque access token, signed ID token with the user claims', async () => {
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    assert.ok(result.accessToken);
    assert.equal(result.accessToken.split('.').length, 1, 'the access token is opaque, not a JWT');
    assert.ok(result.refreshToken, 'offline_access gives a refresh token');
    assert.equal(result.expiresIn, 3600);
    assert.equal(result.claims?.sub, ada.userId);
    assert.equal(result.claims?.name, 'Ada Lovelace');
    assert.equal(result.claims?.preferred_username, 'ada');
    assert.equal(result.claims?.email, ada.email);
    assert.equal(result.claims?.aud, devClient.clientId);
    const header = JSON.parse(Buffer.from(result.idToken!.split('.')[0], 'base64url').toString()) as { alg: string };
    assert.equal(header.alg, 'RS256');
    const principal = await server().principalFor(result.accessToken);
    assert.deepEqual(principal, {
      userId: ada.userId,
      userName: 'ada',
      displayName: 'Ada Lovelace',
      scopes: ['openid', 'api', 'offline_access'],
    });
  });

  it('signs in with client credentials in the form body (client_secret_post)', async () => {
    const result = await signInOverHttp(server(), { user: 'grace', scope: 'openid api offline_access', clientAuth: 'post' });
    assert.equal(result.claims?.name, 'Grace Hopper');
    assert.ok(result.refreshToken);
  });

  it("signs in a user typed by key on the login page, and userinfo has Panopto's emailaddress", async () => {
    const result = await signInOverHttp(server(), { user: 'NetID\\grace', scope: 'openid api' });
    const response = await userinfo(server(), result.accessToken);
    assert.equal(response.status, 200);
    const claims = (await response.json()) as Record<string, string>;
    assert.equal(claims.sub, seedUsers[1].userId);
    assert.equal(claims.emailaddress, 'grace@example.edu');
    assert.equal(claims.name, 'Grace Hopper');
  });

  it('shows the sign-in page again in the same browser, so a second account can be another user', async () => {
    const browser = new CookieJar();
    const first = new URL(await browseToRedirect(authorizeUrl(server(), {}), 'ada', { cookies: browser }));
    assert.ok(first.searchParams.get('code'));
    assert.ok(browser.size > 0, 'the browser holds a session cookie');
    const code = new URL(
      await browseToRedirect(authorizeUrl(server(), { scope: 'openid api' }), 'grace', { cookies: browser }),
    ).searchParams.get('code')!;
    const reply = await postToken(server(), { grant_type: 'authorization_code', code, redirect_uri: devClient.redirectUris[0] });
    assert.equal(reply.status, 200);
    assert.equal((await server().principalFor(reply.body.access_token as string))?.userName, 'grace');
  });

  it('an unknown typed user stays on the login page with a message', async () => {
    await assert.rejects(browseToRedirect(authorizeUrl(server(), {}), 'nobody'), /No user named "nobody"/);
  });

  it('gives no refresh token without offline_access', async () => {
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api' });
    assert.ok(result.accessToken);
    assert.equal(result.refreshToken, undefined);
    assert.equal(result.scope, 'openid api');
  });

  it('matches redirect URIs exactly', async () => {
    await assert.rejects(
      browseToRedirect(authorizeUrl(server(), { redirect_uri: 'http://localhost:9128/redirect' }), 'ada'),
      /redirect_uri/,
    );
    await assert.rejects(
      browseToRedirect(authorizeUrl(server(), { redirect_uri: 'http://localhost:9127/redirect/' }), 'ada'),
      /redirect_uri/,
    );
    const ok = await browseToRedirect(authorizeUrl(server(), { redirect_uri: 'http://127.0.0.1:9127/redirect' }), 'ada');
    assert.ok(ok.startsWith('http://127.0.0.1:9127/redirect?code='));
  });

  it('rotates refresh tokens: a new one each time, and the old one then fails with invalid_grant', async () => {
    const first = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    const refreshed = await oidc.refreshTokenGrant(clientConfiguration(server(), { clientAuth: 'post' }), first.refreshToken!);
    assert.ok(refreshed.access_token);
    assert.ok(refreshed.refresh_token);
    assert.notEqual(refreshed.refresh_token, first.refreshToken);
    const reuse = await postToken(server(), { grant_type: 'refresh_token', refresh_token: first.refreshToken! });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');
  });

  it('without rotation the same refresh token keeps working', async () => {
    server().switches.rotateRefreshTokens = false;
    const first = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    for (let i = 0; i < 2; i++) {
      const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: first.refreshToken! });
      assert.equal(reply.status, 200);
      assert.ok(reply.body.access_token);
      assert.ok(reply.body.refresh_token === undefined || reply.body.refresh_token === first.refreshToken);
    }
  });

  it('issues access tokens of accessTokenTtlSeconds', async () => {
    server().switches.accessTokenTtlSeconds = 7;
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api' });
    assert.equal(result.expiresIn, 7);
  });

  it('DevContext.authenticate: the principal with its scopes, the token recorded only as a sha256 hash', async () => {
    const result = await signInOverHttp(server(), { user: 'grace', scope: 'openid api' });
    const ctx = createDevContext({ ...server(), findPrincipal: (token) => server().principalFor(token) });
    server().stats.reset();
    const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;
    const principal = await ctx.authenticate(request(`Bearer ${result.accessToken}`));
    assert.deepEqual(principal, { userId: seedUsers[1].userId, userName: 'grace', displayName: 'Grace Hopper', scopes: ['openid', 'api'] });
    assert.equal(await ctx.authenticate(request('Bearer not-a-real-token')), undefined);
    assert.equal(await ctx.authenticate(request()), undefined);
    const hash = createHash('sha256').update(result.accessToken).digest('hex');
    assert.deepEqual(server().stats.bearerTokensSeen, [hash, createHash('sha256').update('not-a-real-token').digest('hex')]);
    assert.ok(!JSON.stringify(server().stats.snapshot()).includes(result.accessToken));
  });

  it('an expired access token is refused (userinfo 401, no principal)', async () => {
    server().switches.accessTokenTtlSeconds = 1;
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.equal((await userinfo(server(), result.accessToken)).status, 401);
    assert.equal(await server().principalFor(result.accessToken), undefined);
  });

  it('an expired refresh token fails with invalid_grant (refreshTokenTtlSeconds)', async () => {
    server().switches.refreshTokenTtlSeconds = 1;
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    server().switches.refreshTokenTtlSeconds = 30 * 24 * 3600;
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: result.refreshToken! });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error, 'invalid_grant');
  });

  describe('PKCE', () => {
    it('verify: the right verifier works', async () => {
      server().switches.pkce = 'verify';
      const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api', pkce: true });
      assert.ok(result.accessToken);
    });

    it('verify: a wrong verifier fails with invalid_grant', async () => {
      server().switches.pkce = 'verify';
      const code = await codeFor(server(), { code_challenge: s256('a'.repeat(43)), code_challenge_method: 'S256' });
      const reply = await postToken(server(), {
        grant_type: 'authorization_code',
        code,
        redirect_uri: devClient.redirectUris[0],
        code_verifier: 'b'.repeat(43),
      });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'invalid_grant');
    });

    it('reject: a sign-in that sends PKCE fails with invalid_grant at the token endpoint', async () => {
      server().switches.pkce = 'reject';
      await assert.rejects(
        signInOverHttp(server(), { user: 'ada', scope: 'openid api', pkce: true }),
        (error: Error & { error?: string }) => {
          assert.equal(error.error, 'invalid_grant');
          return true;
        },
      );
      // A code_challenge alone (no verifier at the token endpoint) fails the same way.
      const code = await codeFor(server(), { code_challenge: s256('a'.repeat(43)), code_challenge_method: 'S256' });
      const reply = await postToken(server(), { grant_type: 'authorization_code', code, redirect_uri: devClient.redirectUris[0] });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'invalid_grant');
    });

    it('reject: a sign-in without PKCE works', async () => {
      server().switches.pkce = 'reject';
      const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api' });
      assert.ok(result.accessToken);
    });

    it('ignore: PKCE parameters are dropped, even a wrong verifier', async () => {
      server().switches.pkce = 'ignore';
      const code = await codeFor(server(), { code_challenge: s256('a'.repeat(43)), code_challenge_method: 'S256' });
      const reply = await postToken(server(), {
        grant_type: 'authorization_code',
        code,
        redirect_uri: devClient.redirectUris[0],
        code_verifier: 'b'.repeat(43),
      });
      assert.equal(reply.status, 200);
      assert.ok(reply.body.access_token);
    });
  });

  it('Deny ends in error=access_denied at the redirect URI, with the state', async () => {
    const redirect = new URL(await browseToRedirect(authorizeUrl(server(), { state: 'deny-state' }), 'ada', { deny: true }));
    assert.equal(`${redirect.origin}${redirect.pathname}`, devClient.redirectUris[0]);
    assert.equal(redirect.searchParams.get('error'), 'access_denied');
    assert.equal(redirect.searchParams.get('state'), 'deny-state');
    assert.equal(redirect.searchParams.get('code'), null);
  });

  it('revoke-all: every refresh token fails with invalid_grant and every access token with 401', async () => {
    const a = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    const g = await signInOverHttp(server(), { user: 'grace', scope: 'openid api offline_access' });
    assert.equal((await userinfo(server(), a.accessToken)).status, 200);
    const response = await fetch(`${server().baseUrl}/__dev/revoke-all`, { method: 'POST' });
    assert.equal(response.status, 200);
    for (const signedIn of [a, g]) {
      const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken! });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'invalid_grant');
      assert.equal((await userinfo(server(), signedIn.accessToken)).status, 401);
      assert.equal(await server().principalFor(signedIn.accessToken), undefined);
    }
  });

  it('revocation endpoint (Basic auth, form token=) revokes a refresh token', async () => {
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    const response = await fetch(`${server().issuer}/connect/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: devBasic },
      body: new URLSearchParams({ token: result.refreshToken! }).toString(),
    });
    assert.equal(response.status, 200);
    const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: result.refreshToken! });
    assert.equal(reply.body.error, 'invalid_grant');
  });

  it('counts token requests per grant type, in-process and over /__dev/stats', async () => {
    await fetch(`${server().baseUrl}/__dev/stats/reset`, { method: 'POST' });
    assert.equal(server().stats.tokenRequests, 0);
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    await postToken(server(), { grant_type: 'refresh_token', refresh_token: result.refreshToken! });
    await postToken(server(), { grant_type: 'refresh_token', refresh_token: 'not-a-token' });
    assert.equal(server().stats.tokenRequests, 3);
    const stats = (await (await fetch(`${server().baseUrl}/__dev/stats`)).json()) as {
      tokenRequests: number;
      tokenRequestsByGrant: Record<string, number>;
    };
    assert.equal(stats.tokenRequests, 3);
    assert.deepEqual(stats.tokenRequestsByGrant, { authorization_code: 1, refresh_token: 2 });
  });

  it('tokenEndpointFailures: the next N token requests answer 503, then it works again', async () => {
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    server().switches.tokenEndpointFailures = 2;
    const before = server().stats.tokenRequests;
    for (let i = 0; i < 2; i++) {
      const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: result.refreshToken! });
      assert.equal(reply.status, 503);
    }
    const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: result.refreshToken! });
    assert.equal(reply.status, 200);
    assert.equal(server().stats.tokenRequests - before, 3, 'failed requests are counted too');
  });

  it('tokenEndpointDelayMs: a delayed token request still answers and is counted once', async () => {
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    server().switches.tokenEndpointDelayMs = 50;
    const before = server().stats.tokenRequests;
    const reply = await postToken(server(), { grant_type: 'refresh_token', refresh_token: result.refreshToken! });
    server().switches.tokenEndpointDelayMs = 0;
    assert.equal(reply.status, 200);
    assert.equal(server().stats.tokenRequests - before, 1);
  });

  it('switches over HTTP: merge, and a bad value is refused naming the switch', async () => {
    const ok = await fetch(`${server().baseUrl}/__dev/switches`, { method: 'POST', body: JSON.stringify({ pkce: 'verify' }) });
    assert.equal(ok.status, 200);
    assert.equal(server().switches.pkce, 'verify');
    assert.equal(((await ok.json()) as { rotateRefreshTokens: boolean }).rotateRefreshTokens, true);
    const bad = await fetch(`${server().baseUrl}/__dev/switches`, { method: 'POST', body: JSON.stringify({ pkce: 'sometimes' }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /pkce/);
    assert.equal(server().switches.pkce, 'verify');
  });

  it('discovery off answers 404, and sign-in still works without it', async () => {
    server().switches.discovery = false;
    const response = await fetch(`${server().issuer}/.well-known/openid-configuration`);
    assert.equal(response.status, 404);
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api' });
    assert.ok(result.accessToken);
  });

  describe('password grant (User Based Server Application)', () => {
    const appKey = devIdentityProvider.applicationKey;
    const authCode = (userKey: string) =>
      createHash('sha256').update(`${userKey.toLowerCase()}|${appKey.toLowerCase()}`, 'utf8').digest('base64');
    const userBasic = basic(devUserClient.clientId, devUserClient.clientSecret);

    it("the recipe reproduces Panopto's worked example", () => {
      assert.equal(authCode('NetID\\John'), 'Zi51dQMbzTMG2HWBsLJ0GOCC45VBh7sCpkrA1pIWULk=');
    });

    it('gives an access token (no refresh token) for the right auth code', async () => {
      const reply = await postToken(
        server(),
        { grant_type: 'password', username: 'NetID\\ada', password: authCode('NetID\\ada'), scope: 'openid api' },
        userBasic,
      );
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.equal(reply.body.token_type, 'Bearer');
      assert.equal(reply.body.expires_in, 3600);
      assert.equal(reply.body.refresh_token, undefined);
      const principal = await server().principalFor(reply.body.access_token as string);
      assert.equal(principal?.userId, ada.userId);
      const claims = JSON.parse(Buffer.from((reply.body.id_token as string).split('.')[1], 'base64url').toString()) as Record<
        string,
        unknown
      >;
      assert.equal(claims.sub, ada.userId);
      assert.equal(server().stats.tokenRequestsByGrant.password >= 1, true);
    });

    it('a wrong auth code fails with 400 invalid_grant', async () => {
      const reply = await postToken(
        server(),
        { grant_type: 'password', username: 'NetID\\ada', password: authCode('NetID\\grace'), scope: 'openid api' },
        userBasic,
      );
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'invalid_grant');
    });

    it('the code-flow client may not use it', async () => {
      const reply = await postToken(server(), {
        grant_type: 'password',
        username: 'NetID\\ada',
        password: authCode('NetID\\ada'),
        scope: 'openid api',
      });
      assert.equal(reply.status, 400, JSON.stringify(reply.body));
      assert.equal(reply.body.access_token, undefined);
      assert.match(String(reply.body.error_description), /grant type is not allowed/);
    });
  });
});

describe('dev server OAuth with extra redirect URIs', () => {
  const vscodeUri = 'vscode://panopto-community.vscode-panopto/did-authenticate';
  const server = useTestDevServer({ extraRedirectUris: [vscodeUri] });

  it('accepts a registered custom-scheme redirect URI and still matches loopback ones exactly', async () => {
    const redirect = new URL(await browseToRedirect(authorizeUrl(server(), { redirect_uri: vscodeUri }), 'ada'));
    assert.equal(`${redirect.protocol}//${redirect.host}${redirect.pathname}`, vscodeUri);
    const code = redirect.searchParams.get('code')!;
    const reply = await postToken(server(), { grant_type: 'authorization_code', code, redirect_uri: vscodeUri });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    await assert.rejects(
      browseToRedirect(authorizeUrl(server(), { redirect_uri: 'http://localhost:9128/redirect' }), 'ada'),
      /redirect_uri/,
    );
    assert.ok((await browseToRedirect(authorizeUrl(server(), {}), 'ada')).startsWith(`${devClient.redirectUris[0]}?code=`));
  });

  it('refuses to start with a custom scheme mixed with a non-loopback web URI, naming it', async () => {
    await assert.rejects(startTestDevServer({ extraRedirectUris: [vscodeUri, 'https://example.edu/cb'] }), /https:\/\/example\.edu\/cb/);
  });
});

describe('dev server switches from the environment', () => {
  it('reads PANOPTO_DEV_<NAME> by the type of each switch', () => {
    const parsed = switchesFromEnv({
      PANOPTO_DEV_PKCE: 'reject',
      PANOPTO_DEV_ROTATE_REFRESH_TOKENS: 'off',
      PANOPTO_DEV_ACCESS_TOKEN_TTL_SECONDS: '60',
      PANOPTO_DEV_PORT: '1',
    });
    assert.deepEqual(parsed, { pkce: 'reject', rotateRefreshTokens: false, accessTokenTtlSeconds: 60 });
  });

  it('names the variable of a bad value', () => {
    assert.throws(
      () => switchesFromEnv({ PANOPTO_DEV_ROTATE_REFRESH_TOKENS: 'maybe' }),
      (e: Error) => e instanceof SwitchError && /PANOPTO_DEV_ROTATE_REFRESH_TOKENS/.test(e.message),
    );
    assert.throws(() => switchesFromEnv({ PANOPTO_DEV_PKCE: 'sometimes' }), /pkce/);
    assert.throws(() => switchesFromEnv({ PANOPTO_DEV_ACCESS_TOKEN_TTL_SECONDS: 'soon' }), /PANOPTO_DEV_ACCESS_TOKEN_TTL_SECONDS/);
  });
});

describe('dev server OAuth under another issuer path', () => {
  let server: DevServer;
  before(async () => {
    server = await startTestDevServer({ issuerPath: '/auth/realms/panopto' });
  });
  after(async () => {
    await server.close();
  });

  it('serves discovery and a whole sign-in there', async () => {
    assert.ok(server.issuer.endsWith('/auth/realms/panopto'));
    const doc = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    assert.equal(doc.issuer, server.issuer);
    assert.equal(doc.token_endpoint, `${server.issuer}/connect/token`);
    const result = await signInOverHttp(server, { user: 'ada', scope: 'openid api offline_access' });
    assert.equal(result.claims?.iss, server.issuer);
    assert.ok(result.refreshToken);
    const old = await fetch(`${server.baseUrl}/Panopto/oauth2/.well-known/openid-configuration`);
    assert.equal(old.status, 404);
  });
});
