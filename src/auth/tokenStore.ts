// How sessions sit in SecretStorage, the only place they are kept.
//
// Layout (one secret per session, as Microsoft's provider does, so that two windows refreshing
// different accounts never overwrite each other):
//   panopto.auth.index          {"version":1,"ids":[…],"activeId":…}   which sessions exist
//   panopto.auth.session.<id>   one StoredSession (tokens, expiry, site, account)
//   panopto.auth.lease.<id>     {"owner":…,"until":…} while a window refreshes that session
//
// The access token is stored next to the refresh token so that a window that sees another window's
// refresh (secrets.onDidChange) adopts the new access token instead of spending a token request.
// What is read is validated (storedShapes.ts); a corrupt entry is dropped with a log line, never a crash.
//
// Keyring errors (a locked or briefly unavailable keyring) are not corruption: a read is retried, the
// index's last good copy is kept in memory, and nothing is unlisted, overwritten or deleted because
// a read failed. A corrupt index is rebuilt from the session entries it can still find (the ids in
// its text, the last good copy, and every `panopto.auth.session.` key when the store can list keys),
// so no session is lost and no refresh token is left behind with nothing referring to it.
import { errorMessage } from '../util/errorMessage';
import { registerSecret, type Log } from '../util/log';
import { listKeys, readWithRetry, type KeyringRead } from './keyringReads';
import type { SecretStore } from './secretStore';
import { parseLease, parseSessionIndex, parseStoredSession, type Lease, type SessionIndex, type StoredSession } from './storedShapes';

export type { Lease, SessionIndex, StoredSession } from './storedShapes';

export const INDEX_KEY = 'panopto.auth.index';
const SESSION_PREFIX = 'panopto.auth.session.';
const LEASE_PREFIX = 'panopto.auth.lease.';

/** Session ids are random UUIDs (sessionSignIn.ts); found in a corrupt index's text to rebuild it. */
const SESSION_ID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The index as read, and whether it may be trusted to say which sessions exist. */
interface IndexRead {
  index: SessionIndex;
  trusted: boolean;
}

export function sessionKey(id: string): string {
  return `${SESSION_PREFIX}${id}`;
}

export function leaseKey(id: string): string {
  return `${LEASE_PREFIX}${id}`;
}

export type KeyKind = { kind: 'index' } | { kind: 'session'; id: string } | { kind: 'lease'; id: string } | { kind: 'other' };

