// The dev server's OAuth 2 / OpenID Connect part: oidc-provider (a certified OpenID provider)
// configured with Panopto's paths and behaviour (docs/panopto.md#oauth), plus the switches that make it
// misbehave the way real Panopto sites or integrators have reported.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { Configuration, FindAccount } from 'oidc-provider';
import type { DevPrincipal } from './context';
import { findUserById } from './seedUsers';
import { countTokenRequest, type Stats } from './stats';
import type { Switches } from './switches';
import { clientAdapter, devClientMetadata, redirectUriRegistered, staticClientMetadata } from './oauth/clients';
import { readBody, replayRequest, sendHtml, sendJson, sendOAuthError } from './oauth/http';
import { createInteractionHandler } from './oauth/interactions';
import { MemoryStore } from './oauth/memoryStore';
import { registerPasswordGrant } from './oauth/passwordGrant';
import { devSigningKey } from './oauth/signingKey';
import { renderErrorPage } from './views/errorPage';
import { answerAsNotPanopto } from './oauth/notPanoptoSite';
import { registerUnauthorizedClientName } from './oauth/clientErrorNames';
import { rewriteTokenAnswer } from './faults';
import { loadOidcProvider } from './oauth/loadProvider';

export interface OAuthOptions {
  /** `${baseUrl}${issuerPath}` */
  issuer: string;
  /** e.g. '/Panopto/oauth2' */
  issuerPath: string;
  switches: Switches;
  stats: Stats;
  /** Redirect URIs registered on the dev client besides the two defaults. */
  extraRedirectUris: readonly string[];
}

export interface OAuthServer {
  /** Serves everything under issuerPath; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** The signed-in user behind an access token; undefined when unknown, expired or revoked. */
  principalFor(accessToken: string): Promise<DevPrincipal | undefined>;
  /** Revokes every grant now: every refresh and access token stops working. */
  revokeAll(): void;
}

/** Panopto's routes (IdentityServer names), relative to the issuer. */
export const oauthRoutes = {
  authorization: '/connect/authorize',
  token: '/connect/token',
  userinfo: '/connect/userinfo',
  revocation: '/connect/revocation',
  end_session: '/connect/endsession',
  jwks: '/.well-known/jwks',
} as const;
const discoveryRoute = '/.well-known/openid-configuration';

const findAccount: FindAccount = async (_ctx, sub) => {
  const user = findUserById(sub);
  if (!user) return undefined;
  return {
    accountId: user.userId,
    async claims() {
      return {
        sub: user.userId,
        name: user.displayName,
        preferred_username: user.userName,
        email: user.email,
        // Which claim names the address is not documented, so both `email` and `emailaddress` are sent
        // (docs/panopto.md#userinfo-claims).
        emailaddress: user.email,
      };
    },
  };
};

