import assert from 'node:assert/strict';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, makeCore, type TestCore } from './harness';

describe('auth: sign-in through the loopback redirect', () => {
  let server: DevServer;
  let port: number;
  const cores: TestCore[] = [];
  before(async () => {
    port = await freePort();
    server = await startTestDevServer({ extraRedirectUris: [`http://127.0.0.1:${port}/callback`] });
  });
  after(async () => {
    cores.forEach((c) => c.core.dispose());
    await server.close();
  });

  it('signs in with the code flow and returns a session whose token the site accepts', async () => {
    const t = await makeCore({ server, settings: { redirectUri: `http://127.0.0.1:${port}/callback` } });
    cores.push(t);
    const session = await t.core.createSession(['openid', 'api']);
    assert.equal(session.account.label, 'Ada Lovelace');
    assert.deepEqual(session.scopes, ['openid', 'api']);
    assert.deepEqual(Object.keys(session).sort(), ['accessToken', 'account', 'id', 'scopes']);
    const principal = await server.principalFor(session.accessToken);
    assert.equal(principal?.userName, 'ada');
    const sessions = await t.core.getSessions(['api']);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].accessToken, session.accessToken);
    assert.deepEqual(sessions[0].scopes, ['api']);
  });
});
