// The sessions this window knows (of every site), the active one, and their change events.
// SecretStorage (TokenStore) is what every window shares: the registry mirrors it, reads it again
// when any window writes, and runs this window's own writes one at a time with those re-reads.
import type { Log } from '../util/log';
import { eventSession, toAuthSession, type ActiveAccountChange, type SessionsChange } from './authSession';
import { Emitter, type Disposable } from './events';
import type { SecretStore } from './secretStore';
import { sameSite, tryResolveSite, type AuthSettings } from './site';
import { classifyKey, type StoredSession, type TokenStore } from './tokenStore';

/** What the registry tells renewal scheduling (src/auth/sessionRenewal.ts). */
export interface SessionTimers {
  /** A session came, got a new token, or came back into view: plan its renewal. */
  schedule(session: StoredSession): void;
  /** A session left (or left the view): stop its renewal timer. */
  cancel(id: string): void;
}

export interface SessionRegistryOptions {
  store: TokenStore;
  /** Watched for other windows' (and this window's) writes. */
  secrets: Pick<SecretStore, 'onDidChange'>;
  log: Log;
  settings(): AuthSettings;
  timers: SessionTimers;
}

type StoredChange = { added?: StoredSession[]; removed?: StoredSession[]; changed?: StoredSession[] };

export class SessionRegistry implements Disposable {
  private readonly sessions = new Map<string, StoredSession>();
  private readonly changes = new Emitter<SessionsChange>();
  private readonly activeChanges = new Emitter<ActiveAccountChange>();
  /** Sessions added, removed or given a new token (of the configured site). */
  readonly onDidChangeSessions = this.changes.event;
  /** setActiveAccount switched the account the Panopto client uses. */
  readonly onDidChangeActiveAccount = this.activeChanges.event;
  private activeId: string | undefined;
  private loaded: Promise<void> | undefined;
  // Storage writes of sign-in/sign-out and the re-reads after a storage change run one at a time,
  // so a re-read never sees this window's own half-written state (e.g. the session before the index).
  private queue: Promise<unknown> = Promise.resolve();
  private syncQueued = false;
  private disposed = false;
  private readonly subscription: Disposable;

  constructor(private readonly options: SessionRegistryOptions) {
    // Subscribing is not I/O: the provider can be registered synchronously before anything is read.
    this.subscription = options.secrets.onDidChange(({ key }) => {
      const kind = classifyKey(key).kind;
      if (kind === 'index' || kind === 'session') {
        void this.syncFromStorage();
      }
    });
  }

  /** Reads storage once (the first caller waits; later callers get the same promise). */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      const { store, log, timers } = this.options;
      const stored = await store.readAll();
      const index = await store.readIndex();
      this.activeId = index.activeId;
      for (const s of stored) {
        this.sessions.set(s.id, s);
      }
      for (const s of this.visible()) {
        timers.schedule(s);
      }
      log.info(`Read ${stored.length} stored Panopto session(s)`);
    })();
    return this.loaded;
  }

  get(id: string): StoredSession | undefined {
    return this.sessions.get(id);
  }

  /** From memory, else from storage (e.g. signed in by another window a moment ago). */
  async lookup(id: string): Promise<StoredSession | undefined> {
    return this.sessions.get(id) ?? (await this.options.store.read(id));
  }

  /** Every known session, of every site. */
  all(): StoredSession[] {
    return [...this.sessions.values()];
  }

  /**
   * Sessions of the configured site. Bound by serverUrl: a token is only ever sent to the site that
   * issued it. (The client id is kept per session for its renewal; an application-key session of
   * another client of the same site stays visible.)
   */
  visible(settings: AuthSettings = this.options.settings()): StoredSession[] {
    const site = tryResolveSite(settings);
    return site ? this.all().filter((s) => s.serverUrl === site.serverUrl) : [];
  }

  isVisible(session: StoredSession): boolean {
    return tryResolveSite(this.options.settings())?.serverUrl === session.serverUrl;
  }

  /** The active account among `candidates`, else the newest sign-in. */
  pickActive(candidates: StoredSession[]): StoredSession | undefined {
    return candidates.find((s) => s.id === this.activeId) ?? [...candidates].sort((a, b) => b.createdAt - a.createdAt)[0];
  }

  async setActive(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session) {
      this.activeId = sessionId;
      await this.options.store.setActive(sessionId);
      this.activeChanges.fire({ sessionId, account: { ...session.account } });
    }
  }

  /**
   * Stores a new session as the active one and drops earlier sessions of the same account at the
   * same site (and kind); returns those. The caller fires the event.
   */
  record(stored: StoredSession): Promise<StoredSession[]> {
    return this.serialized(async () => {
      const { store } = this.options;
      const replaced = this.all().filter((s) => sameSite(s, stored) && s.subject === stored.subject && s.kind === stored.kind);
      this.sessions.set(stored.id, stored);
      this.activeId = stored.id;
      await store.write(stored);
      await store.setActive(stored.id);
      for (const old of replaced) {
        this.forget(old.id);
        await store.remove(old.id);
      }
      return replaced;
    });
  }

  /** Forgets a session here and in storage. The caller fires the event. */
  remove(id: string): Promise<void> {
    return this.serialized(async () => {
      this.forget(id);
      await this.options.store.remove(id);
    });
  }

  /** Takes a session read from storage into memory; fires `changed` if its token is new. */
  adopt(session: StoredSession): void {
    const known = this.sessions.get(session.id);
    this.sessions.set(session.id, session);
    if (known && known.accessToken !== session.accessToken) {
      this.options.timers.schedule(session);
      this.fire({ changed: [session] });
    } else if (!known) {
      this.options.timers.schedule(session);
      this.fire({ added: [session] });
    }
  }

  forget(id: string): void {
    this.sessions.delete(id);
    this.options.timers.cancel(id);
    if (this.activeId === id) {
      this.activeId = undefined;
    }
  }

  /** Fires an event with the sessions visible under the current settings. */
  fire(change: StoredChange, addedScopes?: readonly string[]): void {
    const visible = (list: StoredSession[] | undefined) => (list ?? []).filter((s) => this.isVisible(s));
    const event = {
      added: visible(change.added).map((s) => (addedScopes ? toAuthSession(s, addedScopes) : eventSession(s))),
      removed: visible(change.removed).map(eventSession),
      changed: visible(change.changed).map(eventSession),
    };
    if (event.added.length || event.removed.length || event.changed.length) {
      this.changes.fire(event);
    }
  }

  /** Call when panopto.* settings change: sessions of another site leave the view and come back. */
  settingsChanged(before: AuthSettings): void {
    const was = new Set(this.visible(before).map((s) => s.id));
    const now = new Set(this.visible().map((s) => s.id));
    const removed = this.all().filter((s) => was.has(s.id) && !now.has(s.id));
    const added = this.all().filter((s) => now.has(s.id) && !was.has(s.id));
    for (const s of removed) {
      this.options.timers.cancel(s.id);
    }
    for (const s of added) {
      this.options.timers.schedule(s);
    }
    if (added.length || removed.length) {
      // Not through fire(): the removed ones are no longer visible, and that is the news.
      this.changes.fire({ added: added.map(eventSession), removed: removed.map(eventSession), changed: [] });
    }
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.changes.dispose();
    this.activeChanges.dispose();
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
      const stored = await this.options.store.readAll();
      const index = await this.options.store.readIndex();
      this.activeId = index.activeId ?? this.activeId;
      const storedIds = new Set(stored.map((s) => s.id));
      for (const known of this.all()) {
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
}
