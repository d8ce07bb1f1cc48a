// The shapes of what tokenStore.ts keeps in SecretStorage, checked by hand. A schema library would do
// the same, but the token store runs at activation (the provider's first getSessions reads it), and
// zod alone was an eighth of dist/extension.js and its schemas were built as the bundle loaded; the
// Panopto answers' schemas (src/panopto/wire.ts) are needed only once a request is made.
//
// Each parse takes what JSON.parse returned and gives back a copy holding only the known fields, or
// undefined when a field is missing or of the wrong kind; nothing throws.

export interface StoredSession {
  version: 1;
  id: string;
  /** authorizationCode: refreshed with its refresh token; applicationKey: renewed by repeating the password grant. */
  kind: 'authorizationCode' | 'applicationKey';
  serverUrl: string;
  clientId: string;
  issuer: string;
  subject: string;
  account: { id: string; label: string };
  /** Scopes the server granted (sorted). */
  scopes: string[];
  accessToken: string;
  refreshToken?: string;
  /** For applicationKey sessions: the user key the grant is repeated for (the key itself is a separate secret). */
  userKey?: string;
  /** Local-clock milliseconds; computed from expires_in when the response arrived (not from JWT exp). */
  issuedAt: number;
  expiresAt: number;
  createdAt: number;
}

export interface SessionIndex {
  version: 1;
  ids: string[];
  activeId?: string;
}

export interface Lease {
  owner: string;
  until: number;
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isArrayOf(value: unknown, item: (element: unknown) => boolean): value is string[] {
  return Array.isArray(value) && value.every(item);
}

/** An optional field: absent (or undefined) passes; present, it must pass `check`. */
function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

export function parseStoredSession(value: unknown): StoredSession | undefined {
  if (!isObject(value) || !isObject(value.account)) {
    return undefined;
  }
  const { account } = value;
  const valid =
    value.version === 1 &&
    isNonEmpty(value.id) &&
    (value.kind === 'authorizationCode' || value.kind === 'applicationKey') &&
    isNonEmpty(value.serverUrl) &&
    isNonEmpty(value.clientId) &&
    isNonEmpty(value.issuer) &&
    isNonEmpty(value.subject) &&
    isNonEmpty(account.id) &&
    isNonEmpty(account.label) &&
    isArrayOf(value.scopes, (s) => typeof s === 'string') &&
    isNonEmpty(value.accessToken) &&
    optional(value.refreshToken, isNonEmpty) &&
    optional(value.userKey, (k) => typeof k === 'string') &&
    isNumber(value.issuedAt) &&
    isNumber(value.expiresAt) &&
    isNumber(value.createdAt);
  if (!valid) {
    return undefined;
  }
  const session = value as unknown as StoredSession;
  return {
    version: 1,
    id: session.id,
    kind: session.kind,
    serverUrl: session.serverUrl,
    clientId: session.clientId,
    issuer: session.issuer,
    subject: session.subject,
    account: { id: session.account.id, label: session.account.label },
    scopes: [...session.scopes],
    accessToken: session.accessToken,
    ...('refreshToken' in value ? { refreshToken: session.refreshToken } : {}),
    ...('userKey' in value ? { userKey: session.userKey } : {}),
    issuedAt: session.issuedAt,
    expiresAt: session.expiresAt,
    createdAt: session.createdAt,
  };
}

export function parseSessionIndex(value: unknown): SessionIndex | undefined {
  if (
    !isObject(value) ||
    value.version !== 1 ||
    !isArrayOf(value.ids, isNonEmpty) ||
    !optional(value.activeId, (a) => typeof a === 'string')
  ) {
    return undefined;
  }
  return { version: 1, ids: [...value.ids], ...('activeId' in value ? { activeId: value.activeId as string | undefined } : {}) };
}

export function parseLease(value: unknown): Lease | undefined {
  return isObject(value) && isNonEmpty(value.owner) && isNumber(value.until) ? { owner: value.owner, until: value.until } : undefined;
}
