// Signing in: the interactive authorization-code sign-in (createSession), recording a session
// obtained by any grant (addSession; applicationKeySignIn.ts records its password-grant sessions
// here), the account's label, and asking for the client secret when none is stored.
import { randomUUID } from 'node:crypto';
import type * as oidc from 'openid-client';
import type { Log } from '../util/log';
import { toAuthSession, type AuthSession } from './authSession';
import type { ClientSecrets } from './clientSecrets';
import type { Clock } from './clock';
import { SignInFailedError } from './errors';
import type { Disposable } from './events';
import { LoopbackServers } from './loopbackServer';
import type { OAuthClient, TokenResult } from './oauthClient';
import type { OAuthClients } from './oauthClients';
import type { RedirectRouter } from './redirectRouter';
import { effectiveScopes, normalizeScopes, scopesToRequest } from './scopes';
import type { SessionRegistry } from './sessionRegistry';
import type { SessionRenewal } from './sessionRenewal';
import { runAuthorizationCodeFlow, type SignInUi } from './signInFlow';
import type { ExtensionHostKind } from './signInRoutes';
import { resolveSite, type AuthSettings, type Site } from './site';
import type { StoredSession } from './tokenStore';

/** A session obtained by some grant, to be recorded. */
export interface NewSession {
  site: Site;
  kind: StoredSession['kind'];
  tokens: TokenResult;
  subject: string;
  label: string;
  askedScopes: readonly string[];
  userKey?: string;
  /**
   * The scopes the `added` event reports, in the caller's order. VS Code (1.100) clears a pending
   * "Sign in to use X" request only when an added session's scopes join to exactly the requested
   * list, order included; the stored scopes are sorted for matching.
   */
  eventScopes?: readonly string[];
}

export interface CreateSessionOptions {
  signal?: AbortSignal;
  extra?: Record<string, string>;
  preferPaste?: boolean;
}

export interface SessionSignInOptions {
  registry: SessionRegistry;
  renewal: SessionRenewal;
  clients: OAuthClients;
  clientSecrets: ClientSecrets;
  router: RedirectRouter;
  ui: SignInUi;
  clock: Clock;
  log: Log;
  settings(): AuthSettings;
  hostKind(): ExtensionHostKind;
  signInTimeoutMs?: number;
  /** Asked when a sign-in needs the client secret and none is stored; undefined = go on as a public client. */
  askClientSecret(site: Site): Promise<string | undefined>;
}

/** The auth core's factory for this part (AuthCoreOptions.makeSignIn in authCore.ts). */
export function createSessionSignIn(options: SessionSignInOptions): SessionSignIn {
  return new SessionSignIn(options);
}

export class SessionSignIn implements Disposable {
  private readonly loopback: LoopbackServers;
  private readonly pending = new Set<AbortController>();

  constructor(private readonly options: SessionSignInOptions) {
    this.loopback = new LoopbackServers(options.router, options.log);
  }

  /** The interactive sign-in; resolves with the new session (scopes as asked). */
  async createSession(scopes: readonly string[] | undefined, options?: CreateSessionOptions): Promise<AuthSession> {
    await this.options.registry.load();
    const settings = this.options.settings();
    const site = resolveSite(settings);
    const requested = effectiveScopes(scopes, settings.scopes);
    const ask = scopesToRequest(requested, settings.scopes);
    await this.ensureClientSecret(site);
    const oauth = this.options.clients.for(site);
    // Disposing the core (window closing, extension deactivated) ends a waiting sign-in.
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    options?.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options?.signal?.aborted) {
      abort.abort();
    }
    this.pending.add(abort);
    let outcome;
    try {
      const { router, ui, clock, log } = this.options;
      outcome = await runAuthorizationCodeFlow(
        { router, loopback: this.loopback, ui, clock, log },
        {
          oauth,
          redirectUri: settings.redirectUri,
          scopes: ask,
          usePkce: settings.usePkce,
          hostKind: this.options.hostKind(),
          preferPaste: options?.preferPaste,
          signal: abort.signal,
          timeoutMs: this.options.signInTimeoutMs,
          extra: options?.extra,
        },
      );
    } catch (error) {
      await this.forgetRefusedSecret(site, error);
      throw error;
    } finally {
      this.pending.delete(abort);
      options?.signal?.removeEventListener('abort', onOuterAbort);
    }
    const { tokens, claims } = outcome;
    const label = await this.accountLabel(oauth, tokens, claims);
    const stored = await this.addSession({
      site,
      kind: 'authorizationCode',
      tokens,
      subject: claims.sub,
      label,
      askedScopes: ask,
      eventScopes: requested,
    });
    return toAuthSession(stored, requested);
  }

  /**
   * Records a session obtained by any grant, as the active one, replacing an earlier session of the
   * same account at the same site.
   */
  async addSession(input: NewSession): Promise<StoredSession> {
    const { registry, renewal, clock, log } = this.options;
    await registry.load();
    // The lifetime was bounded and logged where the answer was read (tokenLifetime.ts); it counts
    // from the answer's arrival when the sign-in noted it.
    const now = input.tokens.receivedAt ?? clock.now();
    const stored: StoredSession = {
      version: 1,
      id: randomUUID(),
      kind: input.kind,
      serverUrl: input.site.serverUrl,
      clientId: input.site.clientId,
      issuer: input.site.issuer,
      subject: input.subject,
      account: { id: `${input.subject}@${input.site.serverUrl}`, label: input.label },
      scopes: normalizeScopes(input.tokens.scopes ?? input.askedScopes),
      accessToken: input.tokens.accessToken,
      ...(input.tokens.refreshToken ? { refreshToken: input.tokens.refreshToken } : {}),
      ...(input.userKey ? { userKey: input.userKey } : {}),
      issuedAt: now,
      expiresAt: now + (input.tokens.expiresInSeconds ?? 3600) * 1000,
      createdAt: now,
    };
    const replaced = await registry.record(stored);
    renewal.signedIn(stored.account.id);
    renewal.schedule(stored);
    log.info(`Signed in to ${stored.serverUrl} as ${stored.account.label}`);
    registry.fire({ added: [stored], removed: replaced }, input.eventScopes);
    return stored;
  }

  /** Ends every sign-in still waiting for its redirect. */
  dispose(): void {
    for (const abort of this.pending) {
      abort.abort();
    }
  }

  private async ensureClientSecret(site: Site): Promise<void> {
    if (await this.options.clientSecrets.get(site)) {
      return;
    }
    const secret = await this.options.askClientSecret(site);
    if (secret) {
      await this.options.clientSecrets.set(site, secret);
    }
  }

  /** A secret the site refused (invalid_client) is not kept: the next sign-in asks for it again. */
  private async forgetRefusedSecret(site: Site, error: unknown): Promise<void> {
    if (error instanceof SignInFailedError && error.oauthError === 'invalid_client' && (await this.options.clientSecrets.get(site))) {
      await this.options.clientSecrets.delete(site);
      this.options.log.warn(`Forgot the client secret of ${site.clientId} at ${site.serverUrl}: the site refused it`);
    }
  }

  private async accountLabel(oauth: OAuthClient, tokens: TokenResult, claims: oidc.IDToken): Promise<string> {
    const fromClaims = stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username');
    if (fromClaims) {
      return fromClaims;
    }
    const info = await oauth.userInfo(tokens.accessToken, claims.sub);
    return (
      (info &&
        (stringClaim(info, 'name') ??
          stringClaim(info, 'preferred_username') ??
          stringClaim(info, 'emailaddress') ??
          stringClaim(info, 'email'))) ??
      claims.sub
    );
  }
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
