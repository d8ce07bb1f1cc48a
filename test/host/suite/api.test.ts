// The exported API (version 2) in a real extension host: its shape, its rejections while signed out,
// every method as the signed-in dev server user, and a second extension (test/fixtures/auth-fixture)
// using it as a third party would. The signed-in part signs in with panopto.signIn (the runner's
// assistant plays the person, see signedIn.test.ts) and signs out again, so the suites after this
// one start signed out as before.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Folder, PanoptoApi } from '../../../src/api';
import { activatedApi, devServerUrl } from './context';

const fixtureId = 'panopto-community.panopto-auth-fixture';

const API_METHODS = [
  'listFolders',
  'searchFolders',
  'createFolder',
  'updateFolder',
  'deleteFolder',
  'listSessions',
  'searchSessions',
  'getSessionDetails',
  'updateSession',
  'deleteSession',
  'upload',
] as const;

interface ApiUse {
  apiVersion: number;
  offersGetSession: boolean;
  folders: string[];
  sessions: string[];
}

/** Rejects with an Error a user can read: one line, no token, no stack. */
async function rejectsReadably(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof Error, 'rejects with an Error');
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /Bearer|access_token|\.ASPXAUTH|\n/);
    return true;
  });
}

describe('exported API', () => {
  it('activate() returns the PanoptoApi of the contract, version 2, without getSession', async () => {
    const api = await activatedApi();
    assert.equal(api.apiVersion, 2);
    for (const name of API_METHODS) {
      assert.equal(typeof api[name], 'function', `api.${name} is a function`);
    }
    assert.equal(typeof api.onDidChangeSessions, 'function', 'onDidChangeSessions is an Event');
    assert.equal('getSession' in api, false, 'tokens come from vscode.authentication.getSession, with consent');
    assert.ok(Object.isFrozen(api));
  });

  it('onDidChangeSessions can be subscribed to and disposed', async () => {
    const api = await activatedApi();
    const subscription = api.onDidChangeSessions(() => undefined);
    assert.equal(typeof subscription.dispose, 'function');
    subscription.dispose();
  });

  it('the API never exposes token material as properties', async () => {
    const api = await activatedApi();
    const keys = Object.keys(api).map((k) => k.toLowerCase());
    assert.deepEqual(
      keys.filter((k) => /token|secret|password|cookie/.test(k)),
      [],
    );
  });

  it('rejects bad arguments and calls made while signed out with a readable Error', async () => {
    const api = await activatedApi();
    await rejectsReadably(api.searchFolders(''), /query must be a non-empty string/);
    await rejectsReadably(api.getSessionDetails('../../folders'), /not a Panopto session id/);
    if ((await vscode.authentication.getAccounts('panopto')).length === 0) {
      await rejectsReadably(api.listFolders(), /Not signed in|sign in/i);
    }
  });

  describe('signed in', () => {
    let api: PanoptoApi;
    let changes = 0;
    let subscription: vscode.Disposable | undefined;
    let scratch: Folder | undefined;

    before(async function () {
      if (!devServerUrl) this.skip();
      this.timeout(120_000);
      api = await activatedApi();
      subscription = api.onDidChangeSessions(() => changes++);
      const session = await vscode.commands.executeCommand<vscode.AuthenticationSession | undefined>('panopto.signIn');
      assert.ok(session, 'panopto.signIn returned a session (see the Panopto log for why not)');
    });

    after(async function () {
      this.timeout(30_000);
      subscription?.dispose();
      if (scratch) await api.deleteFolder(scratch.id).catch(() => undefined);
      if ((await vscode.authentication.getAccounts('panopto')).length > 0) await vscode.commands.executeCommand('panopto.signOut');
    });

    it('onDidChangeSessions fired for the sign-in', () => {
      assert.ok(changes > 0);
    });

    it('lists and searches folders', async () => {
      const top = await api.listFolders();
      const cse = top.find((f) => f.name === 'Computer Science & Engineering');
      assert.ok(cse, 'ada sees the course folder');
      assert.ok(cse.url?.startsWith(`${devServerUrl}/Panopto/`));
      const children = await api.listFolders(cse.id);
      assert.ok(children.some((f) => f.name === 'COMP101 Introduction to Programming' && f.parentId === cse.id));
      assert.deepEqual(
        (await api.searchFolders('numérique')).map((f) => f.name),
        ['Analyse numérique'],
      );
    });

    it('creates, renames and moves a folder', async () => {
      const [maths] = await api.searchFolders('Mathématiques appliquées');
      const [analyse] = await api.searchFolders('Analyse numérique');
      assert.ok(maths && analyse);
      scratch = await api.createFolder('Host suite scratch', maths.id);
      assert.equal(scratch.parentId, maths.id);
      const renamed = await api.updateFolder(scratch.id, { name: 'Host suite scratch (renamed)', description: 'made by the host suite' });
      assert.equal(renamed.name, 'Host suite scratch (renamed)');
      assert.equal(renamed.description, 'made by the host suite');
      const moved = await api.updateFolder(scratch.id, { parentId: analyse.id });
      assert.equal(moved.parentId, analyse.id);
    });

    it('lists and searches recordings and reads their details', async () => {
      const [comp101] = await api.searchFolders('COMP101');
      assert.ok(comp101);
      const sessions = await api.listSessions(comp101.id);
      assert.deepEqual(
        sessions.map((s) => s.name),
        ['Assessment & deadlines', 'Course overview'],
      );
      const hits = await api.searchSessions('sorting');
      assert.equal(hits[0]?.name, 'Week 3 – Lecture: Sorting algorithms');
      const details = await api.getSessionDetails(hits[0].id);
      assert.equal(details.folderName, 'Lectures');
      assert.ok(details.embedUrl?.startsWith(`${devServerUrl}/Panopto/Pages/Embed.aspx`));
      assert.ok(details.captionDownloadUrl);
      const inFolder = await api.searchSessions('overview', { folderId: comp101.id });
      assert.deepEqual(
        inFolder.map((s) => s.name),
        ['Course overview'],
      );
    });

    it('uploads a file into a folder, then renames, moves and deletes the recording', async function () {
      this.timeout(120_000);
      assert.ok(scratch, 'the folder made above');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'panopto-host-api-'));
      const file = vscode.Uri.file(path.join(dir, 'api-suite.mp4'));
      writeFileSync(file.fsPath, Buffer.alloc(32 * 1024, 2));
      let lastProgress = 0;
      const result = await api.upload(file, scratch.id, { title: 'API suite recording', onProgress: (p) => (lastProgress = p.bytesSent) });
      assert.equal(result.state, 'complete', result.message);
      assert.ok(lastProgress > 0, 'progress was reported');
      assert.ok(result.sessionId);
      const updated = await api.updateSession(result.sessionId, { name: 'API suite recording (renamed)', description: 'renamed' });
      assert.equal(updated.name, 'API suite recording (renamed)');
      assert.equal(updated.folderId, scratch.id);
      await api.deleteSession(result.sessionId);
      await rejectsReadably(api.getSessionDetails(result.sessionId), /was not found/);
    });

    it('deletes the folder; then it is not found', async () => {
      assert.ok(scratch);
      await api.deleteFolder(scratch.id);
      const gone = scratch.id;
      scratch = undefined;
      await rejectsReadably(api.deleteFolder(gone), /was not found on /);
    });

    it('rejects a change Panopto refuses with a message naming what and where', async () => {
      await rejectsReadably(api.updateFolder('11111111-2222-4333-8444-555555555555', { name: 'x' }), /was not found on /);
    });

    it('another extension uses the API and gets plain data, never a token', async function () {
      if (!vscode.extensions.getExtension(fixtureId)) this.skip();
      const used = await vscode.commands.executeCommand<ApiUse>('panoptoFixture.useApi', 'sorting');
      assert.equal(used.apiVersion, 2);
      assert.equal(used.offersGetSession, false);
      assert.ok(used.folders.includes('Computer Science & Engineering'));
      assert.deepEqual(used.sessions.slice(0, 1), ['Week 3 – Lecture: Sorting algorithms']);
      assert.doesNotMatch(JSON.stringify(used), /accessToken|Bearer/);
    });
  });

  it('another extension calling the API while signed out gets the readable rejection', async function () {
    if (!vscode.extensions.getExtension(fixtureId)) this.skip();
    if ((await vscode.authentication.getAccounts('panopto')).length > 0) this.skip();
    await rejectsReadably(Promise.resolve(vscode.commands.executeCommand('panoptoFixture.useApi')), /Not signed in|sign in/i);
  });
});
