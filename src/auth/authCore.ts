// The `panopto` provider's core, with no VS Code in it. src/authProvider.ts adapts it to
// vscode.AuthenticationProvider; the Folders view and the Panopto client (as an AccessSource) use it
// directly. It composes one part per concern:
//   SessionRegistry (sessionRegistry.ts)  the sessions, the active one, their events, other windows' writes;
//   SessionRenewal  (sessionRenewal.ts)   renewal timers and renewal on demand, per session kind;
//   SessionSignIn   (sessionSignIn.ts)    the interactive sign-in and recording any grant's session;
//   signOut         (signOut.ts)          forgetting a session and revoking its token.
// Other ways in: clientFor(site).passwordGrant(…) obtains tokens by the application-key grant and
// addSession({ kind: 'applicationKey', userKey, … }) records them (applicationKeySignIn.ts); the
// sign-in's routes (loopback / UriHandler / paste) are chosen in signInRoutes.ts from the host kind.
import * as l10n from '@vscode/l10n';
import type { Log } from '../util/log';
import { NotSignedInError, type AccessSource, type PanoptoAccess } from '../panopto/access';
import { applicationKeyRenewer } from './applicationKeySignIn';
import { ApplicationKeys } from './applicationKeyStore';
import { toAuthSession, type AccountInfo, type AccountSummary, type AuthSession } from './authSession';
import { ClientSecrets } from './clientSecrets';
import { systemClock, type Clock } from './clock';
import type { Disposable } from './events';
import { OAuthClients } from './oauthClients';
import type { OAuthClient, OAuthClientOptions } from './oauthClient';
import { RedirectRouter } from './redirectRouter';
import type { Refresher, RefresherOptions } from './refresher';
import { refreshMarginMs } from './renewalTiming';
import { effectiveScopes, includesAll } from './scopes';
import type { SecretStore } from './secretStore';
import { SessionRegistry } from './sessionRegistry';
import { refreshTokenRenewer, SessionRenewal, type RefresherTuning } from './sessionRenewal';
import type { CreateSessionOptions, NewSession, SessionSignIn, SessionSignInOptions } from './sessionSignIn';
import type { SignInUi } from './signInFlow';
import type { ExtensionHostKind } from './signInRoutes';
import { signOut } from './signOut';
import type { AuthSettings, Site } from './site';
import { TokenStore, type StoredSession } from './tokenStore';

export type { AccountInfo, AccountSummary, ActiveAccountChange, AuthSession, SessionsChange } from './authSession';

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
  refresher?: RefresherTuning;
  random?: () => number;
  /**
   * Makes the sign-in part (`new SessionSignIn(options)`, sessionSignIn.ts) when a sign-in or a
   * grant first needs it. A factory so that the sign-in code (the flow, the loopback server) can
   * load with that first use instead of at activation: src/authModule.ts takes it from
   * dist/features.js (src/features/load.ts; bench figure 6: start-up).
   */
  makeSignIn(options: SessionSignInOptions): SessionSignIn;
  /** Makes a site's OAuth client (`new OAuthClient(site, options)`, oauthClient.ts) on its first use, for the same reason. */
  makeOAuthClient(site: Site, options: OAuthClientOptions): OAuthClient;
  /** Makes the Refresher (`new Refresher(options)`, refresher.ts) on the first renewal, for the same reason. */
  makeRefresher(options: RefresherOptions): Refresher;
}

export class AuthCore implements AccessSource, Disposable {
  readonly router: RedirectRouter;
  readonly clientSecrets: ClientSecrets;
  /** ID providers' application keys (applicationKeySignIn.ts), by site and provider. */
  readonly applicationKeys: ApplicationKeys;
  /** Sessions of the configured site added, removed, or given a new token. */
  readonly onDidChangeSessions: SessionRegistry['onDidChangeSessions'];
  /** setActiveAccount made another account the one the Panopto client uses. */
  readonly onDidChangeActiveAccount: SessionRegistry['onDidChangeActiveAccount'];
  private readonly log: Log;
  private readonly clients: OAuthClients;
  private readonly registry: SessionRegistry;
  private readonly renewal: SessionRenewal;
  private readonly signInOptions: SessionSignInOptions;
  private signInPart: SessionSignIn | undefined;

