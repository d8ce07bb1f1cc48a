// The provider core (src/auth/sessionManager.ts AuthCore) as the extension builds it, signed in as
// the dev server's user `ada`, with a SecretStorage stand-in that counts reads and writes and a
// clock whose "now" the bench can move to reach a token's expiry without waiting an hour.
import { AuthCore } from '../../src/auth/sessionManager';
import type { Clock } from '../../src/auth/clock';
import { Emitter, type Disposable } from '../../src/auth/events';
import type { SecretStore } from '../../src/auth/secretStore';
import { DEFAULT_SCOPES, resolveSite, type AuthSettings } from '../../src/auth/site';
import { createLog, MemoryLogSink } from '../../src/util/log';
import { devClient, signInOverHttp } from '../../test/support/devServer';

/** In-memory SecretStorage that counts calls (what VS Code's SecretStorage would be asked). */
export class CountingSecretStore implements SecretStore {
  readonly data = new Map<string, string>();
  reads = 0;
  writes = 0;
  deletes = 0;
  private readonly changes = new Emitter<{ key: string }>();

  async get(key: string): Promise<string | undefined> {
    this.reads++;
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.writes++;
    this.data.set(key, value);
    queueMicrotask(() => this.changes.fire({ key }));
  }
  async delete(key: string): Promise<void> {
    this.deletes++;
    if (this.data.delete(key)) queueMicrotask(() => this.changes.fire({ key }));
  }
  onDidChange(listener: (event: { key: string }) => void): Disposable {
    return this.changes.event(listener);
  }
}

/** Real timers; `now()` can be moved ahead. */
export class ShiftableClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimeout(callback: () => void, ms: number) {
    const handle = setTimeout(callback, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    handle.unref();
    return { dispose: () => clearTimeout(handle) };
  }
}

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
