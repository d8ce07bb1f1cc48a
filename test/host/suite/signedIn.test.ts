// Runs after the signed-out suites (files run in name order): signs in for real from inside the
// extension host. The runner's assistant plays the person: it answers "wants to sign in", enters
// the client secret if asked, and logs in as 'ada' on the dev server page that opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, devServerUrl } from './context';

suite('signed in from the extension host', () => {
  let session: vscode.AuthenticationSession;

  suiteSetup(async function () {
    if (!devServerUrl) this.skip();
    this.timeout(120_000);
    await activatedApi();
    session = await vscode.authentication.getSession('panopto', ['openid', 'api'], { createIfNone: true });
  });

  test('getSession(createIfNone) yields a session for the dev server user', () => {
    assert.match(session.account.label, /ada|Ada Lovelace/);
    assert.ok(session.accessToken.length > 0, 'the session carries an access token');
    for (const scope of ['openid', 'api']) assert.ok(session.scopes.includes(scope), `granted scopes include ${scope}`);
  });

  test('a later silent getSession returns the same session, and getAccounts lists its account', async () => {
    const again = await vscode.authentication.getSession('panopto', ['openid', 'api'], { silent: true });
    assert.equal(again?.id, session.id);
    const accounts = await vscode.authentication.getAccounts('panopto');
    assert.deepEqual(accounts.map((a) => a.id), [session.account.id]);
  });

  test('the exported API returns the same session and lists the seeded folders with it', async () => {
    const api = await activatedApi();
    const viaApi = await api.getSession({ silent: true });
    assert.equal(viaApi?.id, session.id);
    const folders = await api.listFolders();
    assert.ok(folders.length > 0, 'ada sees at least one top-level folder');
    for (const folder of folders) {
      assert.equal(typeof folder.id, 'string');
      assert.ok(folder.name.length > 0);
    }
  });
});
