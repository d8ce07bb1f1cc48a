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
// What is read is validated (zod); a corrupt entry is dropped with a log line, never a crash.
import * as z from 'zod/mini';
import { errorMessage } from '../util/errorMessage';
import { registerSecret, type Log } from '../util/log';
import type { SecretStore } from './secretStore';

export const INDEX_KEY = 'panopto.auth.index';
const SESSION_PREFIX = 'panopto.auth.session.';
const LEASE_PREFIX = 'panopto.auth.lease.';

const nonEmpty = z.string().check(z.minLength(1));

const storedSessionSchema = z.object({
  version: z.literal(1),
  id: nonEmpty,
  /** authorizationCode: refreshed with its refresh token; applicationKey: renewed by repeating the password grant. */
  kind: z.enum(['authorizationCode', 'applicationKey']),
  serverUrl: nonEmpty,
  clientId: nonEmpty,
  issuer: nonEmpty,
  subject: nonEmpty,
  account: z.object({ id: nonEmpty, label: nonEmpty }),
  /** Scopes the server granted (sorted). */
  scopes: z.array(z.string()),
  accessToken: nonEmpty,
  refreshToken: z.optional(nonEmpty),
  /** For applicationKey sessions: the user key the grant is repeated for (the key itself is a separate secret). */
  userKey: z.optional(z.string()),
  /** Local-clock milliseconds; computed from expires_in when the response arrived (not from JWT exp). */
  issuedAt: z.number(),
  expiresAt: z.number(),
  createdAt: z.number(),
});

export type StoredSession = z.infer<typeof storedSessionSchema>;

const indexSchema = z.object({
  version: z.literal(1),
  ids: z.array(nonEmpty),
  activeId: z.optional(z.string()),
});

export type SessionIndex = z.infer<typeof indexSchema>;

const leaseSchema = z.object({ owner: nonEmpty, until: z.number() });

export type Lease = z.infer<typeof leaseSchema>;

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

export class TokenStore {
  // Read-modify-write of the index is serialised within this window.
  private indexChain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
  ) {}

  async readIndex(): Promise<SessionIndex> {
    const text = await this.safeGet(INDEX_KEY);
    if (text === undefined) {
      return { version: 1, ids: [] };
    }
    const parsed = indexSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      this.log.warn('The stored list of Panopto sessions was unreadable and has been dropped; sign in again.');
      await this.safeDelete(INDEX_KEY);
      return { version: 1, ids: [] };
    }
    return parsed.data;
  }

  /** One session, or undefined when absent; a corrupt entry is deleted (and unlisted) with a log line. */
  async read(id: string): Promise<StoredSession | undefined> {
    const text = await this.safeGet(sessionKey(id));
    if (text === undefined) {
      return undefined;
    }
    const parsed = storedSessionSchema.safeParse(parseJson(text));
    if (!parsed.success || parsed.data.id !== id) {
      this.log.warn(`A stored Panopto session (${id}) was unreadable and has been dropped; sign in again for that account.`);
      await this.remove(id);
      return undefined;
    }
    registerSecret(parsed.data.accessToken);
    registerSecret(parsed.data.refreshToken);
    return parsed.data;
  }

  /** Every listed session that reads back intact; ids whose entry is gone are unlisted. */
  async readAll(): Promise<StoredSession[]> {
    const index = await this.readIndex();
    const sessions: StoredSession[] = [];
    const missing: string[] = [];
    for (const id of index.ids) {
      const session = await this.read(id);
      if (session) {
        sessions.push(session);
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
    await this.secrets.store(sessionKey(session.id), JSON.stringify(storedSessionSchema.parse(session)));
    await this.updateIndex((ids) => (ids.includes(session.id) ? ids : [...ids, session.id]));
  }

  /**
   * Writes a renewed session only if it is still listed: a sign-out (here or in another window)
   * during the renewal must not be undone by writing the session back. False when it was gone.
   */
  async update(session: StoredSession): Promise<boolean> {
    if (!(await this.readIndex()).ids.includes(session.id)) {
      return false;
    }
    registerSecret(session.accessToken);
    registerSecret(session.refreshToken);
    await this.secrets.store(sessionKey(session.id), JSON.stringify(storedSessionSchema.parse(session)));
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
    const parsed = leaseSchema.safeParse(parseJson(text));
    return parsed.success ? parsed.data : undefined;
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
      const index = await this.readIndex();
      const ids = change(index.ids);
      const active = activeId ?? index.activeId;
      const updated: SessionIndex = { version: 1, ids, ...(active && ids.includes(active) ? { activeId: active } : {}) };
      if (JSON.stringify(updated) !== JSON.stringify(index)) {
        await this.secrets.store(INDEX_KEY, JSON.stringify(updated));
      }
    });
    this.indexChain = next.catch(() => undefined);
    return next;
  }

  // Keyring failures (no keyring on Linux, a locked one) are logged and read as "nothing stored":
  // the user is then signed out, which is recoverable, instead of facing a crash.
  private async safeGet(key: string): Promise<string | undefined> {
    try {
      return (await this.secrets.get(key)) ?? undefined;
    } catch (error) {
      this.log.error(`Could not read from the secret storage: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private async safeDelete(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch (error) {
      this.log.error(`Could not delete from the secret storage: ${errorMessage(error)}`);
    }
  }
}
