// The .env import logic through injected settings and the real client-secret store: what is
// written where, that the secret is never echoed, and that a bad file changes nothing.
import assert from 'node:assert/strict';
import { ClientSecrets, clientSecretKey } from '../../../src/auth/clientSecrets';
import { EnvImportError, importPanoptoEnv, type EnvImportTargets, type ImportedSetting } from '../../../src/auth/envImport';
import { EnvFileError } from '../../../src/util/envFile';
import { MemorySecretStore } from '../../support/authHarness';

const SECRET = 'fA9#kq2=Lz"not-a-real-secret';

function targets(initial: Partial<Record<ImportedSetting, string>> = {}) {
  const settings: Partial<Record<ImportedSetting, string>> = { ...initial };
  const writes: string[] = [];
  const secrets = new MemorySecretStore();
  const clientSecrets = new ClientSecrets(secrets);
  const t: EnvImportTargets = {
    currentSetting: (key) => settings[key] ?? '',
    updateSetting: async (key, value) => {
      writes.push(key);
      settings[key] = value;
    },
    storeClientSecret: (site, secret) => clientSecrets.set(site, secret),
  };
  return { t, settings, writes, secrets };
}

describe('.env import', () => {
  it('a good file: the secret goes to SecretStorage for its site and client, the rest to settings', async () => {
    const { t, settings, secrets } = targets();
    const report = await importPanoptoEnv(
      [
        '# OnTrack guide',
        'export PANOPTO_SERVER_URL=https://deakin.au.panopto.com/Panopto/Pages/Home.aspx',
        'PANOPTO_CLIENT_ID="0b7f1c2d-aaaa"',
        `PANOPTO_CLIENT_SECRET='${SECRET}'`,
        'PANOPTO_REDIRECT_URI=http://localhost:9127/redirect # registered',
      ].join('\n'),
      t,
    );
    assert.deepEqual(settings, {
      serverUrl: 'https://deakin.au.panopto.com',
      clientId: '0b7f1c2d-aaaa',
      redirectUri: 'http://localhost:9127/redirect',
    });
    const site = { serverUrl: 'https://deakin.au.panopto.com', clientId: '0b7f1c2d-aaaa' };
    assert.equal(secrets.data.get(clientSecretKey(site)), SECRET);
    assert.deepEqual(report.clientSecretFor, site);
    assert.ok(!JSON.stringify(report).includes(SECRET), 'the report does not echo the secret');
    assert.ok(!Object.values(settings).some((v) => v?.includes(SECRET)), 'no setting holds the secret');
  });

  it('a secret alone is paired with the configured site and client', async () => {
    const { t, writes, secrets } = targets({ serverUrl: 'https://x.hosted.panopto.com', clientId: 'abc' });
    const report = await importPanoptoEnv(`PANOPTO_CLIENT_SECRET='${SECRET}'\n`, t);
    assert.deepEqual(writes, []);
    assert.deepEqual(report.settings, []);
    assert.equal(secrets.data.get(clientSecretKey({ serverUrl: 'https://x.hosted.panopto.com', clientId: 'abc' })), SECRET);
  });

  it('a secret without any site to pair it with is refused, and nothing is written', async () => {
    const { t, writes, secrets } = targets();
    await assert.rejects(importPanoptoEnv(`PANOPTO_CLIENT_ID=abc\nPANOPTO_CLIENT_SECRET=${SECRET}`, t), (e: unknown) => {
      assert.ok(e instanceof EnvImportError);
      assert.match(e.message, /PANOPTO_SERVER_URL/);
      assert.ok(!e.message.includes(SECRET));
      return true;
    });
    assert.deepEqual(writes, []);
    assert.equal(secrets.data.size, 0);
  });

  it('a malformed file is an error naming the line, and nothing is written', async () => {
    const { t, writes, secrets } = targets();
    await assert.rejects(
      importPanoptoEnv(`PANOPTO_SERVER_URL=https://x.panopto.com\nPANOPTO_CLIENT_SECRET=${SECRET}\nthis line is wrong\n`, t),
      (e: unknown) => e instanceof EnvFileError && e.line === 3 && /Line 3/.test(e.message) && !e.message.includes(SECRET),
    );
    assert.deepEqual(writes, []);
    assert.equal(secrets.data.size, 0);
  });

  it('a plain-http, non-loopback server URL is refused naming the variable and its line', async () => {
    const { t, writes } = targets();
    await assert.rejects(importPanoptoEnv('PANOPTO_CLIENT_ID=abc\n\nPANOPTO_SERVER_URL=http://x.panopto.com\n', t), (e: unknown) => {
      assert.ok(e instanceof EnvImportError);
      assert.match(e.message, /^PANOPTO_SERVER_URL on line 3 is not usable: .*https:\/\//);
      return true;
    });
    assert.deepEqual(writes, [], 'the valid client id was not written either');
  });

  it('a loopback redirect URI without a port is refused naming its line', async () => {
    const { t } = targets();
    await assert.rejects(
      importPanoptoEnv('PANOPTO_REDIRECT_URI=http://localhost/redirect', t),
      /PANOPTO_REDIRECT_URI on line 1 .*must name a port/,
    );
  });

  it('a file with none of the four variables says so', async () => {
    const { t } = targets();
    await assert.rejects(importPanoptoEnv('OTHER=1\n# comment\n', t), /sets none of PANOPTO_SERVER_URL/);
  });
});
