// Settings a workspace can bring: an untrusted workspace may not set anything that decides where a
// sign-in goes or what it asks for (package.json restrictedConfigurations); a .env file's values
// are shown and written only when the user agrees; and a trusted workspace's sign-in settings are
// named to the user before a sign-in uses them, once per set of values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPanoptoEnvConfirmed, type EnvImportReport } from '../../../src/auth/envImport';
import { SignInCancelledError } from '../../../src/auth/errors';
import { WorkspaceSettingsNotice } from '../../../src/auth/site';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, makeCore, type TestCore } from '../../support/authHarness';

interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

function contributedSettings(): string[] {
  const configuration = manifest.contributes.configuration;
  return (Array.isArray(configuration) ? configuration : [configuration]).flatMap((c) => Object.keys(c.properties));
}

describe('hardening: workspace settings', () => {
  it('an untrusted workspace cannot set the site, client, redirect, scopes, PKCE or any upload setting', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    const required = [
      'panopto.serverUrl',
      'panopto.clientId',
      'panopto.redirectUri',
      'panopto.scopes',
      'panopto.usePkce',
      ...contributedSettings().filter((key) => key.startsWith('panopto.upload.')),
    ];
    assert.deepEqual(
      required.filter((key) => !restricted.includes(key)),
      [],
    );
  });

  it('a .env import shows what it would write and writes nothing when the user declines', async () => {
    const written: string[] = [];
    const targets = {
      currentSetting: () => '',
      updateSetting: (key: string, value: string) => Promise.resolve(void written.push(`${key}=${value}`)),
      storeClientSecret: () => Promise.resolve(void written.push('secret')),
    };
    const file = 'PANOPTO_SERVER_URL=https://elsewhere.example\nPANOPTO_CLIENT_ID=abc\nPANOPTO_CLIENT_SECRET=s3cret-value-1234\n';
    let shown: EnvImportReport | undefined;
    const declined = await importPanoptoEnvConfirmed(file, targets, (report) => {
      shown = report;
      assert.deepEqual(written, [], 'nothing written while asking');
      return Promise.resolve(false);
    });
    assert.equal(declined, undefined);
    assert.deepEqual(written, []);
    assert.deepEqual(shown?.settings, [
      { key: 'serverUrl', value: 'https://elsewhere.example' },
      { key: 'clientId', value: 'abc' },
    ]);
    assert.deepEqual(shown?.clientSecretFor, { serverUrl: 'https://elsewhere.example', clientId: 'abc' });
    await importPanoptoEnvConfirmed(file, targets, () => Promise.resolve(true));
    assert.deepEqual(written, ['serverUrl=https://elsewhere.example', 'clientId=abc', 'secret']);
  });

  it('workspace-provided sign-in settings are named before use, once per set of values (a declined set is asked again)', async () => {
    const notice = new WorkspaceSettingsNotice();
    const asked: string[][] = [];
    let answer = false;
    const ask = (lines: string[]) => {
      asked.push(lines);
      return Promise.resolve(answer);
    };
    assert.equal(await notice.confirm({}, ask), true, 'nothing from the workspace: nothing to say');
    assert.equal(await notice.confirm({ serverUrl: 'https://a.example', redirectUri: 'http://127.0.0.1:9/cb' }, ask), false);
    answer = true;
    assert.equal(await notice.confirm({ serverUrl: 'https://a.example', redirectUri: 'http://127.0.0.1:9/cb' }, ask), true);
    assert.equal(await notice.confirm({ serverUrl: 'https://a.example', redirectUri: 'http://127.0.0.1:9/cb' }, ask), true);
    assert.equal(await notice.confirm({ serverUrl: 'https://b.example' }, ask), true);
    assert.deepEqual(asked, [
      ['panopto.serverUrl = https://a.example', 'panopto.redirectUri = http://127.0.0.1:9/cb'],
      ['panopto.serverUrl = https://a.example', 'panopto.redirectUri = http://127.0.0.1:9/cb'],
      ['panopto.serverUrl = https://b.example'],
    ]);
  });

  describe('a sign-in asks first', () => {
    let server: DevServer;
    let t: TestCore | undefined;
    before(async () => {
      server = await startTestDevServer({});
    });
    after(async () => {
      t?.core.dispose();
      await server.close();
    });

    it('declining ends the sign-in as cancelled before the browser is opened', async () => {
      const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
      t = await makeCore({ server, settings: { redirectUri } });
      t.browser.beforeSignIn = () => Promise.resolve(false);
      await assert.rejects(t.core.createSession([]), SignInCancelledError);
      assert.deepEqual(t.browser.openedUrls, []);
    });
  });
});
