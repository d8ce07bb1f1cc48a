// Managing recordings from the Folders view: every command of src/commands/recordingCommands.ts run
// as the tree's menus run it, with the value a prompt would ask for given as an argument, against
// the dev server as 'ada' (signed in here if no earlier suite did). The changes happen in folders
// this suite creates inside "Computer Science & Engineering", or are undone, so later suites see
// the seeded data. Deleting always asks in a modal, which the workbench refuses to show under test:
// here that must delete nothing (the e2e suite answers it and deletes).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PanoptoApi } from '../../../src/api';
import { activatedApi, devServerUrl } from './context';

interface FolderRef {
  kind: 'folder';
  id: string;
  name: string;
  parentId?: string;
}
interface SessionRef {
  kind: 'session';
  id: string;
  name: string;
  folderId: string;
}

const run = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args);
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

describe('recordings: managing folders and recordings from the Folders view', () => {
  let api: PanoptoApi;
  let cse: FolderRef;
  let folderA: FolderRef;
  let overview: SessionRef;

  before(async function () {
    if (!devServerUrl) this.skip();
    this.timeout(120_000);
    api = await activatedApi();
    if ((await vscode.authentication.getAccounts('panopto')).length === 0) {
      assert.ok(await run('panopto.signIn'), 'signed in (see the Panopto log if not)');
    }
    const top = (await api.listFolders()).find((f) => f.name === 'Computer Science & Engineering');
    assert.ok(top, 'the seeded "Computer Science & Engineering" folder');
    cse = { kind: 'folder', id: top.id, name: top.name };
    const comp101 = (await api.listFolders(cse.id)).find((f) => f.name.startsWith('COMP101'));
    assert.ok(comp101);
    const session = (await api.listSessions(comp101.id)).find((s) => s.name === 'Course overview');
    assert.ok(session, 'the seeded "Course overview" recording');
    overview = { kind: 'session', id: session.id, name: session.name, folderId: session.folderId };
  });

  it('panopto.newFolder creates a folder inside the folder it runs on', async () => {
    const created = await run<{ id: string; name: string } | undefined>('panopto.newFolder', cse, undefined, `Host A ${stamp}`);
    assert.ok(created, 'the new folder');
    folderA = { kind: 'folder', id: created.id, name: created.name, parentId: cse.id };
    assert.ok((await api.listFolders(cse.id)).some((f) => f.id === created.id));
  });

  it('panopto.rename renames a recording, and renaming it back restores it', async () => {
    const renamed = await run<{ name: string } | undefined>('panopto.rename', overview, undefined, 'Course overview (renamed)');
    assert.equal(renamed?.name, 'Course overview (renamed)');
    const listed = await api.listSessions(overview.folderId);
    assert.ok(listed.some((s) => s.id === overview.id && s.name === 'Course overview (renamed)'));
    await run('panopto.rename', { ...overview, name: 'Course overview (renamed)' }, undefined, overview.name);
    assert.ok((await api.listSessions(overview.folderId)).some((s) => s.id === overview.id && s.name === overview.name));
  });

  it('panopto.rename renames a folder', async () => {
    const renamed = await run<{ name: string } | undefined>('panopto.rename', folderA, undefined, `${folderA.name} renamed`);
    assert.equal(renamed?.name, `${folderA.name} renamed`);
    folderA = { ...folderA, name: `${folderA.name} renamed` };
    assert.ok((await api.listFolders(cse.id)).some((f) => f.id === folderA.id && f.name === folderA.name));
  });

  it('panopto.editDescription sets a folder’s description', async () => {
    const updated = await run<{ description?: string } | undefined>(
      'panopto.editDescription',
      folderA,
      undefined,
      'Made by the host suite.',
    );
    assert.equal(updated?.description, 'Made by the host suite.');
  });

  it('panopto.moveTo moves a recording into another folder, and back', async () => {
    assert.equal(await run<number>('panopto.moveTo', overview, [overview], folderA.id), 1);
    assert.ok((await api.listSessions(folderA.id)).some((s) => s.id === overview.id));
    assert.ok(!(await api.listSessions(overview.folderId)).some((s) => s.id === overview.id));
    const moved = { ...overview, folderId: folderA.id };
    assert.equal(await run<number>('panopto.moveTo', moved, [moved], overview.folderId), 1);
    assert.ok((await api.listSessions(overview.folderId)).some((s) => s.id === overview.id));
  });

  it('panopto.moveTo moves several folders at once (a multi-selection)', async () => {
    const b = await run<{ id: string; name: string }>('panopto.newFolder', cse, undefined, `Host B ${stamp}`);
    const c = await run<{ id: string; name: string }>('panopto.newFolder', cse, undefined, `Host C ${stamp}`);
    const refs = [b, c].map((f) => ({ kind: 'folder', id: f.id, name: f.name, parentId: cse.id }));
    assert.equal(await run<number>('panopto.moveTo', refs[0], refs, folderA.id), 2);
    const inside = (await api.listFolders(folderA.id)).map((f) => f.id);
    assert.deepEqual(inside.filter((id) => id === b.id || id === c.id).sort(), [b.id, c.id].sort());
  });

  it('panopto.moveTo refuses to move a folder into itself or its own subfolder', async () => {
    // The wrapper shows the refusal and resolves to undefined; nothing moved.
    assert.equal(await run('panopto.moveTo', folderA, [folderA], folderA.id), undefined);
    assert.equal(await run('panopto.moveTo', cse, [cse], folderA.id), undefined);
    assert.ok(
      (await api.listFolders()).some((f) => f.id === cse.id),
      'the top-level folder stayed where it was',
    );
  });

  it('panopto.delete deletes nothing when its confirmation is not answered with Delete', async function () {
    this.timeout(60_000);
    const answer = await Promise.race([
      run<number | undefined>('panopto.delete', folderA, [folderA]),
      new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20_000)),
    ]);
    assert.notEqual(answer, 1, 'nothing was deleted without a confirmation');
    assert.ok(
      (await api.listFolders(cse.id)).some((f) => f.id === folderA.id),
      'the folder is still there',
    );
  });

  it('panopto.copyEmbedCode copies the embed player of a recording', async () => {
    const code = await run<string | undefined>('panopto.copyEmbedCode', overview);
    assert.ok(code, 'an embed code');
    assert.match(code, /^<iframe src="[^"]+\/Panopto\/Pages\/Embed\.aspx\?id=/);
    assert.ok(code.includes(overview.id));
    assert.equal(await vscode.env.clipboard.readText(), code);
  });

  it('panopto.copyLink copies a recording’s link', async () => {
    const [listed] = (await api.listSessions(overview.folderId)).filter((s) => s.id === overview.id);
    await run('panopto.copyLink', { kind: 'session', id: `session:${overview.id}`, session: listed });
    assert.equal(await vscode.env.clipboard.readText(), listed.viewerUrl);
  });

  it('panopto.searchSessions finds a recording and reveals it in the tree, or copies its link', async function () {
    this.timeout(60_000);
    const revealed = await run<{ session: { id: string } } | undefined>('panopto.searchSessions', 'Course overview', 'reveal');
    assert.equal(revealed?.session.id, overview.id);
    const copied = await run<{ session: { viewerUrl?: string } } | undefined>('panopto.searchSessions', 'Course overview', 'copyLink');
    assert.ok(copied?.session.viewerUrl);
    assert.equal(await vscode.env.clipboard.readText(), copied.session.viewerUrl);
  });

  it('panopto.uploadCaptions uploads an .srt, and panopto.downloadCaptions opens the same captions', async function () {
    this.timeout(60_000);
    const srt = '1\n00:00:01,000 --> 00:00:03,500\nBonjour et bienvenue.\n\n2\n00:00:04,000 --> 00:00:06,000\nOn commence.\n';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'panopto-host-captions-'));
    const file = vscode.Uri.file(path.join(dir, 'overview.fr.srt'));
    writeFileSync(file.fsPath, srt);
    assert.equal(await run('panopto.uploadCaptions', file, [file], overview, 'French'), true);
    const document = await run<vscode.TextDocument | undefined>('panopto.downloadCaptions', overview, undefined, 'French');
    assert.ok(document, 'the captions opened in an editor');
    assert.equal(document.getText().replace(/\r\n/g, '\n').trim(), srt.trim());
    assert.ok(document.isUntitled, 'an untitled editor, not a file');
  });

  it('the recordings’ order toggles between date and name', async () => {
    await run('panopto.folders.sortByDate');
    await run('panopto.folders.sortByName');
  });

  it('a change to a recording that no longer exists changes nothing and resolves quietly', async () => {
    const gone = { kind: 'session', id: '0b9a5a1e-0000-4000-8000-000000000000', name: 'Gone', folderId: overview.folderId };
    assert.equal(await run('panopto.rename', gone, undefined, 'Anything'), undefined);
  });
});
