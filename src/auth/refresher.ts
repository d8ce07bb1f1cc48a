// Keeping access tokens fresh: when to refresh, one refresh at a time per session in this window
// (single flight), and at most one window refreshing a session at a time (a lease in SecretStorage),
// because with rotating refresh tokens two windows spending the same refresh token get the whole
// grant revoked (oidc-provider and the OAuth security BCP treat reuse as theft).
import { randomUUID } from 'node:crypto';
import type { Log } from '../util/log';
import { withRetry } from '../util/retry';
import { sleep } from '../util/sleep';
import type { Clock } from './clock';
import { GrantRevokedError, TokenServiceUnavailableError } from './errors';
import type { TokenResult } from './oauthClient';
import { normalizeScopes } from './scopes';
import { tokenLifetimeSeconds } from './tokenLifetime';
import type { StoredSession, TokenStore } from './tokenStore';

/** Builds the stored session after a refresh (or repeated grant). */
export function applyTokens(session: StoredSession, tokens: TokenResult, receivedAt: number): StoredSession {
  // Bounded again here: a TokenResult may come from elsewhere than oauthClient.ts (tokenLifetime.ts).
  const lifetimeMs = tokenLifetimeSeconds(tokens.expiresInSeconds) * 1000;
  return {
    ...session,
    accessToken: tokens.accessToken,
    // Without rotation the server sends no new refresh token: keep the one we have.
    refreshToken: tokens.refreshToken ?? session.refreshToken,
    scopes: tokens.scopes ? normalizeScopes(tokens.scopes) : session.scopes,
    issuedAt: receivedAt,
    expiresAt: receivedAt + lifetimeMs,
  };
}

export type RefreshOutcome =
  | { kind: 'fresh'; session: StoredSession } // stored token was good (maybe another window refreshed it)
  | { kind: 'refreshed'; session: StoredSession } // this window refreshed it
  | { kind: 'revoked'; session: StoredSession } // the grant is gone; the session was removed from storage
  | { kind: 'gone' }; // no longer stored (signed out elsewhere)

export interface RefreshCriteria {
  /** Refresh when less than this is left. */
  thresholdMs: number;
  /** A token the server rejected (401/403): any other token counts as newer. */
  rejectedAccessToken?: string;
}

export interface RefresherOptions {
  store: TokenStore;
  clock: Clock;
  log: Log;
  /** Obtains new tokens for a session: refresh-token grant, or the repeated password grant (application-key sessions). */
  renew(session: StoredSession): Promise<TokenResult>;
  /** Identifies this window in leases. */
  owner?: string;
  leaseTtlMs?: number;
  /** How long to wait after writing a lease before reading it back to see who won. */
  leaseSettleMs?: number;
  pollMs?: number;
  /** Delays between attempts when the token endpoint is unavailable. */
  retryDelaysMs?: number[];
}

export class Refresher {
  private readonly inflight = new Map<string, Promise<RefreshOutcome>>();
  private ownerId: string | undefined;
  private readonly leaseTtlMs: number;
  private readonly leaseSettleMs: number;
  private readonly pollMs: number;
  private readonly retryDelaysMs: number[];

  /**
   * Who holds a lease this window writes. Made with the first lease, not in the constructor: the
   * first randomUUID() of a process fills Node's random-ID cache, which activation need not wait for
   * (bench figure 6: start-up).
   */
  private get owner(): string {
    this.ownerId ??= this.options.owner ?? randomUUID();
    return this.ownerId;
  }

