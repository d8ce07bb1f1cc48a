// Talking to the site's OpenID provider, through openid-client (a certified relying-party library):
// discovery (with a fallback to Panopto's fixed paths when a site serves no discovery document),
// the authorization URL, the code exchange (ID token validated by the library: signature, issuer,
// audience, nonce, expiry), refresh, userinfo, revocation, and the password grant used by the
// application-key sign-in. Plain HTTP is allowed only for loopback sites (the dev server).
// openid-client is loaded with the first request (src/vendor/load.ts), not at activation. What its
// failures mean for the user is decided in ./tokenErrors.ts.
import type * as oidc from 'openid-client';
import * as l10n from '@vscode/l10n';
import { registerSecret, type Log } from '../util/log';
import { vendor, type Vendor } from '../vendor/load';
import { SignInFailedError } from './errors';
import type { Site } from './site';
import { describeError, mapTokenError } from './tokenErrors';
import { tokenLifetimeSeconds } from './tokenLifetime';

export interface TokenResult {
  accessToken: string;
  refreshToken?: string;
  /** Seconds the access token is taken to live: the server's expires_in within tokenLifetime.ts's bounds. */
  expiresInSeconds?: number;
  receivedAt?: number; // local-clock ms when the answer arrived, when the caller noted it (signInFlow.ts)
  /** Granted scopes when the server listed them. */
  scopes?: string[];
  /** Validated ID-token claims (after a code exchange, or a refresh that returned an ID token). */
  claims?: oidc.IDToken;
}

export interface AuthorizationRequest {
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  nonce: string;
  codeChallenge?: string;
  /** Extra parameters (e.g. `login_hint`, `prompt`). */
  extra?: Record<string, string>;
}

export interface CodeExchange {
  /** The redirect URI exactly as sent in the authorization request. */
  redirectUri: string;
  /** The query parameters the browser brought back (code, state, iss, …). */
  response: URLSearchParams;
  expectedState: string;
  expectedNonce: string;
  codeVerifier?: string;
}

export interface OAuthClientOptions {
  log: Log;
  /** Reads the client secret when a request needs it; undefined = public client. */
  clientSecret: () => Promise<string | undefined>;
  /** Request timeout in seconds. */
  timeoutSeconds?: number;
  /** For tests that need to observe requests. */
  fetch?: typeof fetch;
}

/** Panopto's fixed OAuth paths, relative to the issuer (docs/panopto.md#oauth-endpoints). */
export function panoptoFixedMetadata(issuer: string): oidc.ServerMetadata {
  return {
    issuer,
    authorization_endpoint: `${issuer}/connect/authorize`,
    token_endpoint: `${issuer}/connect/token`,
    userinfo_endpoint: `${issuer}/connect/userinfo`,
    revocation_endpoint: `${issuer}/connect/revocation`,
    jwks_uri: `${issuer}/.well-known/jwks`,
  };
}

type FetchFn = typeof fetch;

/** openid-client's functions; the first call loads it. */
function openid(): Vendor['oidc'] {
  return vendor().oidc;
}

/** The auth core's factory for a site's client (AuthCoreOptions.makeOAuthClient in authCore.ts). */
export function createOAuthClient(site: Site, options: OAuthClientOptions): OAuthClient {
  return new OAuthClient(site, options);
}

export class OAuthClient {
  private metadata: Promise<oidc.ServerMetadata> | undefined;
  private readonly timeoutSeconds: number;
  private readonly baseFetch: FetchFn;

  constructor(
    readonly site: Site,
    private readonly options: OAuthClientOptions,
  ) {
    this.timeoutSeconds = options.timeoutSeconds ?? 30;
    this.baseFetch = options.fetch ?? fetch;
  }

  /** The provider's metadata: discovered once per client, Panopto's fixed paths when discovery is absent. */
  serverMetadata(): Promise<oidc.ServerMetadata> {
    if (!this.metadata) {
      this.metadata = this.discover();
      // A failed lookup is not cached: the next sign-in tries again.
      this.metadata.catch(() => (this.metadata = undefined));
    }
    return this.metadata;
  }

  private async discover(): Promise<oidc.ServerMetadata> {
    const { log } = this.options;
    let answered = false;
    const observingFetch: FetchFn = async (input, init) => {
      const response = await this.baseFetch(input, init);
      answered = true;
      return response;
    };
    try {
      const lib = openid();
      const config = await lib.discovery(new URL(this.site.issuer), this.site.clientId, undefined, lib.None(), {
        [lib.customFetch]: observingFetch,
        execute: this.site.insecureLoopback ? [lib.allowInsecureRequests] : [],
        timeout: this.timeoutSeconds,
      });
      log.info(`Read the OpenID discovery document of ${this.site.issuer}`);
      return { ...config.serverMetadata() };
    } catch (error) {
      if (!answered) {
        // Nothing answered: falling back would only send the user to a browser page that cannot load.
        log.warn(`Could not reach ${this.site.issuer} for discovery: ${describeError(error)}`);
        throw new SignInFailedError(l10n.t('could not reach {0} ({1})', this.site.serverUrl, describeError(error)));
      }
      log.info(`No usable discovery document at ${this.site.issuer} (${describeError(error)}); using Panopto's fixed OAuth paths`);
      return panoptoFixedMetadata(this.site.issuer);
    }
  }