function providerConfiguration(options: OAuthOptions, store: MemoryStore): Configuration {
  const { switches, issuerPath } = options;
  const clients = clientAdapter(options.extraRedirectUris, () => switches.oauthClientFault);
  return {
    adapter: (model: string) => (model === 'Client' ? clients : store.adapterFactory(model)),
    clients: staticClientMetadata(),
    // 'id_token token' besides oidc-provider's defaults: the implicit flow of a "JavaScript Web
    // Application" client (docs/panopto.md#client-types), which oauthClientFault 'wrongClientType' uses.
    responseTypes: ['code id_token', 'code', 'id_token', 'id_token token', 'none'],
    jwks: { keys: [devSigningKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount,
    scopes: ['openid', 'api', 'offline_access', 'profile', 'email'],
    // Panopto's default scope is just `openid api`, and integrators read name/email from the ID
    // token and userinfo with it, so these claims come with `openid`.
    claims: {
      openid: ['sub', 'name', 'preferred_username', 'email', 'emailaddress'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'emailaddress'],
    },
    conformIdTokenClaims: false,
    routes: oauthRoutes,
    interactions: {
      url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke only its own tokens; another client's token is left alone (RFC 7009 answers 200 anyway).
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
    },
    // PKCE is never required; when sent it is verified (the `pkce` switch decides what is sent on).
    pkce: { required: () => false },
    rotateRefreshToken: () => switches.rotateRefreshTokens,
    ttl: {
      AccessToken: () => switches.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 14 * 24 * 3600,
      Grant: 30 * 24 * 3600,
      RefreshToken: () => switches.refreshTokenTtlSeconds,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage(out);
    },
  };
}

/**
 * Adjusts an interactive authorize request before oidc-provider sees it:
 * - `login`: the sign-in page shows on every interactive sign-in (no silent single sign-on from an
 *   earlier browser session), so a person can pick another seeded user for a second account.
 * - `consent` when offline_access is asked: oidc-provider drops offline_access without
 *   prompt=consent, while Panopto grants it (consent itself is granted automatically).
 * prompt=none (a silent request) is left alone.
 */
function withPanoptoPrompts(url: URL): void {
  const prompts = (url.searchParams.get('prompt') ?? '').split(' ').filter(Boolean);
  if (prompts.includes('none')) return;
  const wanted = new Set([...prompts, 'login']);
  if ((url.searchParams.get('scope') ?? '').split(' ').includes('offline_access')) wanted.add('consent');
  url.searchParams.set('prompt', [...wanted].join(' '));
}

export async function createOAuthServer(options: OAuthOptions): Promise<OAuthServer> {
  const { issuerPath, switches, stats } = options;
  const store = new MemoryStore();
  const { default: Provider, errors } = await loadOidcProvider();
  devClientMetadata(options.extraRedirectUris); // refuses bad redirect URIs now, not at the first sign-in
  const provider = new Provider(options.issuer, providerConfiguration(options, store));
  registerPasswordGrant(provider, errors, findAccount);
  registerUnauthorizedClientName(provider);
  const handleInteraction = createInteractionHandler(provider, issuerPath, switches);
  const callback = provider.callback();

  /** Hands the request to oidc-provider with the issuer path stripped (as a mounted app sees it). */
  async function toProvider(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void> {
    const mounted = req as IncomingMessage & { originalUrl?: string };
    mounted.originalUrl = pathAndQuery;
    mounted.url = pathAndQuery.slice(issuerPath.length) || '/';
    await callback(mounted, res);
  }

  // Hashes of refresh tokens presented while rotation was on: each is spent by its first use.
  const presentedRefreshTokens = new Set<string>();
  function noteSpentRefreshToken(form: URLSearchParams): void {
    const token = form.get('refresh_token');
    if (form.get('grant_type') !== 'refresh_token' || !token || !switches.rotateRefreshTokens) return;
    const hash = createHash('sha256').update(token).digest('hex');
    if (presentedRefreshTokens.has(hash)) stats.spentRefreshTokensPresented += 1;
    presentedRefreshTokens.add(hash);
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const form = new URLSearchParams(body.toString('utf8'));
    countTokenRequest(stats, form.get('grant_type') ?? undefined);
    if (switches.tokenEndpointDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, switches.tokenEndpointDelayMs));
    }
    if (switches.tokenEndpointFailures > 0) {
      switches.tokenEndpointFailures -= 1;
      sendOAuthError(res, 503, 'temporarily_unavailable', 'The token endpoint is unavailable (dev server switch tokenEndpointFailures).');
      return;
    }
    if (form.has('code_verifier')) {
      if (switches.pkce === 'reject') {
        sendOAuthError(res, 400, 'invalid_grant', 'PKCE parameters are not accepted for this client.');
        return;
      }
      if (switches.pkce === 'ignore') form.delete('code_verifier');
    }
    noteSpentRefreshToken(form); // only requests the OAuth server sees spend a token
    const forwarded = replayRequest(req, Buffer.from(form.toString(), 'utf8'));
    rewriteTokenAnswer(res, switches.tokenAnswerFault, devSigningKey(), switches.idTokenClockSkewSeconds);
    await toProvider(forwarded, res, url.pathname + url.search);
  }

  return {
    async handle(req, res, url) {
      // server.ts asks this handler first for every request, so a site that is not Panopto answers here.
      if (await answerAsNotPanopto(req, res, url, switches.notPanopto)) return true;
      const path = url.pathname;
      if (path !== issuerPath && !path.startsWith(`${issuerPath}/`)) return false;
      const local = path.slice(issuerPath.length);

      if (local === discoveryRoute && !switches.discovery) {
        sendJson(res, 404, { error: 'not_found', error_description: 'Discovery is off (dev server switch discovery).' });
        return true;
      }
      if (await handleInteraction(req, res, url)) return true;
      if (local === oauthRoutes.token && req.method === 'POST') {
        await handleToken(req, res, url);
        return true;
      }
      if (local === oauthRoutes.authorization) {
        const authorizeUrl = new URL(url);
        const clientId = authorizeUrl.searchParams.get('client_id');
        const redirectUri = authorizeUrl.searchParams.get('redirect_uri');
        if (
          clientId &&
          redirectUri &&
          !redirectUriRegistered(clientId, redirectUri, options.extraRedirectUris, switches.oauthClientFault)
        ) {
          // Checked here too because a "native" client (custom-scheme extras) would let loopback ports float.
          // Unknown clients fall through to oidc-provider, which reports them. Shown on the site, never
          // sent to the unregistered address; IdentityServer's code and wording (a guess for Panopto).
          if (await provider.Client.find(clientId)) {
            sendHtml(res, 400, renderErrorPage({ error: 'unauthorized_client', error_description: 'Invalid redirect_uri' }));
            return true;
          }
        }
        withPanoptoPrompts(authorizeUrl);
        if (switches.pkce === 'ignore') {
          authorizeUrl.searchParams.delete('code_challenge');
          authorizeUrl.searchParams.delete('code_challenge_method');
        }
        await toProvider(req, res, authorizeUrl.pathname + authorizeUrl.search);
        return true;
      }
      await toProvider(req, res, path + url.search);
      return true;
    },

    async principalFor(accessToken) {
      const token = await provider.AccessToken.find(accessToken);
      if (!token || token.isExpired || !token.accountId || !token.grantId) return undefined;
      const grant = await provider.Grant.find(token.grantId);
      if (!grant) return undefined;
      const user = findUserById(token.accountId);
      if (!user) return undefined;
      return {
        userId: user.userId,
        userName: user.userName,
        displayName: user.displayName,
        scopes: (token.scope ?? '').split(' ').filter(Boolean),
      };
    },

    revokeAll() {
      store.revokeAll();
    },
  };
}
