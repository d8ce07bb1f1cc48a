// The hand-written checks of what the token store reads back from SecretStorage: a session, the
// index or a lease of the wrong shape is refused (the store then drops or rebuilds it), and what
// passes keeps only the known fields.
import assert from 'node:assert/strict';
import { parseLease, parseSessionIndex, parseStoredSession, type StoredSession } from '../../../src/auth/storedShapes';

const stored: StoredSession = {
  version: 1,
  id: '0f0e0d0c-0b0a-4900-8800-776655443322',
  kind: 'authorizationCode',
  serverUrl: 'https://example.panopto.test',
  clientId: 'client',
  issuer: 'https://example.panopto.test/Panopto/oauth2',
  subject: 'ada',
  account: { id: 'ada@https://example.panopto.test', label: 'Ada' },
  scopes: ['api', 'offline_access', 'openid'],
  accessToken: 'access',
  refreshToken: 'refresh',
  issuedAt: 1,
  expiresAt: 2,
  createdAt: 3,
};

describe('storedShapes', () => {
  it('passes a whole session through JSON and keeps only the known fields', () => {
    const read = parseStoredSession(JSON.parse(JSON.stringify({ ...stored, extra: 'dropped', account: { ...stored.account, x: 1 } })));
    assert.deepEqual(read, stored);
    const { refreshToken: _omitted, ...withoutRefresh } = stored;
    assert.deepEqual(parseStoredSession({ ...withoutRefresh, kind: 'applicationKey', userKey: 'ada' }), {
      ...withoutRefresh,
      kind: 'applicationKey',
      userKey: 'ada',
    });
  });

  it('refuses a session with a field missing, empty or of the wrong kind', () => {
    const broken: Record<string, unknown>[] = [
      { ...stored, version: 2 },
      { ...stored, id: '' },
      { ...stored, kind: 'password' },
      { ...stored, serverUrl: undefined },
      { ...stored, account: { id: 'ada' } },
      { ...stored, account: null },
      { ...stored, scopes: 'api' },
      { ...stored, scopes: ['api', 1] },
      { ...stored, accessToken: '' },
      { ...stored, refreshToken: '' },
      { ...stored, userKey: 7 },
      { ...stored, expiresAt: '2' },
      { ...stored, issuedAt: Number.NaN },
    ];
    for (const value of broken) {
      assert.equal(parseStoredSession(value), undefined, JSON.stringify(value));
    }
    for (const value of [undefined, null, 'text', 1, [stored]]) {
      assert.equal(parseStoredSession(value), undefined);
    }
  });

  it('checks the index and a lease', () => {
    assert.deepEqual(parseSessionIndex({ version: 1, ids: ['a', 'b'], activeId: 'a', other: true }), {
      version: 1,
      ids: ['a', 'b'],
      activeId: 'a',
    });
    assert.deepEqual(parseSessionIndex({ version: 1, ids: [] }), { version: 1, ids: [] });
    for (const value of [{ version: 1, ids: [''] }, { version: 1 }, { version: 2, ids: [] }, { version: 1, ids: [], activeId: 3 }, null]) {
      assert.equal(parseSessionIndex(value), undefined, JSON.stringify(value));
    }
    assert.deepEqual(parseLease({ owner: 'w', until: 5, x: 1 }), { owner: 'w', until: 5 });
    for (const value of [{ owner: '', until: 5 }, { owner: 'w' }, { owner: 'w', until: '5' }, []]) {
      assert.equal(parseLease(value), undefined, JSON.stringify(value));
    }
  });
});