  private async configuration(fetchOverride?: FetchFn): Promise<oidc.Configuration> {
    const metadata = await this.serverMetadata();
    const secret = await this.options.clientSecret();
    registerSecret(secret);
    // Panopto's samples authenticate the client with HTTP Basic; a client without a secret is public.
    const lib = openid();
    const auth = secret ? lib.ClientSecretBasic(secret) : lib.None();
    const config = new lib.Configuration(metadata, this.site.clientId, secret ? { client_secret: secret } : undefined, auth);
    if (this.site.insecureLoopback) {
      lib.allowInsecureRequests(config);
    }
    config.timeout = this.timeoutSeconds;
    config[lib.customFetch] = fetchOverride ?? this.baseFetch;
    return config;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const config = await this.configuration();
    const parameters: Record<string, string> = {
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(' '),
      state: request.state,
      nonce: request.nonce,
      ...request.extra,
    };
    if (request.codeChallenge) {
      parameters.code_challenge = request.codeChallenge;
      parameters.code_challenge_method = 'S256';
    }
    return openid().buildAuthorizationUrl(config, parameters);
  }

  /** Validates the redirect (state, iss) and exchanges the code; the ID token is validated too. */
  async exchangeCode(exchange: CodeExchange): Promise<TokenResult> {
    const code = exchange.response.get('code');
    registerSecret(code);
    // openid-client derives redirect_uri from the URL it is given by dropping the query; a registered
    // redirect URI can carry its own query (asExternalUri adds some), so send it exactly as we did.
    const exactRedirect: FetchFn = (input, init) => {
      if (init?.body instanceof URLSearchParams && init.body.get('grant_type') === 'authorization_code') {
        init.body.set('redirect_uri', exchange.redirectUri);
      }
      return this.baseFetch(input, init);
    };
    const config = await this.configuration(exactRedirect);
    // Check the ID token's signature against the site's JWKS too: openid-client skips it for token
    // endpoint answers (trusting TLS), and the account shown comes from these claims.
    openid().enableNonRepudiationChecks(config);
    const currentUrl = new URL(exchange.redirectUri);
    currentUrl.search = exchange.response.toString();
    currentUrl.hash = '';
    try {
      const response = await openid().authorizationCodeGrant(config, currentUrl, {
        expectedState: exchange.expectedState,
        expectedNonce: exchange.expectedNonce,
        pkceCodeVerifier: exchange.codeVerifier,
        idTokenExpected: true,
      });
      return toTokenResult(response, this.options.log);
    } catch (error) {
      throw mapTokenError(error, this.options.log, 'code exchange');
    }
  }

  async refresh(refreshToken: string): Promise<TokenResult> {
    registerSecret(refreshToken);
    const config = await this.configuration();
    try {
      return toTokenResult(await openid().refreshTokenGrant(config, refreshToken), this.options.log);
    } catch (error) {
      throw mapTokenError(error, this.options.log, 'refresh');
    }
  }

  /** Resource-owner password grant (Panopto's ID-provider integration). No refresh token. */
  async passwordGrant(username: string, password: string, scopes: readonly string[]): Promise<TokenResult> {
    registerSecret(password);
    const config = await this.configuration();
    try {
      const response = await openid().genericGrantRequest(config, 'password', { username, password, scope: scopes.join(' ') });
      return toTokenResult(response, this.options.log);
    } catch (error) {
      throw mapTokenError(error, this.options.log, 'password grant');
    }
  }

  async userInfo(accessToken: string, subject: string): Promise<oidc.UserInfoResponse | undefined> {
    const metadata = await this.serverMetadata();
    if (!metadata.userinfo_endpoint) {
      return undefined;
    }
    const config = await this.configuration();
    try {
      return await openid().fetchUserInfo(config, accessToken, subject);
    } catch (error) {
      this.options.log.warn(`Userinfo request failed: ${describeError(error)}`);
      return undefined;
    }
  }

  /** Best effort: a failure is logged, never thrown (the user is signed out locally either way). */
  async revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<boolean> {
    try {
      const metadata = await this.serverMetadata();
      if (!metadata.revocation_endpoint) {
        this.options.log.info('The site names no revocation endpoint; the token was only forgotten locally');
        return false;
      }
      const config = await this.configuration();
      await openid().tokenRevocation(config, token, { token_type_hint: hint });
      this.options.log.info(`Revoked the ${hint === 'refresh_token' ? 'refresh' : 'access'} token at ${this.site.serverUrl}`);
      return true;
    } catch (error) {
      this.options.log.warn(`Could not revoke the token at ${this.site.serverUrl}: ${describeError(error)}`);
      return false;
    }
  }
}

function toTokenResult(response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers, log: Log): TokenResult {
  [response.access_token, response.refresh_token, response.id_token].forEach(registerSecret);
  const scope = typeof response.scope === 'string' ? response.scope.split(' ').filter(Boolean) : undefined;
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresInSeconds: tokenLifetimeSeconds(response.expires_in, log), // zero, missing or absurd: bounded
    scopes: scope,
    claims: response.claims(),
  };
}
