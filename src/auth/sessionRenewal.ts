// Keeping the registry's sessions renewed: a timer per visible session that renews ahead of expiry,
// renewal on demand (freshSession) through the Refresher (single flight, cross-window lease), and
// what a renewal's outcome means for the registry (new token, grant gone, signed out elsewhere).
// How a session obtains new tokens depends on its kind: the Renewers are passed in.
import * as l10n from '@vscode/l10n';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import type { AccountInfo } from './authSession';
import type { Clock, TimerHandle } from './clock';
import { GrantRevokedError, SignInFailedError, TokenServiceUnavailableError } from './errors';
import type { Disposable } from './events';
import type { OAuthClient, TokenResult } from './oauthClient';
import type { OAuthClients } from './oauthClients';
import type { Refresher, RefresherOptions, RefreshCriteria, RefreshOutcome } from './refresher';
import { timerDelayMs, timerThresholdMs } from './renewalTiming';
import type { SessionRegistry, SessionTimers } from './sessionRegistry';
import type { StoredSession, TokenStore } from './tokenStore';

/** How a session kind obtains new tokens. */
export type Renewer = (session: StoredSession, oauth: OAuthClient) => Promise<TokenResult>;

export type Renewers = Readonly<Record<StoredSession['kind'], Renewer>>;

/** An authorization-code session renews with its refresh token. */
export const refreshTokenRenewer: Renewer = async (session, oauth) => {
  if (!session.refreshToken) {
    // Signed in without offline_access: nothing to renew with.
    throw new GrantRevokedError();
  }
  return oauth.refresh(session.refreshToken);
};

export type RefresherTuning = Partial<Pick<RefresherOptions, 'leaseSettleMs' | 'leaseTtlMs' | 'pollMs' | 'retryDelaysMs' | 'owner'>>;

export interface SessionRenewalOptions {
  registry: SessionRegistry;
  store: TokenStore;
  clients: OAuthClients;
  renewers: Renewers;
  clock: Clock;
  log: Log;
  refresher?: RefresherTuning;
  /** For the timers' jitter (tests pass a fixed one). */
  random?: () => number;
  /** Called once per session removed because its grant is gone, to offer a new sign-in of the same kind. */
  onGrantLost?(account: AccountInfo, serverUrl: string, kind: StoredSession['kind']): void;
  /** Makes the Refresher on the first renewal (AuthCoreOptions.makeRefresher). */
  makeRefresher(options: RefresherOptions): Refresher;
}

export class SessionRenewal implements SessionTimers, Disposable {
  private refresherPart: Refresher | undefined;
  private readonly timers = new Map<string, TimerHandle>();
  /** Accounts whose lost grant was already reported (one prompt per loss, never a loop). */
  private readonly lostPrompted = new Set<string>();
  private disposed = false;

  constructor(private readonly options: SessionRenewalOptions) {}

  /** Made on the first renewal: a start whose tokens are all fresh renews nothing. */
  private get refresher(): Refresher {
    return (this.refresherPart ??= this.options.makeRefresher({
      ...this.options.refresher,
      store: this.options.store,
      clock: this.options.clock,
      log: this.options.log,
      renew: (session) => this.renew(session),
    }));
  }

  /**
   * The session with a token meeting the criteria, renewing it (single flight, cross-window safe) if
   * needed; undefined when the session is gone. Throws TokenServiceUnavailableError when the site
   * could not be reached (the session is kept).
   */
  async freshSession(id: string, criteria: RefreshCriteria): Promise<StoredSession | undefined> {
    const known = this.options.registry.get(id);
    if (
      known &&
      known.expiresAt - this.options.clock.now() >= criteria.thresholdMs &&
      (criteria.rejectedAccessToken === undefined || known.accessToken !== criteria.rejectedAccessToken)
    ) {
      return known;
    }
    let outcome: RefreshOutcome;
    try {
      outcome = await this.refresher.ensureFresh(id, criteria);
    } catch (error) {
      if (error instanceof TokenServiceUnavailableError) {
        this.options.log.warn(`Could not renew the session now: ${error.message}`);
      }
      throw error;
    }
    return this.apply(outcome, id);
  }

  /** A new sign-in of this account: a later loss of its grant is reported again. */
  signedIn(accountId: string): void {
    this.lostPrompted.delete(accountId);
  }

  schedule(session: StoredSession): void {
    this.timers.get(session.id)?.dispose();
    if (this.disposed || !this.options.registry.isVisible(session)) {
      this.timers.delete(session.id);
      return;
    }
    const delay = timerDelayMs(session, this.options.clock.now(), this.options.random);
    this.timers.set(
      session.id,
      this.options.clock.setTimeout(() => void this.onTimer(session.id), delay),
    );
  }

  cancel(id: string): void {
    this.timers.get(id)?.dispose();
    this.timers.delete(id);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) {
      timer.dispose();
    }
    this.timers.clear();
  }

  private renew(session: StoredSession): Promise<TokenResult> {
    const renewer = this.options.renewers[session.kind] as Renewer | undefined;
    if (!renewer) {
      return Promise.reject(new SignInFailedError(l10n.t('this kind of session ({0}) cannot be renewed here', session.kind)));
    }
    return renewer(session, this.options.clients.for(session));
  }

  private apply(outcome: RefreshOutcome, id: string): StoredSession | undefined {
    const { registry } = this.options;
    switch (outcome.kind) {
      case 'fresh':
      case 'refreshed':
        registry.adopt(outcome.session);
        return outcome.session;
      case 'revoked': {
        const known = registry.get(id);
        registry.forget(id);
        if (known) {
          // (Unless a re-read of storage already reported it.)
          registry.fire({ removed: [known] });
        }
        const { account, serverUrl, kind } = outcome.session;
        if (!this.lostPrompted.has(account.id)) {
          this.lostPrompted.add(account.id);
          this.options.onGrantLost?.(account, serverUrl, kind);
        }
        return undefined;
      }
      case 'gone': {
        const known = registry.get(id);
        if (known) {
          registry.forget(id);
          registry.fire({ removed: [known] });
        }
        return undefined;
      }
    }
  }

  private async onTimer(id: string): Promise<void> {
    this.timers.delete(id);
    const session = this.options.registry.get(id);
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
      const retryMs = Math.min(30_000, Math.max(1000, (session.expiresAt - this.options.clock.now()) / 4));
      this.options.log.warn(`Background renewal failed (${errorMessage(error)}); retrying in ${Math.round(retryMs / 1000)} s`);
      if (!this.disposed && this.options.registry.get(id)) {
        this.timers.set(
          id,
          this.options.clock.setTimeout(() => void this.onTimer(id), retryMs),
        );
      }
    }
  }
}