  constructor(private readonly options: AuthCoreOptions) {
    const clock = options.clock ?? systemClock;
    const settings = () => options.settings();
    this.log = options.log;
    const store = new TokenStore(options.secrets, options.log);
    this.clientSecrets = new ClientSecrets(options.secrets);
    this.applicationKeys = new ApplicationKeys(options.secrets);
    this.router = new RedirectRouter(options.log);
    this.clients = new OAuthClients({
      log: options.log,
      clientSecrets: this.clientSecrets,
      ...options.oauth,
      make: (site, clientOptions) => options.makeOAuthClient(site, clientOptions),
    });
    this.registry = new SessionRegistry({
      store,
      secrets: options.secrets,
      log: options.log,
      settings,
      // The registry and renewal refer to each other: it plans renewals, renewal updates it.
      timers: { schedule: (session) => this.renewal.schedule(session), cancel: (id) => this.renewal.cancel(id) },
    });
    this.renewal = new SessionRenewal({
      registry: this.registry,
      store,
      clients: this.clients,
      // The application-key renewer is always here, not added by the command, so that a window that
      // starts with a stored application-key session renews it without the command ever having run.
      renewers: { authorizationCode: refreshTokenRenewer, applicationKey: applicationKeyRenewer(this.applicationKeys) },
      clock,
      log: options.log,
      refresher: options.refresher,
      random: options.random,
      onGrantLost: (account, serverUrl, kind) => options.onGrantLost?.(account, serverUrl, kind),
      makeRefresher: (refresherOptions) => options.makeRefresher(refresherOptions),
    });
    this.signInOptions = {
      registry: this.registry,
      renewal: this.renewal,
      clients: this.clients,
      clientSecrets: this.clientSecrets,
      router: this.router,
      ui: options.ui,
      clock,
      log: options.log,
      settings,
      hostKind: () => options.hostKind?.() ?? 'local',
      signInTimeoutMs: options.signInTimeoutMs,
      askClientSecret: async (site) => options.askClientSecret?.(site),
    };
    this.onDidChangeSessions = this.registry.onDidChangeSessions;
    this.onDidChangeActiveAccount = this.registry.onDidChangeActiveAccount;
  }

  /**
   * Sessions of the configured site whose granted scopes include all of `scopes` (empty = the
   * configured defaults), each with at least the refresh margin left; `scopes` of each returned
   * session are exactly the ones asked for.
   */
  async getSessions(scopes?: readonly string[], options?: { account?: AccountInfo }): Promise<AuthSession[]> {
    await this.registry.load();
    const settings = this.options.settings();
    const wanted = effectiveScopes(scopes, settings.scopes);
    // offline_access asks for a refresh token; it says nothing about what the access token may do,
    // and a server need not list it among the granted scopes, so it does not take part in matching.
    const mustHave = wanted.filter((s) => s !== 'offline_access');
    const candidates = this.registry
      .visible(settings)
      .filter((s) => includesAll(s.scopes, mustHave) && (!options?.account || s.account.id === options.account.id));
    const results = await Promise.allSettled(candidates.map((s) => this.renewal.freshSession(s.id, { thresholdMs: refreshMarginMs(s) })));
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
    await this.registry.load();
    const visible = this.registry.visible();
    const active = this.registry.pickActive(visible);
    return visible.map((s) => ({ sessionId: s.id, account: s.account, serverUrl: s.serverUrl, active: s.id === active?.id }));
  }

  /** AccessSource: the active account's site and a token with at least the margin left. */
  async getAccess(options?: { forceRefresh?: boolean }): Promise<PanoptoAccess> {
    await this.registry.load();
    const session = this.registry.pickActive(this.registry.visible());
    if (!session) {
      throw new NotSignedInError(l10n.t('Not signed in to Panopto. Run "Panopto: Sign In".'));
    }
    const fresh = await this.renewal.freshSession(session.id, {
      thresholdMs: refreshMarginMs(session),
      rejectedAccessToken: options?.forceRefresh ? session.accessToken : undefined,
    });
    if (!fresh) {
      throw new NotSignedInError(l10n.t('Your Panopto sign-in has ended. Run "Panopto: Sign In".'));
    }
    return { serverUrl: fresh.serverUrl, accessToken: fresh.accessToken };
  }

  /** Makes a signed-in session the active account; fires onDidChangeActiveAccount. */
  async setActiveAccount(sessionId: string): Promise<void> {
    await this.registry.load();
    await this.registry.setActive(sessionId);
  }

  /** The sign-in part, made on first use (see AuthCoreOptions.makeSignIn). */
  private get signIn(): SessionSignIn {
    this.signInPart ??= this.options.makeSignIn(this.signInOptions);
    return this.signInPart;
  }

  /** The interactive sign-in; resolves with the new session (scopes as asked). */
  createSession(scopes: readonly string[] | undefined, options?: CreateSessionOptions): Promise<AuthSession> {
    return this.signIn.createSession(scopes, options);
  }

  /**
   * Records a session obtained by any grant (the code flow; the application-key grant),
   * replacing an earlier session of the same account at the same site.
   */
  addSession(input: NewSession): Promise<StoredSession> {
    return this.signIn.addSession(input);
  }

  /** Signs out: forgets the session, then revokes its token at its site (best effort). */
  removeSession(sessionId: string): Promise<void> {
    return signOut({ registry: this.registry, clients: this.clients, applicationKeys: this.applicationKeys, log: this.log }, sessionId);
  }

  /** Call when panopto.* settings change: sessions of another site leave the view and come back. */
  settingsChanged(before: AuthSettings): void {
    this.registry.settingsChanged(before);
  }

  /** The OAuth client of a site (the application-key grant; tests). */
  clientFor(site: Site): OAuthClient {
    return this.clients.for(site);
  }

  dispose(): void {
    this.signInPart?.dispose();
    this.renewal.dispose();
    this.registry.dispose();
  }
}
