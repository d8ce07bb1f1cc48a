// A tiny AccessSource for tests: signs a seeded user in over real HTTP and refreshes with the real
// refresh token when the client asks for a fresh token (forceRefresh), as the auth provider does.
import * as oidc from 'openid-client';
import type { AccessSource, PanoptoAccess } from '../../src/panopto/access';
import { PanoptoClient, type PanoptoClientOptions } from '../../src/panopto/client';
import { FolderService } from '../../src/panopto/folders';
import { clientConfiguration, signInOverHttp, type DevServer } from './devServer';

export class TestAccess implements AccessSource {
  forcedRefreshes = 0;
  private constructor(
    private readonly server: DevServer,
    private accessToken: string,
    private refreshToken: string | undefined,
  ) {}

  static async signIn(server: DevServer, user: 'ada' | 'grace'): Promise<TestAccess> {
    const tokens = await signInOverHttp(server, { user, scope: 'openid api offline_access' });
    return new TestAccess(server, tokens.accessToken, tokens.refreshToken);
  }

  async getAccess(options?: { forceRefresh?: boolean }): Promise<PanoptoAccess> {
    if (options?.forceRefresh) {
      this.forcedRefreshes++;
      if (!this.refreshToken) throw new Error('no refresh token');
      const tokens = await oidc.refreshTokenGrant(clientConfiguration(this.server), this.refreshToken);
      this.accessToken = tokens.access_token;
      this.refreshToken = tokens.refresh_token ?? this.refreshToken;
    }
    return { serverUrl: this.server.baseUrl, accessToken: this.accessToken };
  }
}

/** Fast retries: tests assert outcomes, never wait for real backoff. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 3 } as const;

export function serviceFor(access: AccessSource, options: Partial<PanoptoClientOptions> = {}): FolderService {
  return new FolderService(new PanoptoClient({ access, retry: FAST_RETRY, ...options }));
}
