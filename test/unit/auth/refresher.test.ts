// The refresher's rules on their own (no server needed for these): the cross-window cases that a
// single dev server cannot stage on demand — another window rotating the token while we were
// refused, another window holding the lease, a sign-out during a renewal.
import assert from 'node:assert/strict';
import { GrantRevokedError } from '../../../src/auth/errors';
import type { TokenResult } from '../../../src/auth/oauthClient';
import { Refresher } from '../../../src/auth/refresher';
import { TokenStore, type StoredSession } from '../../../src/auth/tokenStore';
import { log, MemorySecretStore, OffsetClock } from '../../support/authHarness';

const MINUTE = 60 * 1000;

function session(overrides: Partial<StoredSession> = {}): StoredSession {
  const now = Date.now();
  return {
    version: 1,
    id: 'session-1',
    kind: 'authorizationCode',
    serverUrl: 'https://example.panopto.test',
    clientId: 'client',
    issuer: 'https://example.panopto.test/Panopto/oauth2',
    subject: 'user-1',
    account: { id: 'user-1@https://example.panopto.test', label: 'Ada' },
    scopes: ['api', 'offline_access', 'openid'],
    accessToken: 'access-token-original',
    refreshToken: 'refresh-token-original',
    issuedAt: now - 58 * MINUTE,
    expiresAt: now + 2 * MINUTE,
    createdAt: now - 58 * MINUTE,
    ...overrides,
  };
}

describe('auth: refresher rules', () => {
  it('on invalid_grant, adopts the token another window stored meanwhile instead of signing out', async () => {
    const secrets = new MemorySecretStore();
    const store = new TokenStore(secrets, log);
    await store.write(session());
    const refresher = new Refresher({
      store,
      clock: new OffsetClock(),
      log,
      leaseSettleMs: 5,
      renew: async () => {
        // Another window (which did not see our lease) rotated the token first…
        await store.update(
          session({
            accessToken: 'access-token-other-window',
            refreshToken: 'refresh-token-rotated',
            expiresAt: Date.now() + 60 * MINUTE,
            issuedAt: Date.now(),
          }),
        );
        // …so the server refuses our now-spent refresh token.
        throw new GrantRevokedError();
      },
    });
    const outcome = await refresher.ensureFresh('session-1', { thresholdMs: 5 * MINUTE });
    assert.equal(outcome.kind, 'fresh');
    assert.equal(outcome.kind === 'fresh' && outcome.session.accessToken, 'access-token-other-window');
    assert.ok(await store.read('session-1'), 'still signed in');
  });

  it('on invalid_grant with nothing newer stored, removes the session', async () => {
    const store = new TokenStore(new MemorySecretStore(), log);
    await store.write(session());
    const refresher = new Refresher({
      store,
      clock: new OffsetClock(),
      log,
      leaseSettleMs: 5,
      renew: async () => Promise.reject(new GrantRevokedError()),
    });
    const outcome = await refresher.ensureFresh('session-1', { thresholdMs: 5 * MINUTE });
    assert.equal(outcome.kind, 'revoked');
    assert.equal(await store.read('session-1'), undefined);
    assert.deepEqual((await store.readIndex()).ids, []);
  });

  it('waits while another window holds a live lease and adopts its result (no token request here)', async () => {
    const clock = new OffsetClock();
    const store = new TokenStore(new MemorySecretStore(), log);
    await store.write(session());
    await store.writeLease('session-1', { owner: 'other-window', until: clock.now() + 30_000 });
    let renewals = 0;
    const refresher = new Refresher({
      store,
      clock,
      log,
      leaseSettleMs: 5,
      pollMs: 20,
      renew: async () => {
        renewals++;
        return { accessToken: 'mine' } satisfies TokenResult;
      },
    });
    const pending = refresher.ensureFresh('session-1', { thresholdMs: 5 * MINUTE });
    await new Promise((r) => setTimeout(r, 60));
    await store.update(session({ accessToken: 'access-token-other-window', expiresAt: clock.now() + 60 * MINUTE, issuedAt: clock.now() }));
    const outcome = await pending;
    assert.equal(outcome.kind === 'fresh' && outcome.session.accessToken, 'access-token-other-window');
    assert.equal(renewals, 0);
  });

  it('takes over an expired lease left by a window that went away', async () => {
    const clock = new OffsetClock();
    const store = new TokenStore(new MemorySecretStore(), log);
    await store.write(session());
    await store.writeLease('session-1', { owner: 'crashed-window', until: clock.now() - 1 });
    const refresher = new Refresher({
      store,
      clock,
      log,
      leaseSettleMs: 5,
      renew: async () => ({ accessToken: 'access-token-renewed', expiresInSeconds: 3600 }),
    });
    const outcome = await refresher.ensureFresh('session-1', { thresholdMs: 5 * MINUTE });
    assert.equal(outcome.kind === 'refreshed' && outcome.session.accessToken, 'access-token-renewed');
    assert.equal(outcome.kind === 'refreshed' && outcome.session.refreshToken, 'refresh-token-original', 'kept when the server sends none');
    assert.equal(await store.readLease('session-1'), undefined, 'the lease was released');
  });

  it('does not bring back a session signed out while it was being renewed', async () => {
    const store = new TokenStore(new MemorySecretStore(), log);
    await store.write(session());
    const refresher = new Refresher({
      store,
      clock: new OffsetClock(),
      log,
      leaseSettleMs: 5,
      renew: async () => {
        await store.remove('session-1');
        return { accessToken: 'access-token-too-late', expiresInSeconds: 3600 };
      },
    });
    const outcome = await refresher.ensureFresh('session-1', { thresholdMs: 5 * MINUTE });
    assert.equal(outcome.kind, 'gone');
    assert.equal(await store.read('session-1'), undefined);
  });
});
