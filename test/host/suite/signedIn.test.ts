// Runs after the signed-out suites (files run in name order): signs in for real from inside the
// extension host with `panopto.signIn` (the provider's own createSession, as the Accounts menu does;
// a getSession({createIfNone}) would need the "wants to sign in" modal, which the workbench refuses
// to show in extension-test mode). The runner's assistant plays the person: it enters the client
// secret when asked and logs in as 'ada' on the dev server page that opens in a new tab.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, devServerUrl } from './context';

describe('signed in from the extension host', () => {
  let session: vscode.AuthenticationSession;

  before(async function () {
    if (!devServerUrl) this.skip();
    this.timeout(120_000);
    await activatedApi();
    const signedIn = await vscode.commands.executeCommand<vscode.AuthenticationSession | undefined>('panopto.signIn');
    assert.ok(signedIn, 'panopto.signIn returned a session (see the Panopto log for why not)');
    session = signedIn;
  });

  it('panopto.signIn yields a session for the dev server user', () => {
    assert.match(session.account.label, /ada|Ada Lovelace/);
    assert.ok(session.accessToken.length > 0, 'the session carries an access token');
    for (const scope of ['openid', 'api']) assert.ok(session.scopes.includes(scope), `granted scopes include ${scope}`);
  });

  it('getAccounts lists the signed-in account', async () => {
    const accounts = await vscode.authentication.getAccounts('panopto');
    assert.deepEqual(
      accounts.map((a) => a.id),
      [session.account.id],
    );
  });

  it('the exported API lists the seeded folders as the signed-in user', async () => {
    const api = await activatedApi();
    const folders = await api.listFolders();
    assert.ok(folders.length > 0, 'ada sees at least one top-level folder');
    for (const folder of folders) {
      assert.equal(typeof folder.id, 'string');
      assert.ok(folder.name.length > 0);
    }
  });
});
