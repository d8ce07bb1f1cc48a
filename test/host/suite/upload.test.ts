// Upload from the explorer's context menu: the menu item calls `panopto.upload` with (uri, uris);
// here the same command is called with those arguments plus the folder id (so no folder picker),
// as a signed-in user (signedIn.test.ts ran before, in name order).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { UploadResult } from '../../../src/api';
import { activatedApi, devServerUrl, panoptoExtension } from './context';

interface MenuItem {
  command: string;
  when?: string;
}

describe('upload from the explorer', () => {
  before(async function () {
    if (!devServerUrl) this.skip();
    await activatedApi();
  });

  it('the explorer context menu offers "Upload to Panopto…" on video files only', () => {
    const { menus } = (panoptoExtension().packageJSON as { contributes: { menus: Record<string, MenuItem[]> } }).contributes;
    const item = menus['explorer/context']?.find((m) => m.command === 'panopto.upload');
    assert.ok(item?.when, 'panopto.upload is in explorer/context with a when clause');
    assert.match(item.when, /resourceExtname/);
    assert.match(item.when, /mp4/);
  });

  it('panopto.upload(uri, [uri], folderId) uploads a file into that folder', async function () {
    this.timeout(120_000);
    const api = await activatedApi();
    const accounts = await vscode.authentication.getAccounts('panopto');
    if (accounts.length === 0) this.skip(); // signing in failed above; that suite reports why
    const [folder] = await api.listFolders();
    assert.ok(folder, 'a folder to upload into');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'panopto-host-upload-'));
    const file = vscode.Uri.file(path.join(dir, 'host-suite-lecture.mp4'));
    writeFileSync(file.fsPath, Buffer.alloc(64 * 1024, 1));
    const results = await vscode.commands.executeCommand<UploadResult[]>('panopto.upload', file, [file], folder.id);
    assert.equal(results.length, 1);
    assert.ok(results[0].uploadId, 'the upload has an id');
    assert.notEqual(results[0].state, 'failed', results[0].message);
    assert.notEqual(results[0].state, 'cancelled');
    if (results[0].state === 'complete' && results[0].sessionId) {
      const sessions = await api.listSessions(folder.id);
      assert.ok(
        sessions.some((s) => s.id === results[0].sessionId),
        'the new session is listed in its folder',
      );
    }
  });
});
