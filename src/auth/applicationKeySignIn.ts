// Panopto's "ID provider integration" sign-in (docs/panopto.md#id-provider-sign-in): the resource-owner password
// grant for a user key such as `NetID\John`, whose password is derived from the ID provider's
// application key (applicationKeyPassword.ts). There is no refresh token: renewal repeats the grant with
// the stored key (applicationKeyRenewer), so the session keeps its id and fires `changed`.
//
// The application key can act as ANY user of its ID provider, so it is kept only in SecretStorage,
// only stored after the site accepted it, and only ever sent (as the derived password) to the site
// it was entered for.
import * as l10n from '@vscode/l10n';
import { registerSecret } from '../util/log';
import { applicationKeyPassword, isProviderQualifiedUserKey } from './applicationKeyPassword';
import type { ApplicationKeys } from './applicationKeyStore';
import { eventSession, type AuthSession } from './authSession';
import { GrantRevokedError } from './errors';
import type { OAuthClient, TokenResult } from './oauthClient';
import type { Renewer } from './sessionRenewal';
import type { NewSession } from './sessionSignIn';
import type { Site } from './site';
import type { StoredSession } from './tokenStore';

/** Scope of the ID-provider sample; no offline_access (the grant returns no refresh token). */
export const APPLICATION_KEY_SCOPES: readonly string[] = ['openid', 'api'];

/** The site did not accept the user key / application key pair (invalid_grant). */
export class ApplicationKeyRejectedError extends Error {
  constructor(serverUrl: string) {
    super(l10n.t('The user key or application key was not accepted by {0}.', serverUrl));
    this.name = 'ApplicationKeyRejectedError';
  }
}

/** Why a typed user key cannot be used, fit to show; undefined when it is fine. */
export function userKeyProblem(userKey: string): string | undefined {
  if (!userKey.trim()) {
    return l10n.t('Enter the user key, for example NetID\\John.');
  }
  if (!isProviderQualifiedUserKey(userKey)) {
    return l10n.t('Include the ID provider before a backslash, for example NetID\\John.');
  }
  return undefined;
}

/** Why a typed application key cannot be used, fit to show; undefined when it is fine. */
export function applicationKeyProblem(applicationKey: string): string | undefined {
  return applicationKey.trim() ? undefined : l10n.t('Enter the application key of the ID provider.');
}

/** What this sign-in needs of the auth core; AuthCore (authCore.ts, which imports this file) has it. */
export interface ApplicationKeyCore {
  readonly applicationKeys: ApplicationKeys;
  clientFor(site: Site): OAuthClient;
  addSession(input: NewSession): Promise<StoredSession>;
}

export interface ApplicationKeySignIn {
  /** The site and its "User Based Server Application" client (its secret in the client-secret store). */
  site: Site;
  userKey: string;
  applicationKey: string;
}

/** The password grant itself: the site's answer, or ApplicationKeyRejectedError for a wrong key. */
async function passwordGrant(core: ApplicationKeyCore, site: Site, userKey: string, applicationKey: string): Promise<TokenResult> {
  const password = applicationKeyPassword(userKey, applicationKey);
  registerSecret(password);
  try {
    return await core.clientFor(site).passwordGrant(userKey, password, APPLICATION_KEY_SCOPES);
  } catch (error) {
    // mapTokenError turns invalid_grant into GrantRevokedError; for this grant it means the
    // user key or the application key is wrong (or the user is not of that provider).
    throw error instanceof GrantRevokedError ? new ApplicationKeyRejectedError(site.serverUrl) : error;
  }
}

/**
 * Signs in with the password grant, then keeps the application key (only once the site accepted
 * it) and records the session, labelled with the user key. Signing in again as the same user
 * replaces the earlier session.
 */
export async function signInWithApplicationKey(core: ApplicationKeyCore, request: ApplicationKeySignIn): Promise<AuthSession> {
  const userKey = request.userKey.trim();
  const applicationKey = request.applicationKey.trim();
  registerSecret(applicationKey);
  const problem = userKeyProblem(userKey) ?? applicationKeyProblem(applicationKey);
  if (problem) {
    throw new Error(problem);
  }
  const tokens = await passwordGrant(core, request.site, userKey, applicationKey);
  await core.applicationKeys.set(request.site.serverUrl, userKey, applicationKey);
  const stored = await core.addSession({
    site: request.site,
    kind: 'applicationKey',
    tokens,
    subject: tokens.claims?.sub ?? userKey.toLowerCase(),
    label: userKey,
    askedScopes: APPLICATION_KEY_SCOPES,
    userKey,
  });
  return eventSession(stored);
}

/**
 * Renewal of an application-key session: repeat the grant with the stored key. No key (removed,
 * or never stored in this profile) or a refused key ends the session like a revoked grant.
 */
export function applicationKeyRenewer(keys: ApplicationKeys): Renewer {
  return async (session, oauth) => {
    const applicationKey = session.userKey ? await keys.get(session.serverUrl, session.userKey) : undefined;
    if (!session.userKey || !applicationKey) {
      throw new GrantRevokedError();
    }
    const password = applicationKeyPassword(session.userKey, applicationKey);
    registerSecret(password);
    return oauth.passwordGrant(session.userKey, password, APPLICATION_KEY_SCOPES);
  };
}