  constructor(private readonly options: RefresherOptions) {
    // Longer than the worst renewal: three attempts of up to 30 s each plus the backoff between them.
    this.leaseTtlMs = options.leaseTtlMs ?? 120_000;
    this.leaseSettleMs = options.leaseSettleMs ?? 150;
    this.pollMs = options.pollMs ?? 200;
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 2000];
  }

  /**
   * Makes sure the session's stored token meets `criteria`, refreshing if needed. Concurrent callers
   * for one session share one attempt (and so one token request).
   */
  ensureFresh(id: string, criteria: RefreshCriteria): Promise<RefreshOutcome> {
    const running = this.inflight.get(id);
    if (running) {
      return running.then((outcome) => {
        // The shared attempt may have been for a laxer threshold or an older rejected token.
        if (outcome.kind === 'fresh' || outcome.kind === 'refreshed') {
          if (this.isGood(outcome.session, criteria)) {
            return outcome;
          }
          return this.ensureFresh(id, criteria);
        }
        return outcome;
      });
    }
    const attempt = this.run(id, criteria).finally(() => this.inflight.delete(id));
    this.inflight.set(id, attempt);
    return attempt;
  }

  private isGood(session: StoredSession, criteria: RefreshCriteria): boolean {
    return (
      session.expiresAt - this.options.clock.now() >= criteria.thresholdMs &&
      (criteria.rejectedAccessToken === undefined || session.accessToken !== criteria.rejectedAccessToken)
    );
  }

  private async run(id: string, criteria: RefreshCriteria): Promise<RefreshOutcome> {
    const { store, log } = this.options;
    // Re-read first: another window may already have refreshed (and rotated) this session.
    const stored = await store.read(id);
    if (!stored) {
      return { kind: 'gone' };
    }
    if (this.isGood(stored, criteria)) {
      return { kind: 'fresh', session: stored };
    }
    const lease = await this.acquireLease(id, criteria);
    if (lease.kind !== 'acquired') {
      return lease.outcome;
    }
    try {
      // The previous holder may have finished between our first read and our lease.
      const current = await store.read(id);
      if (!current) {
        return { kind: 'gone' };
      }
      if (this.isGood(current, criteria)) {
        return { kind: 'fresh', session: current };
      }
      log.info(`Renewing the access token of ${current.account.label} at ${current.serverUrl}`);
      let tokens: TokenResult;
      try {
        tokens = await this.renewWithRetry(current);
      } catch (error) {
        if (!(error instanceof GrantRevokedError)) {
          throw error;
        }
        // Before signing out, look once more: a window that ignored our lease may have rotated it.
        const again = await store.read(id);
        if (again && again.refreshToken !== current.refreshToken && this.isGood(again, criteria)) {
          log.info('Another window renewed this session meanwhile; using its token');
          return { kind: 'fresh', session: again };
        }
        log.warn(`The grant of ${current.account.label} at ${current.serverUrl} is no longer valid; removing the session`);
        await store.remove(id);
        return { kind: 'revoked', session: current };
      }
      const updated = applyTokens(current, tokens, this.options.clock.now());
      if (!(await store.update(updated))) {
        log.info('The session was signed out while it was being renewed; dropping the new token');
        return { kind: 'gone' };
      }
      log.info(
        `Renewed the access token of ${updated.account.label}; it lives ${Math.round((updated.expiresAt - updated.issuedAt) / 1000)} s`,
      );
      return { kind: 'refreshed', session: updated };
    } finally {
      await this.releaseLease(id);
    }
  }

  /** Retries only while the token endpoint is unavailable, once per entry of retryDelaysMs. */
  private renewWithRetry(session: StoredSession): Promise<TokenResult> {
    const delays = this.retryDelaysMs;
    return withRetry(
      () => this.options.renew(session),
      (error) => ({ retry: error instanceof TokenServiceUnavailableError }),
      {
        policy: { maxRetries: delays.length },
        // Each listed delay, jittered down to half of it.
        delayMs: (index) => delays[index] * (0.5 + Math.random() / 2),
        onRetry: (_error, _delay, index) => this.options.log.info(`Token endpoint unavailable; retrying in ${delays[index]} ms`),
        timers: this.options.clock,
      },
    );
  }

  /**
   * Takes the session's lease, or waits while another window holds it. Without compare-and-swap in
   * SecretStorage this is best effort: write, wait a moment, read back, and the last writer wins.
   */
  private async acquireLease(
    id: string,
    criteria: RefreshCriteria,
  ): Promise<{ kind: 'acquired' } | { kind: 'settled'; outcome: RefreshOutcome }> {
    const { store, clock, log } = this.options;
    let waitedForOther = false;
    for (;;) {
      const lease = await store.readLease(id);
      if (!lease || lease.owner === this.owner || lease.until <= clock.now()) {
        await store.writeLease(id, { owner: this.owner, until: clock.now() + this.leaseTtlMs });
        await sleep(this.leaseSettleMs, undefined, clock);
        const back = await store.readLease(id);
        if (back?.owner === this.owner) {
          return { kind: 'acquired' };
        }
      }
      if (!waitedForOther) {
        log.info('Another window is renewing this session; waiting for its result');
        waitedForOther = true;
      }
      await sleep(this.pollMs, undefined, clock);
      const stored = await store.read(id);
      if (!stored) {
        return { kind: 'settled', outcome: { kind: 'gone' } };
      }
      if (this.isGood(stored, criteria)) {
        return { kind: 'settled', outcome: { kind: 'fresh', session: stored } };
      }
    }
  }

  private async releaseLease(id: string): Promise<void> {
    const lease = await this.options.store.readLease(id);
    if (lease?.owner === this.owner) {
      await this.options.store.deleteLease(id);
    }
  }
}
