// Two windows whose SecretStorage copies are NOT shared (what code-server gives each browser tab:
// its own copy of localStorage's secrets, read once at load, no change event from the other tab),
// kept in step by src/auth/windowPeers.ts over a folder both see. Real dev server, rotation on.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWindowPeers, type WindowPeers } from '../../../src/auth/windowPeers';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, log, makeCore, MemorySecretStore, nextChange, type TestCore } from '../../support/authHarness';

const HOUR_MS = 3600 * 1000;

describe('auth: windows whose secret storage is not shared (code-server tabs)', () => {
  let server: DevServer;
  let redirectUri: string;
  let dir: string;
  const cores: TestCore[] = [];
  const peers: WindowPeers[] = [];

  async function window(owner: string, shared: boolean, storeClientSecret = true): Promise<TestCore> {
    const own = new MemorySecretStore();
    const secrets = shared ? createWindowPeers({ inner: own, dir, log }) : own;
    if (shared) peers.push(secrets as WindowPeers);
    const t = await makeCore({
      server,
      secrets: own,
      settings: { redirectUri },
      storeClientSecret,
      options: { secrets, refresher: { owner, leaseSettleMs: 50, pollMs: 20, retryDelaysMs: [50, 100] } },
    });
    cores.push(t);
    return t;
  }

  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'panopto-peers-'));
  });
  afterEach(() => {
    server.switches.rotateRefreshTokens = true;
    server.switches.tokenEndpointDelayMs = 0;
    cores.splice(0).forEach((c) => c.core.dispose());
    peers.splice(0).forEach((p) => p.dispose());
    rmSync(dir, { recursive: true, force: true });
  });
  after(async () => {
    await server.close();
  });

  it('without the peers, a second window never learns of a sign-in (the defect)', async () => {
    const a = await window('window-a', false);
    const b = await window('window-b', false);
    assert.equal((await b.core.getSessions()).length, 0);
    await a.core.createSession([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await b.core.getSessions()).length, 0, 'b still sees nobody');
  });

  it('a sign-in, a rotation and a sign-out in one window reach the other, with one token request per renewal', async () => {
    const a = await window('window-a', true);
    // b was never given the client secret: it comes with the session, for b's renewals.
    const b = await window('window-b', true, false);
    assert.equal((await b.core.getSessions()).length, 0);
    const added = nextChange(b.core.onDidChangeSessions, (e) => e.added.length === 1, 5000);
    await a.core.createSession([]);
    await added;
    const [seen] = await b.core.getSessions();
    assert.ok(seen && (await server.principalFor(seen.accessToken)), 'b holds a valid token without a reload');

    server.switches.tokenEndpointDelayMs = 30; // one renewal stays in flight while the other window asks
    for (let run = 1; run <= 5; run++) {
      server.stats.reset();
      a.clock.offsetMs = b.clock.offsetMs = run * HOUR_MS - 60 * 1000;
      const [fromA, fromB] = await Promise.all([a.core.getSessions(), b.core.getSessions()]);
      assert.equal(fromA.length, 1, `run ${run}: a signed in`);
      assert.equal(fromB.length, 1, `run ${run}: b signed in`);
      assert.equal(server.stats.tokenRequestsByGrant.refresh_token, 1, `run ${run}: one token request for both windows`);
      assert.equal(server.stats.spentRefreshTokensPresented, 0, `run ${run}: no window presented a spent refresh token`);
      assert.ok(await server.principalFor(fromA[0].accessToken), `run ${run}: a's token valid`);
      assert.ok(await server.principalFor(fromB[0].accessToken), `run ${run}: b's token valid`);
    }
    assert.deepEqual([...a.grantLost, ...b.grantLost], []);

    const removed = nextChange(b.core.onDidChangeSessions, (e) => e.removed.length === 1, 5000);
    await a.core.removeSession(seen.id);
    await removed;
    assert.equal((await b.core.getSessions()).length, 0, 'b signed out too');
  });
});
