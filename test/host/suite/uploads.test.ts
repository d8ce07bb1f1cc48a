// The upload queue in the extension host: the Uploads view and its commands are contributed and
// registered, and several files from the explorer go through the one queue to Panopto (signed in
// by signedIn.test.ts, which runs before this file in name order).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { UploadResult } from '../../../src/api';
import { activatedApi, devServerUrl, manifestCommands, panoptoExtension } from './context';

const VIEW_COMMANDS = ['cancel', 'retry', 'resume', 'openInPanopto', 'revealFile', 'clearFinished'].map((c) => `panopto.uploads.${c}`);

describe('upload queue in the extension host', () => {
  before(async function () {
    if (!devServerUrl) this.skip();
    await activatedApi();
  });

  it('contributes the Uploads view in the Panopto container, its commands and the parallelFiles setting', async () => {
    const contributes = (
      panoptoExtension().packageJSON as {
        contributes: { views: Record<string, { id: string }[]>; configuration: { properties: Record<string, { default?: unknown }> } };
      }
    ).contributes;
    assert.ok(
      contributes.views.panopto.some((v) => v.id === 'panopto.uploads'),
      'panopto.uploads is in the panopto container',
    );
    assert.equal(contributes.configuration.properties['panopto.upload.parallelFiles']?.default, 2);
    const contributed = manifestCommands().map((c) => c.command);
    const registered = await vscode.commands.getCommands(true);
    for (const command of VIEW_COMMANDS) {
      assert.ok(contributed.includes(command), `${command} is contributed`);
      assert.ok(registered.includes(command), `${command} is registered`);
    }
  });

  it('three files from the explorer upload through the queue, and clear finished empties it', async function () {
    this.timeout(180_000);
    const api = await activatedApi();
    const accounts = await vscode.authentication.getAccounts('panopto');
    if (accounts.length === 0) this.skip(); // signing in failed; signedIn.test.ts reports why
    const [folder] = await api.listFolders();
    assert.ok(folder, 'a folder to upload into');
    await vscode.commands.executeCommand('panopto.uploads.focus');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'panopto-host-queue-'));
    const files = [1, 2, 3].map((n) => {
      const file = vscode.Uri.file(path.join(dir, `queued lecture ${n}.mp4`));
      writeFileSync(file.fsPath, Buffer.alloc(n * 100 * 1024, n));
      return file;
    });
    const results = await vscode.commands.executeCommand<UploadResult[]>('panopto.upload', files[0], files, folder.id);
    assert.equal(results.length, 3);
    for (const result of results) {
      assert.ok(result.uploadId, 'each upload has an id');
      assert.ok(result.state === 'complete' || result.state === 'processing', `${result.state}: ${result.message ?? ''}`);
    }
    assert.equal(new Set(results.map((r) => r.uploadId)).size, 3, 'three distinct uploads');
    await vscode.commands.executeCommand('panopto.uploads.clearFinished');
  });
});
