// Keyring errors must not lose a session or strand a secret: a read that fails (a locked or busy
// keyring) is neither "nothing stored" nor a reason to rewrite the index, and a corrupt index is
// rebuilt from the session entries instead of being dropped with them left behind.
import assert from 'node:assert/strict';
import { INDEX_KEY, sessionKey, TokenStore, type StoredSession } from '../../../src/auth/tokenStore';
import { createLog, MemoryLogSink } from '../../../src/util/log';
import { MemorySecretStore } from '../../support/memorySecretStore';

// Its own log: the suite's secret scan looks at the auth cores' log, not at these made-up tokens.
const log = createLog(new MemoryLogSink());

/** MemorySecretStore whose reads of chosen keys fail (at most failuresLeft times); keysIfListable stands in for keys(). */
class FlakySecretStore extends MemorySecretStore {
  failReads = new Set<string>();
  failuresLeft = Infinity;
  override async get(key: string): Promise<string | undefined> {
    if (this.failReads.has(key) && this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('keyring is locked');
    }
    return super.get(key);
  }
  keysIfListable(): Promise<string[]> {
    return Promise.resolve([...this.data.keys()]);
  }
}

function session(id: string, overrides: Partial<StoredSession> = {}): StoredSession {
  const now = Date.now();
  return {
    version: 1,
    id,
    kind: 'authorizationCode',
    serverUrl: 'https://example.panopto.test',
    clientId: 'client',
    issuer: 'https://example.panopto.test/Panopto/oauth2',
    subject: `user-${id}`,
    account: { id: `user-${id}@https://example.panopto.test`, label: `User ${id}` },
    scopes: ['api', 'offline_access', 'openid'],
    accessToken: `access-token-${id}`,
    refreshToken: `refresh-token-${id}`,
    issuedAt: now,
    expiresAt: now + 3600_000,
    createdAt: now,
    ...overrides,
  };
}

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

async function storeWith(...ids: string[]): Promise<FlakySecretStore> {
  const secrets = new FlakySecretStore();
  const store = new TokenStore(secrets, log);
  for (const id of ids) {
    await store.write(session(id));
  }
  return secrets;
}

function indexIds(secrets: MemorySecretStore): string[] {
  return (JSON.parse(secrets.data.get(INDEX_KEY) ?? '{"ids":[]}') as { ids: string[] }).ids;
}

describe('hardening: keyring errors', () => {
  it('a renewal keeps its rotated refresh token when the index cannot be read (it used to look empty)', async () => {
    const secrets = await storeWith(A);
    secrets.failReads.add(INDEX_KEY);
    const store = new TokenStore(secrets, log); // a new window: no copy of the index in memory
    const renewed = session(A, { accessToken: 'access-token-rotated', refreshToken: 'refresh-token-rotated' });
    assert.equal(await store.update(renewed), true);
    const stored = JSON.parse(secrets.data.get(sessionKey(A)) ?? '{}') as StoredSession;
    assert.equal(stored.refreshToken, 'refresh-token-rotated');
  });

  it('a read that fails once is retried, and a window uses its last good copy of the index while reads fail', async () => {
    const secrets = await storeWith(A, B);
    const store = new TokenStore(secrets, log);
    assert.deepEqual((await store.readIndex()).ids, [A, B]);
    secrets.failReads.add(INDEX_KEY);
    assert.deepEqual((await store.readIndex()).ids, [A, B], 'the copy read before');
    assert.equal(await store.update(session(A)), true);
    secrets.failuresLeft = 1;
    assert.deepEqual((await new TokenStore(secrets, log).readIndex()).ids, [A, B], 'retried past one failure');
  });

  it('a failed index read during a change leaves the index as it was, and the new entry is taken back out', async () => {
    const secrets = await storeWith(A, B);
    secrets.failReads.add(INDEX_KEY);
    const store = new TokenStore(secrets, log);
    await assert.rejects(store.write(session(C)), /Could not read the list of Panopto sessions/);
    assert.deepEqual(indexIds(secrets), [A, B], 'not rewritten with only the new session');
    assert.equal(secrets.data.get(sessionKey(C)), undefined, 'no refresh token that nothing lists');
  });

  it('listing sessions while an entry cannot be read does not unlist it', async () => {
    const secrets = await storeWith(A, B);
    secrets.failReads.add(sessionKey(B));
    const store = new TokenStore(secrets, log);
    assert.deepEqual(
      (await store.readAll()).map((s) => s.id),
      [A],
    );
    assert.deepEqual(indexIds(secrets), [A, B]);
    secrets.failReads.clear();
    assert.deepEqual(
      (await store.readAll()).map((s) => s.id),
      [A, B],
    );
  });

  it('a corrupt index is rebuilt from its session entries (kept), and a corrupt entry is deleted, not stranded', async () => {
    const secrets = await storeWith(A, B, C);
    secrets.data.set(sessionKey(C), '{"not":"a session"}');
    secrets.data.set(INDEX_KEY, `{"version":1,"ids":["${A}","${B}","${C}"]`); // cut short
    const store = new TokenStore(secrets, log);
    assert.deepEqual(
      (await store.readAll()).map((s) => s.id),
      [A, B],
    );
    assert.deepEqual(indexIds(secrets), [A, B]);
    assert.equal(secrets.data.get(sessionKey(C)), undefined);
  });

  it('where the store lists its keys, entries the corrupt index no longer names are found too', async () => {
    const secrets = await storeWith(A, B);
    secrets.data.set(INDEX_KEY, 'garbage');
    const listing = Object.assign(secrets, { keys: () => secrets.keysIfListable() });
    const store = new TokenStore(listing, log);
    assert.deepEqual((await store.readIndex()).ids.sort(), [A, B]);
  });
});
