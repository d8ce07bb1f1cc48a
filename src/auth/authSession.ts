// The session shapes the auth core hands out: to VS Code and other extensions (AuthSession), to
// the UI (AccountSummary), and in its change events. None of them carries a refresh token.
import type { StoredSession } from './tokenStore';

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

/** setActiveAccount made this session the active one (the one the Panopto client uses). */
export interface ActiveAccountChange {
  sessionId: string;
  account: AccountInfo;
}

/** The stored session as handed out, reporting `scopes` (the ones asked for). */
export function toAuthSession(stored: StoredSession, scopes: readonly string[]): AuthSession {
  return { id: stored.id, accessToken: stored.accessToken, account: { ...stored.account }, scopes: [...scopes] };
}

/** The stored session as an event reports it: with the scopes it was granted. */
export function eventSession(stored: StoredSession): AuthSession {
  return toAuthSession(stored, stored.scopes);
}
