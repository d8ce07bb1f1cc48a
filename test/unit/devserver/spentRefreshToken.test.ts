// The dev server's spentRefreshTokensPresented counter (devserver/stats.ts): a client that presents a
// rotated refresh token again is counted (and loses the grant); one that uses each token once is not.
import assert from 'node:assert/strict';
import { signInOverHttp, startTestDevServer, type DevServer } from '../../support/devServer';

describe('dev server: spent refresh tokens presented', () => {
  let server: DevServer;
  before(async () => {
    server = await startTestDevServer();
  });
  after(async () => {
    await server.close();
  });

  async function refresh(refreshToken: string): Promise<{ status: number; refreshToken?: string }> {
    const response = await fetch(`${server.issuer}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('vscode-panopto-dev:dev-secret-not-for-production').toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });
    const body = (await response.json()) as { refresh_token?: string };
    return { status: response.status, refreshToken: body.refresh_token };
  }

  it('counts a rotated refresh token presented again, and only that', async () => {
    const tokens = await signInOverHttp(server, { user: 'ada', scope: 'openid api offline_access' });
    server.stats.reset();
    const first = await refresh(tokens.refreshToken!);
    assert.equal(first.status, 200);
    const second = await refresh(first.refreshToken!);
    assert.equal(second.status, 200);
    assert.equal(server.stats.spentRefreshTokensPresented, 0, 'each token used once');
    const reused = await refresh(first.refreshToken!);
    assert.equal(reused.status, 400);
    assert.equal(server.stats.spentRefreshTokensPresented, 1);
  });
});
