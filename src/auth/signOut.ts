// Signing out: the session is forgotten here and in storage first, then its token is revoked at the
// site that issued it (best effort: a site that cannot be reached must not keep anyone signed in).
import type { Log } from '../util/log';
import { identityProviderOf, type ApplicationKeys } from './applicationKeyStore';
import type { OAuthClients } from './oauthClients';
import type { SessionRegistry } from './sessionRegistry';
import type { StoredSession } from './tokenStore';

export interface SignOutDependencies {
  registry: SessionRegistry;
  clients: OAuthClients;
  applicationKeys: ApplicationKeys;
  log: Log;
}

export async function signOut(deps: SignOutDependencies, sessionId: string): Promise<void> {
  const { registry, log } = deps;
  await registry.load();
  const session = await registry.lookup(sessionId);
  if (!session) {
    log.info('Sign-out asked for a session that no longer exists');
    return;
  }
  await registry.remove(sessionId);
  log.info(`Signed out ${session.account.label} at ${session.serverUrl}`);
  registry.fire({ removed: [session] });
  await forgetUnusedApplicationKey(deps, session);
  const oauth = deps.clients.for(session);
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
async function forgetUnusedApplicationKey(deps: SignOutDependencies, session: StoredSession): Promise<void> {
  if (session.kind !== 'applicationKey' || !session.userKey) {
    return;
  }
  const provider = identityProviderOf(session.userKey);
  const stillUsed = deps.registry
    .all()
    .some(
      (s) =>
        s.kind === 'applicationKey' &&
        s.serverUrl === session.serverUrl &&
        s.userKey !== undefined &&
        identityProviderOf(s.userKey) === provider,
    );
  if (!stillUsed) {
    await deps.applicationKeys.delete(session.serverUrl, session.userKey);
    deps.log.info(`Removed the stored application key of ID provider ${provider} at ${session.serverUrl}`);
  }
}