export function classifyKey(key: string): KeyKind {
  if (key === INDEX_KEY) {
    return { kind: 'index' };
  }
  if (key.startsWith(SESSION_PREFIX)) {
    return { kind: 'session', id: key.slice(SESSION_PREFIX.length) };
  }
  if (key.startsWith(LEASE_PREFIX)) {
    return { kind: 'lease', id: key.slice(LEASE_PREFIX.length) };
  }
  return { kind: 'other' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The session as it will be stored (known fields only); a session missing a field is a bug, not stored. */
function checked(session: StoredSession): StoredSession {
  const valid = parseStoredSession(session);
  if (!valid) {
    throw new Error('A Panopto session to be stored is incomplete; it was not stored.');
  }
  return valid;
}

export class TokenStore {
  // Read-modify-write of the index is serialised within this window.
  private indexChain: Promise<unknown> = Promise.resolve();
  /** The index as last read or written here: stands in while the keyring cannot be read. */
  private lastGoodIndex: SessionIndex | undefined;

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
  ) {}

  /** The list of sessions; empty only when none is stored or none can be known (a log line says which). */
  async readIndex(): Promise<SessionIndex> {
    return (await this.loadIndex()).index;
  }

  private async loadIndex(): Promise<IndexRead> {
    const read = await this.tryGet(INDEX_KEY);
    if (!read.ok) {
      if (this.lastGoodIndex) {
        this.log.warn('Could not read the list of Panopto sessions; using the copy read before');
        return { index: this.lastGoodIndex, trusted: true };
      }
      return { index: { version: 1, ids: [] }, trusted: false };
    }
    if (read.value === undefined) {
      return { index: this.remember({ version: 1, ids: [] }), trusted: true };
    }
    const parsed = parseSessionIndex(parseJson(read.value));
    if (!parsed) {
      return { index: await this.rebuildIndex(read.value), trusted: true };
    }
    return { index: this.remember(parsed), trusted: true };
  }

  private remember(index: SessionIndex): SessionIndex {
    this.lastGoodIndex = index;
    return index;
  }

  /**
   * A corrupt index is replaced by one listing every session entry that still reads back intact;
   * entries that do not are deleted with their leases, so no secret is left that nothing refers to.
   */
  private async rebuildIndex(corruptText: string): Promise<SessionIndex> {
    const candidates = new Set<string>([...(corruptText.match(SESSION_ID_PATTERN) ?? []), ...(this.lastGoodIndex?.ids ?? [])]);
    for (const key of await listKeys(this.secrets, this.log)) {
      const kind = classifyKey(key);
      if (kind.kind === 'session' || kind.kind === 'lease') {
        candidates.add(kind.id);
      }
    }
    const ids: string[] = [];
    for (const id of candidates) {
      const entry = await this.readEntry(id);
      if (entry === 'unreadable') {
        ids.push(id); // the keyring failed, not the entry: keep it listed
      } else if (entry) {
        ids.push(id);
      } else {
        await this.safeDelete(sessionKey(id));
        await this.safeDelete(leaseKey(id));
      }
    }
    const active = this.lastGoodIndex?.activeId;
    const index: SessionIndex = { version: 1, ids, ...(active && ids.includes(active) ? { activeId: active } : {}) };
    this.log.warn(`The stored list of Panopto sessions was unreadable; rebuilt it from the ${ids.length} session(s) found`);
    try {
      await this.secrets.store(INDEX_KEY, JSON.stringify(index));
    } catch (error) {
      this.log.error(`Could not write to the secret storage: ${errorMessage(error)}`);
    }
    return this.remember(index);
  }

  /** One session, or undefined when absent; a corrupt entry is deleted (and unlisted) with a log line. */
  async read(id: string): Promise<StoredSession | undefined> {
    const entry = await this.readEntry(id);
    if (entry === undefined) {
      return undefined;
    }
    if (entry === 'unreadable') {
      return undefined; // the keyring failed: the entry stays as it is
    }
    if (entry === null) {
      this.log.warn(`A stored Panopto session (${id}) was unreadable and has been dropped; sign in again for that account.`);
      await this.remove(id);
      return undefined;
    }
    return entry;
  }

  /** One entry: the session, undefined when absent, null when corrupt, 'unreadable' when the keyring failed. */
  private async readEntry(id: string): Promise<StoredSession | undefined | null | 'unreadable'> {
    const read = await this.tryGet(sessionKey(id));
    if (!read.ok) {
      return 'unreadable';
    }
    if (read.value === undefined) {
      return undefined;
    }
    const parsed = parseStoredSession(parseJson(read.value));
    if (!parsed || parsed.id !== id) {
      return null;
    }
    registerSecret(parsed.accessToken);
    registerSecret(parsed.refreshToken);
    return parsed;
  }

  /** Every listed session that reads back intact; ids whose entry is gone are unlisted. */
  async readAll(): Promise<StoredSession[]> {
    const index = await this.readIndex();
    const sessions: StoredSession[] = [];
    const missing: string[] = [];
    for (const id of index.ids) {
      const entry = await this.readEntry(id);
      if (entry === 'unreadable') {
        continue; // not listed this time, still stored: a keyring error must not unlist a session
      }
      if (entry === null) {
        this.log.warn(`A stored Panopto session (${id}) was unreadable and has been dropped; sign in again for that account.`);
        await this.safeDelete(sessionKey(id));
        await this.safeDelete(leaseKey(id));
      }
      if (entry) {
        sessions.push(entry);
      } else {
        missing.push(id);
      }
    }
    if (missing.length > 0) {
      await this.updateIndex((ids) => ids.filter((id) => !missing.includes(id)));
    }
    return sessions;
  }

  async write(session: StoredSession): Promise<void> {
    registerSecret(session.accessToken);
    registerSecret(session.refreshToken);
    await this.secrets.store(sessionKey(session.id), JSON.stringify(checked(session)));
    try {
      await this.updateIndex((ids) => (ids.includes(session.id) ? ids : [...ids, session.id]));
    } catch (error) {
      // Unlisted, the entry would be a refresh token that nothing refers to: take it back out.
      await this.safeDelete(sessionKey(session.id));
      throw error;
    }
  }

  /**
   * Writes a renewed session only if it is still listed: a sign-out (here or in another window)
   * during the renewal must not be undone by writing the session back. False when it was gone.
   */
  async update(session: StoredSession): Promise<boolean> {
    // Only a list that was read says the session is gone. When the keyring cannot say, the renewed
    // tokens are written: the old refresh token may already be spent (rotation), so dropping the
    // new one would lose the session, and the entry it overwrites was there a moment ago.
    const { index, trusted } = await this.loadIndex();
    if (trusted && !index.ids.includes(session.id)) {
      return false;
    }
    registerSecret(session.accessToken);
    registerSecret(session.refreshToken);
    await this.secrets.store(sessionKey(session.id), JSON.stringify(checked(session)));
    return true;
  }

  async remove(id: string): Promise<void> {
    await this.updateIndex((ids) => ids.filter((other) => other !== id));
    await this.safeDelete(sessionKey(id));
    await this.safeDelete(leaseKey(id));
  }

  async setActive(id: string | undefined): Promise<void> {
    await this.updateIndex((ids) => ids, id);
  }

  async readLease(id: string): Promise<Lease | undefined> {
    const text = await this.safeGet(leaseKey(id));
    if (text === undefined) {
      return undefined;
    }
    return parseLease(parseJson(text));
  }

  async writeLease(id: string, lease: Lease): Promise<void> {
    await this.secrets.store(leaseKey(id), JSON.stringify(lease));
  }

  async deleteLease(id: string): Promise<void> {
    await this.safeDelete(leaseKey(id));
  }

  private updateIndex(change: (ids: string[]) => string[], activeId?: string): Promise<void> {
    const next = this.indexChain.then(async () => {
      // Re-read right before writing: another window may have added or removed a session.
      const { index, trusted } = await this.loadIndex();
      if (!trusted) {
        // Writing now would replace every other session's listing with just this change.
        throw new Error('Could not read the list of Panopto sessions from the secret storage; nothing was changed.');
      }
      const ids = change(index.ids);
      const active = activeId ?? index.activeId;
      const updated: SessionIndex = { version: 1, ids, ...(active && ids.includes(active) ? { activeId: active } : {}) };
      if (JSON.stringify(updated) !== JSON.stringify(index)) {
        await this.secrets.store(INDEX_KEY, JSON.stringify(updated));
        this.remember(updated);
      }
    });
    this.indexChain = next.catch(() => undefined);
    return next;
  }

  // Keyring failures (no keyring on Linux, a locked one) are logged and retried (keyringReads.ts);
  // callers then treat the value as unknown, never as absent.
  private tryGet(key: string): Promise<KeyringRead> {
    return readWithRetry(this.secrets, key, this.log);
  }

  // A lease is advisory (refresher.ts): an unreadable one reads as none.
  private async safeGet(key: string): Promise<string | undefined> {
    const read = await this.tryGet(key);
    return read.ok ? read.value : undefined;
  }

  private async safeDelete(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch (error) {
      this.log.error(`Could not delete from the secret storage: ${errorMessage(error)}`);
    }
  }
}
