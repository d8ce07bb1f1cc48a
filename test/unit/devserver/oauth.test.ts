import { strict as assert } from 'node:assert';
import { devClient, seedUsers, signInOverHttp, useTestDevServer } from '../../support/devServer';

describe('dev server OAuth', () => {
  const server = useTestDevServer();

  it('signs in with the authorization code flow (Basic client auth) and returns tokens', async () => {
    const result = await signInOverHttp(server(), { user: 'ada', scope: 'openid api offline_access' });
    assert.ok(result.accessToken);
    assert.ok(result.refreshToken, 'offline_access gives a refresh token');
    assert.equal(result.expiresIn, 3600);
    assert.equal(result.claims?.sub, seedUsers[0].userId);
    assert.equal(result.claims?.name, 'Ada Lovelace');
    assert.equal(result.claims?.aud, devClient.clientId);
  });
});
