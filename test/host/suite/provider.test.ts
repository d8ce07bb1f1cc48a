import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from './context';

describe('authentication provider', () => {
  before(async () => {
    await activatedApi();
  });

  it('getSession("panopto", …, {silent:true}) resolves undefined when signed out, without "not registered"', async () => {
    const session = await vscode.authentication.getSession('panopto', ['openid', 'api'], { silent: true });
    assert.equal(session, undefined);
  });

  it('getAccounts("panopto") knows the provider and lists no account when signed out', async () => {
    const accounts = await vscode.authentication.getAccounts('panopto');
    assert.deepEqual(accounts, []);
  });

  it('an unknown provider id is rejected, so the checks above are not vacuous', async () => {
    await assert.rejects(Promise.resolve(vscode.authentication.getSession('panopto-does-not-exist', [], { silent: true })));
  });
});
