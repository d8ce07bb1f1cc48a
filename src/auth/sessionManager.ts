// The `panopto` provider's core, with no VS Code in it: the sessions of every signed-in account,
// their events, sign-in, sign-out, renewal, other windows' changes, and the AccessSource the
// Panopto client uses. src/authProvider.ts adapts it to vscode.AuthenticationProvider.
//
// Seams for other ways in (issue 6): clientFor(site).passwordGrant(…) obtains tokens by the
// application-key grant, addSession({ kind: 'applicationKey', userKey, … }) records them, and
// registerRenewer('applicationKey', …) makes renewal repeat the grant (a `changed` event, same
// session). Routes (loopback / UriHandler / paste) are chosen in signInRoutes.ts from the host kind.
import { randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import type * as oidc from 'openid-client';
import type { Log } from '../util/log';
import { NotSignedInError, type AccessSource, type PanoptoAccess } from '../panopto/access';
import { applicationKeyRenewer } from './applicationKeySignIn';
import { ApplicationKeys, identityProviderOf } from './applicationKeyStore';
import { ClientSecrets } from './clientSecrets';
import { systemClock, type Clock, type TimerHandle } from './clock';
import { GrantRevokedError, SignInFailedError, TokenServiceUnavailableError } from './errors';
import { Emitter, type Disposable } from './events';
import type { ExtensionHostKind } from './signInRoutes';
import { LoopbackServers } from './loopbackServer';
import { OAuthClient, type TokenResult } from './oauthClient';
import {
  Refresher,
  refreshMarginMs,
  timerDelayMs,
  timerThresholdMs,
  type RefresherOptions,
  type RefreshOutcome,
} from './refresher';
import { effectiveScopes, includesAll, normalizeScopes, scopesToRequest } from './scopes';
import type { SecretStore } from './secretStore';
import { runAuthorizationCodeFlow, type SignInUi } from './signInFlow';
import { resolveSite, sameSite, tryResolveSite, type AuthSettings, type Site } from './site';
import { classifyKey, TokenStore, type StoredSession } from './tokenStore';
import { RedirectRouter } from './redirectRouter';

export interface AccountInfo {
  id: string;
  label: string;
}

/** What other extensions receive: exactly these four fields (never a refresh token). */
export interface AuthSession {
  readonly id: string;
  readonly accessToken: string;
  readonly account: AccountInfo;
  readonly scopes: readonly string[];
}

export interface SessionsChange {
  added: AuthSession[];
  removed: AuthSession[];
  changed: AuthSession[];
}

/** A signed-in account as the UI lists it (no tokens). */
export interface AccountSummary {
  sessionId: string;
  account: AccountInfo;
  serverUrl: string;
  active: boolean;
}

export interface AuthCoreOptions {
  secrets: SecretStore;
  log: Log;
  settings(): AuthSettings;
  ui: SignInUi;
  clock?: Clock;
  hostKind?: () => ExtensionHostKind;
  signInTimeoutMs?: number;
  /** Called once per session removed because its grant is gone, to offer a new sign-in of the same kind. */
  onGrantLost?(account: AccountInfo, serverUrl: string, kind: StoredSession['kind']): void;
  /** Asked when a sign-in needs the client secret and none is stored; undefined = go on as a public client. */
  askClientSecret?(site: Site): Promise<string | undefined>;
  oauth?: { fetch?: typeof fetch; timeoutSeconds?: number };
  refresher?: Partial<Pick<RefresherOptions, 'leaseSettleMs' | 'leaseTtlMs' | 'pollMs' | 'retryDelaysMs' | 'owner'>>;
  random?: () => number;
}

/** How a session kind obtains new tokens; issue 6 registers 'applicationKey' (repeated password grant). */
export type Renewer = (session: StoredSession, oauth: OAuthClient) => Promise<TokenResult>;

export class AuthCore implements AccessSource, Disposable {
  readonly router: RedirectRouter;
  readonly clientSecrets: ClientSecrets;
  /** ID providers' application keys (applicationKeySignIn.ts), by site and provider. */
  readonly applicationKeys: ApplicationKeys;
  private readonly clock: Clock;
  private readonly log: Log;
  private readonly store: TokenStore;
  private readonly loopback: LoopbackServers;
  private readonly refresher: Refresher;
  private readonly emitter = new Emitter<SessionsChange>();
  readonly onDidChangeSessions = this.emitter.event;
  private readonly sessions = new Map<string, StoredSession>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly oauthClients = new Map<string, OAuthClient>();
  private readonly renewers = new Map<StoredSession['kind'], Renewer>();
  private readonly lostPrompted = new Set<string>();
  private activeId: string | undefined;
  private loaded: Promise<void> | undefined;
  // Storage writes of sign-in/sign-out and the re-reads after a storage change run one at a time,
  // so a re-read never sees this window's own half-written state (e.g. the session before the index).
  private queue: Promise<unknown> = Promise.resolve();
  private syncQueued = false;
  private disposed = false;
  private readonly subscriptions: Disposable[] = [];
  private readonly pendingSignIns = new Set<AbortController>();

  constructor(private readonly options: AuthCoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
    this.store = new TokenStore(options.secrets, options.log);
    this.clientSecrets = new ClientSecrets(options.secrets);
    this.applicationKeys = new ApplicationKeys(options.secrets);
    this.router = new RedirectRouter(options.log);
    this.loopback = new LoopbackServers(this.router, options.log);
    this.refresher = new Refresher({
      ...options.refresher,
      store: this.store,
      clock: this.clock,
      log: options.log,
      renew: (session) => this.renew(session),
    });
    this.renewers.set('authorizationCode', async (session, oauth) => {
      if (!session.refreshToken) {
        // Signed in without offline_access: nothing to renew with.
        throw new GrantRevokedError();
      }
      return oauth.refresh(session.refreshToken);
    });
    // Registered here, not by the command, so that a window that starts with a stored
    // application-key session renews it without the command ever having run.
    this.renewers.set('applicationKey', applicationKeyRenewer(this.applicationKeys));
    // Subscribing is not I/O: the provider can be registered synchronously before anything is read.
    this.subscriptions.push(
      options.secrets.onDidChange(({ key }) => {
        const kind = classifyKey(key).kind;
        if (kind === 'index' || kind === 'session') {
          void this.syncFromStorage();
        }
      }),
    );
  }

  registerRenewer(kind: StoredSession['kind'], renewer: Renewer): void {
    this.renewers.set(kind, renewer);
  }

  // ---- reading sessions -------------------------------------------------------------------------

  /**
   * Sessions of the configured site whose granted scopes include all of `scopes` (empty = the
   * configured defaults), each with at least the refresh margin left; `scopes` of each returned
   * session are exactly the ones asked for.
   */
  async getSessions(scopes?: readonly string[], options?: { account?: AccountInfo }): Promise<AuthSession[]> {
    await this.load();
    const settings = this.options.settings();
    const wanted = effectiveScopes(scopes, settings.scopes);
    // offline_access asks for a refresh token; it says nothing about what the access token may do,
    // and a server need not list it among the granted scopes, so it does not take part in matching.
    const mustHave = wanted.filter((s) => s !== 'offline_access');
    const candidates = this.visibleSessions(settings).filter(
      (s) => includesAll(s.scopes, mustHave) && (!options?.account || s.account.id === options.account.id),
    );
    const results = await Promise.allSettled(candidates.map((s) => this.freshSession(s.id, { thresholdMs: refreshMarginMs(s) })));
    const sessions: AuthSession[] = [];
    let unavailable: Error | undefined;
    for (const result of results) {
      if (result.status === 'fulfilled') {
        if (result.value) {
          sessions.push(toAuthSession(result.value, wanted));
        }
      } else {
        unavailable = result.reason instanceof Error ? result.reason : new Error(String(result.reason));
      }
    }
    // If every matching session failed to renew for a passing reason, say so instead of reporting
    // "signed out" (which would make callers start a new sign-in).
    if (sessions.length === 0 && unavailable) {
      throw unavailable;
    }
    return sessions;
  }

  /** The configured site's accounts, without tokens and without renewing anything. */
  async listAccounts(): Promise<AccountSummary[]> {
    await this.load();
    const visible = this.visibleSessions(this.options.settings());
    const active = this.pickActive(visible);
    return visible.map((s) => ({ sessionId: s.id, account: s.account, serverUrl: s.serverUrl, active: s.id === active?.id }));
  }

  /** True when the configured site has a session (memory only; false until storage was read). */
  hasSessions(): boolean {
    return this.visibleSessions(this.options.settings()).length > 0;
  }

  /** AccessSource: the active account's site and a token with at least the margin left. */
  async getAccess(options?: { forceRefresh?: boolean }): Promise<PanoptoAccess> {
    await this.load();
    const session = this.pickActive(this.visibleSessions(this.options.settings()));
    if (!session) {
      throw new NotSignedInError(l10n.t('Not signed in to Panopto. Run "Panopto: Sign In".'));
    }
    const fresh = await this.freshSession(session.id, {
      thresholdMs: refreshMarginMs(session),
      rejectedAccessToken: options?.forceRefresh ? session.accessToken : undefined,
    });
    if (!fresh) {
      throw new NotSignedInError(l10n.t('Your Panopto sign-in has ended. Run "Panopto: Sign In".'));
    }
    return { serverUrl: fresh.serverUrl, accessToken: fresh.accessToken };
  }

  async setActiveAccount(sessionId: string): Promise<void> {
    await this.load();
    if (this.sessions.has(sessionId)) {
      this.activeId = sessionId;
      await this.store.setActive(sessionId);
      this.emitter.fire({ added: [], removed: [], changed: [] });
    }
  }

  // ---- signing in and out -----------------------------------------------------------------------

  /** The interactive sign-in; resolves with the new session (scopes as asked). */
  async createSession(
    scopes: readonly string[] | undefined,
    options?: { signal?: AbortSignal; extra?: Record<string, string>; preferPaste?: boolean },
  ): Promise<AuthSession> {
    await this.load();
    const settings = this.options.settings();
    const site = resolveSite(settings);
    const requested = effectiveScopes(scopes, settings.scopes);
    const ask = scopesToRequest(requested, settings.scopes);
    await this.ensureClientSecret(site);
    const oauth = this.oauthClient(site);
    // Disposing the core (window closing, extension deactivated) ends a waiting sign-in.
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    options?.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options?.signal?.aborted) {
      abort.abort();
    }
    this.pendingSignIns.add(abort);
    let outcome;
    try {
      outcome = await runAuthorizationCodeFlow(
        { router: this.router, loopback: this.loopback, ui: this.options.ui, clock: this.clock, log: this.log },
        {
          oauth,
          redirectUri: settings.redirectUri,
          scopes: ask,
          usePkce: settings.usePkce,
          hostKind: this.options.hostKind?.() ?? 'local',
          preferPaste: options?.preferPaste,
          signal: abort.signal,
          timeoutMs: this.options.signInTimeoutMs,
          extra: options?.extra,
        },
      );
    } finally {
      this.pendingSignIns.delete(abort);
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
   * Records a session obtained by any grant (the code flow above; issue 6's application-key grant),
   * replacing an earlier session of the same account at the same site.
   */
  async addSession(input: {
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
  }): Promise<StoredSession> {
    await this.load();
    if (!input.tokens.expiresInSeconds) {
      this.log.info('The token response named no lifetime; assuming one hour');
    }
    const now = this.clock.now();
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
    const replaced = await this.serialized(async () => {
      const replaced = [...this.sessions.values()].filter(
        (s) => sameSite(s, stored) && s.subject === stored.subject && s.kind === stored.kind,
      );
      this.sessions.set(stored.id, stored);
      this.activeId = stored.id;
      await this.store.write(stored);
      await this.store.setActive(stored.id);
      for (const old of replaced) {
        this.forget(old.id);
        await this.store.remove(old.id);
      }
      return replaced;
    });
    this.lostPrompted.delete(stored.account.id);
    this.schedule(stored);
    this.log.info(`Signed in to ${stored.serverUrl} as ${stored.account.label}`);
    this.fire({ added: [stored], removed: replaced }, input.eventScopes);
    return stored;
  }

  /** Signs out: forgets the session, then revokes its refresh token at its site (best effort). */
  async removeSession(sessionId: string): Promise<void> {
    await this.load();
    const session = this.sessions.get(sessionId) ?? (await this.store.read(sessionId));
    if (!session) {
      this.log.info('Sign-out asked for a session that no longer exists');
      return;
    }
    await this.serialized(async () => {
      this.forget(sessionId);
      await this.store.remove(sessionId);
    });
    this.log.info(`Signed out ${session.account.label} at ${session.serverUrl}`);
    this.fire({ removed: [session] });
    await this.forgetUnusedApplicationKey(session);
    const oauth = this.oauthClient({ serverUrl: session.serverUrl, clientId: session.clientId, issuer: session.issuer });
    if (session.refreshToken) {
      await oauth.revoke(session.refreshToken, 'refresh_token');
    } else {
      await oauth.revoke(session.accessToken, 'access_token');
    }
  }

  /**
   * An application key can act as any user of its ID provider: when the last session of that
   * provider at that site signs out, the key goes too.
   */
  private async forgetUnusedApplicationKey(session: StoredSession): Promise<void> {
    if (session.kind !== 'applicationKey' || !session.userKey) {
      return;
    }
    const provider = identityProviderOf(session.userKey);
    const stillUsed = [...this.sessions.values()].some(
      (s) => s.kind === 'applicationKey' && s.serverUrl === session.serverUrl && s.userKey !== undefined && identityProviderOf(s.userKey) === provider,
    );
    if (!stillUsed) {
      await this.applicationKeys.delete(session.serverUrl, session.userKey);
      this.log.info(`Removed the stored application key of ID provider ${provider} at ${session.serverUrl}`);
    }
  }

  /** Call when panopto.* settings change: sessions of another site leave the view and come back. */
  settingsChanged(before: AuthSettings): void {
    const after = this.options.settings();
    const was = new Set(this.visibleSessions(before).map((s) => s.id));
    const now = new Set(this.visibleSessions(after).map((s) => s.id));
    const removed = [...this.sessions.values()].filter((s) => was.has(s.id) && !now.has(s.id));
    const added = [...this.sessions.values()].filter((s) => now.has(s.id) && !was.has(s.id));
    for (const s of removed) {
      this.timers.get(s.id)?.dispose();
      this.timers.delete(s.id);
    }
    for (const s of added) {
      this.schedule(s);
    }
    if (added.length || removed.length) {
      this.emitter.fire({ added: added.map(eventSession), removed: removed.map(eventSession), changed: [] });
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const abort of this.pendingSignIns) {
      abort.abort();
    }
    for (const timer of this.timers.values()) {
      timer.dispose();
    }
    this.timers.clear();
    this.subscriptions.forEach((d) => d.dispose());
    this.emitter.dispose();
  }

  // ---- internals --------------------------------------------------------------------------------

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const stored = await this.store.readAll();
      const index = await this.store.readIndex();
      this.activeId = index.activeId;
      for (const s of stored) {
        this.sessions.set(s.id, s);
      }
      for (const s of this.visibleSessions(this.options.settings())) {
        this.schedule(s);
      }
      this.log.info(`Read ${stored.length} stored Panopto session(s)`);
    })();
    return this.loaded;
  }

  /**
   * Sessions of the configured site. Bound by serverUrl: a token is only ever sent to the site that
   * issued it. (The client id is kept per session for its renewal; an application-key session of
   * another client of the same site stays visible.)
   */
  private visibleSessions(settings: AuthSettings): StoredSession[] {
    const site = tryResolveSite(settings);
    return site ? [...this.sessions.values()].filter((s) => s.serverUrl === site.serverUrl) : [];
  }

  private pickActive(candidates: StoredSession[]): StoredSession | undefined {
    return candidates.find((s) => s.id === this.activeId) ?? [...candidates].sort((a, b) => b.createdAt - a.createdAt)[0];
  }

  private oauthClient(site: Pick<Site, 'serverUrl' | 'clientId' | 'issuer'>): OAuthClient {
    const key = `${site.issuer}|${site.clientId}`;
    let client = this.oauthClients.get(key);
    if (!client) {
      const full: Site = { ...site, insecureLoopback: site.serverUrl.startsWith('http:') };
      client = new OAuthClient(full, {
        log: this.log,
        clientSecret: () => this.clientSecrets.get(full),
        fetch: this.options.oauth?.fetch,
        timeoutSeconds: this.options.oauth?.timeoutSeconds,
      });
      this.oauthClients.set(key, client);
    }
    return client;
  }

  /** For issue 6 (application-key grant) and tests: the OAuth client of a site. */
  clientFor(site: Site): OAuthClient {
    return this.oauthClient(site);
  }

  private async ensureClientSecret(site: Site): Promise<void> {
    if ((await this.clientSecrets.get(site)) || !this.options.askClientSecret) {
      return;
    }
    const secret = await this.options.askClientSecret(site);
    if (secret) {
      await this.clientSecrets.set(site, secret);
    }
  }

  private async accountLabel(oauth: OAuthClient, tokens: TokenResult, claims: oidc.IDToken): Promise<string> {
    const fromClaims = stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username');
    if (fromClaims) {
      return fromClaims;
    }
    const info = await oauth.userInfo(tokens.accessToken, claims.sub);
    return (
      (info && (stringClaim(info, 'name') ?? stringClaim(info, 'preferred_username') ?? stringClaim(info, 'emailaddress') ?? stringClaim(info, 'email'))) ??
      claims.sub
    );
  }

  private renew(session: StoredSession): Promise<TokenResult> {
    const renewer = this.renewers.get(session.kind);
    if (!renewer) {
      return Promise.reject(new SignInFailedError(l10n.t('this kind of session ({0}) cannot be renewed here', session.kind)));
    }
    return renewer(session, this.oauthClient(session));
  }

  /**
   * The session with a token meeting the criteria, renewing it (single flight, cross-window safe) if
   * needed; undefined when the session is gone. Throws TokenServiceUnavailableError when the site
   * could not be reached (the session is kept).
   */
  private async freshSession(id: string, criteria: { thresholdMs: number; rejectedAccessToken?: string }): Promise<StoredSession | undefined> {
    const known = this.sessions.get(id);
    if (
      known &&
      known.expiresAt - this.clock.now() >= criteria.thresholdMs &&
      (criteria.rejectedAccessToken === undefined || known.accessToken !== criteria.rejectedAccessToken)
    ) {
      return known;
    }
    let outcome: RefreshOutcome;
    try {
      outcome = await this.refresher.ensureFresh(id, criteria);
    } catch (error) {
      if (error instanceof TokenServiceUnavailableError) {
        this.log.warn(`Could not renew the session now: ${error.message}`);
      }
      throw error;
    }
    return this.apply(outcome, id);
  }

  private apply(outcome: RefreshOutcome, id: string): StoredSession | undefined {
    switch (outcome.kind) {
      case 'fresh':
      case 'refreshed':
        this.adopt(outcome.session);
        return outcome.session;
      case 'revoked': {
        const known = this.sessions.get(id);
        this.forget(id);
        if (known) {
          // (Unless a re-read of storage already reported it.)
          this.fire({ removed: [known] });
        }
        const { account, serverUrl, kind } = outcome.session;
        if (!this.lostPrompted.has(account.id)) {
          this.lostPrompted.add(account.id);
          this.options.onGrantLost?.(account, serverUrl, kind);
        }
        return undefined;
      }
      case 'gone': {
        const known = this.sessions.get(id);
        if (known) {
          this.forget(id);
          this.fire({ removed: [known] });
        }
        return undefined;
      }
    }
  }

  /** Takes a session read from storage into memory; fires `changed` if its token is new. */
  private adopt(session: StoredSession): void {
    const known = this.sessions.get(session.id);
    this.sessions.set(session.id, session);
    if (known && known.accessToken !== session.accessToken) {
      this.schedule(session);
      this.fire({ changed: [session] });
    } else if (!known) {
      this.schedule(session);
      this.fire({ added: [session] });
    }
  }

  private forget(id: string): void {
    this.sessions.delete(id);
    this.timers.get(id)?.dispose();
    this.timers.delete(id);
    if (this.activeId === id) {
      this.activeId = undefined;
    }
  }

  private schedule(session: StoredSession): void {
    this.timers.get(session.id)?.dispose();
    if (this.disposed || !this.isVisible(session)) {
      this.timers.delete(session.id);
      return;
    }
    const delay = timerDelayMs(session, this.clock.now(), this.options.random);
    this.timers.set(session.id, this.clock.setTimeout(() => void this.onTimer(session.id), delay));
  }

  private isVisible(session: StoredSession): boolean {
    return tryResolveSite(this.options.settings())?.serverUrl === session.serverUrl;
  }

  private async onTimer(id: string): Promise<void> {
    this.timers.delete(id);
    const session = this.sessions.get(id);
    if (!session || this.disposed) {
      return;
    }
    try {
      const fresh = await this.freshSession(id, { thresholdMs: timerThresholdMs(session) });
      if (fresh && fresh.accessToken === session.accessToken && !this.timers.has(id)) {
        // Nothing to do yet (a capped long timer, or another window renewed): look again later.
        this.schedule(fresh);
      }
    } catch (error) {
      const retryMs = Math.min(30_000, Math.max(1000, (session.expiresAt - this.clock.now()) / 4));
      this.log.warn(`Background renewal failed (${error instanceof Error ? error.message : String(error)}); retrying in ${Math.round(retryMs / 1000)} s`);
      if (!this.disposed && this.sessions.has(id)) {
        this.timers.set(id, this.clock.setTimeout(() => void this.onTimer(id), retryMs));
      }
    }
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Another window (or this one) changed the stored sessions: mirror it and fire what changed. */
  private syncFromStorage(): Promise<void> {
    if (this.syncQueued) {
      return this.queue.then(() => undefined);
    }
    this.syncQueued = true;
    return this.serialized(async () => {
      this.syncQueued = false;
      if (this.disposed) {
        return;
      }
      await this.load();
      const stored = await this.store.readAll();
      const index = await this.store.readIndex();
      this.activeId = index.activeId ?? this.activeId;
      const storedIds = new Set(stored.map((s) => s.id));
      for (const known of [...this.sessions.values()]) {
        if (!storedIds.has(known.id)) {
          this.forget(known.id);
          this.fire({ removed: [known] });
        }
      }
      for (const s of stored) {
        this.adopt(s);
      }
    });
  }

  /** Fires an event with the sessions visible under the current settings. */
  private fire(
    change: { added?: StoredSession[]; removed?: StoredSession[]; changed?: StoredSession[] },
    addedScopes?: readonly string[],
  ): void {
    const visible = (list: StoredSession[] | undefined) => (list ?? []).filter((s) => this.isVisible(s));
    const event = {
      added: visible(change.added).map((s) => (addedScopes ? toAuthSession(s, addedScopes) : eventSession(s))),
      removed: visible(change.removed).map(eventSession),
      changed: visible(change.changed).map(eventSession),
    };
    if (event.added.length || event.removed.length || event.changed.length) {
      this.emitter.fire(event);
    }
  }
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function toAuthSession(stored: StoredSession, scopes: readonly string[]): AuthSession {
  return { id: stored.id, accessToken: stored.accessToken, account: { ...stored.account }, scopes: [...scopes] };
}

function eventSession(stored: StoredSession): AuthSession {
  return toAuthSession(stored, stored.scopes);
}
