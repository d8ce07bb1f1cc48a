// The provider core (src/auth/authCore.ts AuthCore) as the extension builds it, signed in as
// the dev server's user `ada`, with a SecretStorage stand-in that counts reads and writes and a
// clock whose "now" the bench can move to reach a token's expiry without waiting an hour.
import { AuthCore } from '../../src/auth/authCore';
import { createOAuthClient } from '../../src/auth/oauthClient';
import { Refresher } from '../../src/auth/refresher';
import { createSessionSignIn } from '../../src/auth/sessionSignIn';
import { DEFAULT_SCOPES, resolveSite, type AuthSettings } from '../../src/auth/site';
import { createLog, MemoryLogSink } from '../../src/util/log';
import { OffsetClock as ShiftableClock } from '../../src/auth/clock';
import { MemorySecretStore as CountingSecretStore } from '../../src/auth/memorySecretStore';
import { signInOverHttp } from '../../devserver/browserSignIn';
import { devClient } from '../../devserver/oauth/clients';

// SecretStorage in memory (counting calls) and a clock that can jump ahead, as the auth tests use them.
export { OffsetClock as ShiftableClock } from '../../src/auth/clock';
export { MemorySecretStore as CountingSecretStore } from '../../src/auth/memorySecretStore';

export interface SignedInCore {
  core: AuthCore;
  secrets: CountingSecretStore;
  clock: ShiftableClock;
  log: MemoryLogSink;
}

/**
 * Builds the core with the extension's default options (refresher lease timings included) and adds
 * a session for `ada` obtained by a real authorization-code sign-in against the dev server.
 */
export async function signedInCore(server: { baseUrl: string; issuer: string }): Promise<SignedInCore> {
  const secrets = new CountingSecretStore();
  const clock = new ShiftableClock();
  const sink = new MemoryLogSink();
  const settings: AuthSettings = {
    serverUrl: server.baseUrl,
    clientId: devClient.clientId,
    redirectUri: devClient.redirectUris[1],
    scopes: DEFAULT_SCOPES,
    usePkce: false,
  };
  const core = new AuthCore({
    secrets,
    log: createLog(sink),
    clock,
    settings: () => settings,
    // The bench never signs in interactively through the core: the sign-in below plays the browser.
    ui: { openUrl: async () => false },
    makeSignIn: createSessionSignIn,
    makeOAuthClient: createOAuthClient,
    makeRefresher: (options) => new Refresher(options),
  });
  const site = resolveSite(settings);
  await core.clientSecrets.set(site, devClient.clientSecret);
  const signIn = await signInOverHttp(server, { user: 'ada', scope: DEFAULT_SCOPES.join(' ') });
  const subject = typeof signIn.claims?.sub === 'string' ? signIn.claims.sub : 'ada';
  await core.addSession({
    site,
    kind: 'authorizationCode',
    tokens: {
      accessToken: signIn.accessToken,
      refreshToken: signIn.refreshToken,
      expiresInSeconds: signIn.expiresIn,
      scopes: signIn.scope?.split(' ').filter(Boolean),
    },
    subject,
    label: 'Ada Lovelace',
    askedScopes: DEFAULT_SCOPES,
  });
  return { core, secrets, clock, log: sink };
}
