// Plays a user's browser against this dev server over plain HTTP, for the tests and the bench:
// authorize → sign-in page → redirect with a code (browseToRedirect), and a whole authorization-code
// sign-in with the code exchanged by openid-client (signInOverHttp). A client of the server, not part
// of it: server.ts never imports this file.
import * as oidc from 'openid-client';
import { devClient } from './oauth/clients';
import type { DevServer } from './server';

/** The endpoints of a dev server, without reading discovery (which a switch can turn off). */
export function serverMetadata(server: Pick<DevServer, 'issuer'>): oidc.ServerMetadata {
  const { issuer } = server;
  return {
    issuer,
    authorization_endpoint: `${issuer}/connect/authorize`,
    token_endpoint: `${issuer}/connect/token`,
    userinfo_endpoint: `${issuer}/connect/userinfo`,
    revocation_endpoint: `${issuer}/connect/revocation`,
    jwks_uri: `${issuer}/.well-known/jwks`,
  };
}

export interface BrowseOptions {
  /** Press "Deny" instead of signing in. */
  deny?: boolean;
  /** Keep cookies across calls, like one browser profile (default: a fresh profile per call). */
  cookies?: CookieJar;
}

/** The cookies of one simulated browser profile (names and values; paths are not tracked). */
export class CookieJar {
  readonly #cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  get size(): number {
    return this.#cookies.size;
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return String.fromCodePoint(code);
    }
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}

/**
 * Opens `authorizeUrl` like a browser would, signs in as `user` on the dev server's login page
 * (or presses Deny), and follows redirects until one leaves the dev server. Returns that final
 * URL (the redirect URI with code & state, or with error=access_denied). Throws with the page
 * text when the server shows an error instead.
 */
export async function browseToRedirect(authorizeUrl: string, user: string, options: BrowseOptions = {}): Promise<string> {
  const origin = new URL(authorizeUrl).origin;
  const jar = options.cookies ?? new CookieJar();
  let url = authorizeUrl;
  let request: RequestInit = { method: 'GET' };
  let submitted = false;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      ...request,
      redirect: 'manual',
      headers: { ...(request.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      const next = new URL(location, url);
      if (next.origin !== origin) return next.href;
      url = next.href;
      request = { method: 'GET' };
      continue;
    }
    const page = await response.text();
    const rawAction = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    const action = rawAction === undefined ? undefined : new URL(decodeEntities(rawAction), url).href;
    const isLoginPage = page.includes('<title>Panopto dev server — sign in</title>');
    const hidden = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g)];
    if (response.status === 200 && action && !isLoginPage && hidden.length > 0) {
      // A self-submitting form (oidc-provider uses one to end the previous user's session when
      // another user signs in): a browser's script would submit it, so submit it.
      const form = new URLSearchParams(hidden.map((m): [string, string] => [decodeEntities(m[1]), decodeEntities(m[2])]));
      url = action;
      request = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
      continue;
    }
    if (response.status !== 200 || !action || !isLoginPage || submitted) {
      const text = decodeEntities(
        page
          .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      throw new Error(`browser stopped at ${response.status} ${url}: ${text.slice(0, 400)}`);
    }
    const form = new URLSearchParams();
    if (options.deny) form.set('action', 'deny');
    else if (page.includes(`name="user" value="${user}"`)) form.set('user', user);
    else form.set('username', user);
    submitted = true;
    url = action;
    request = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error(`browser gave up after 20 redirects at ${url}`);
}

export interface SignInOptions {
  user: string;
  scope: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  /** Send code_challenge (S256) and code_verifier. */
  pkce?: boolean;
  /** How the client authenticates at the token endpoint; default Basic (as Panopto's sample). */
  clientAuth?: 'basic' | 'post';
}

export interface SignInResult {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresIn: number;
  scope?: string;
  /** The validated ID token claims, when an ID token came back. */
  claims?: Record<string, unknown>;
}

/** An openid-client Configuration for the dev client on `server` (endpoints built, not discovered). */
export function clientConfiguration(
  server: Pick<DevServer, 'issuer'>,
  options: { clientId?: string; clientSecret?: string; clientAuth?: 'basic' | 'post' } = {},
): oidc.Configuration {
  const secret = options.clientSecret ?? devClient.clientSecret;
  const auth = options.clientAuth === 'post' ? oidc.ClientSecretPost(secret) : oidc.ClientSecretBasic(secret);
  const config = new oidc.Configuration(serverMetadata(server), options.clientId ?? devClient.clientId, secret, auth);
  oidc.allowInsecureRequests(config);
  return config;
}

/** A whole authorization-code sign-in over real HTTP, code exchanged with openid-client. */
export async function signInOverHttp(server: Pick<DevServer, 'issuer'>, options: SignInOptions): Promise<SignInResult> {
  const config = clientConfiguration(server, options);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = options.pkce ? oidc.randomPKCECodeVerifier() : undefined;
  const params: Record<string, string> = {
    redirect_uri: options.redirectUri ?? devClient.redirectUris[0],
    scope: options.scope,
    response_type: 'code',
    state,
    nonce,
  };
  if (verifier) {
    params.code_challenge = await oidc.calculatePKCECodeChallenge(verifier);
    params.code_challenge_method = 'S256';
  }
  const authorizeUrl = oidc.buildAuthorizationUrl(config, params);
  const redirect = await browseToRedirect(authorizeUrl.href, options.user);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(redirect), {
    expectedState: state,
    expectedNonce: nonce,
    pkceCodeVerifier: verifier,
    idTokenExpected: options.scope.split(' ').includes('openid'),
  });
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token,
    expiresIn: tokens.expires_in ?? 0,
    scope: tokens.scope,
    claims: tokens.claims() as Record<string, unknown> | undefined,
  };
}
