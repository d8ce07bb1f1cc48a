import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, panoptoExtension } from './context';

describe('activation', () => {
  it('the extension is present under its contract id and activates', async () => {
    const extension = panoptoExtension();
    await activatedApi();
    assert.equal(extension.isActive, true);
    const manifest = extension.packageJSON as { name: unknown; publisher: unknown };
    assert.equal(manifest.name, 'vscode-panopto');
    assert.equal(manifest.publisher, 'panopto-community');
  });

  it('it runs in a Node extension host (remote in code-server, local under Electron)', () => {
    assert.equal(typeof process.versions.node, 'string');
    // Workspace extension: in code-server it runs on the server side.
    if (vscode.env.appName === 'code-server') assert.ok(vscode.env.remoteName, 'code-server hosts extensions remotely');
  });

  it('the host is the VS Code version engines.vscode is pinned to', () => {
    const engine = String((panoptoExtension().packageJSON as { engines: { vscode: unknown } }).engines.vscode);
    const [major, minor] = vscode.version.split('.').map(Number);
    const pinned = /(\d+)\.(\d+)/.exec(engine);
    assert.ok(pinned, `engines.vscode ${engine} names a version`);
    assert.ok(
      major > Number(pinned[1]) || (major === Number(pinned[1]) && minor >= Number(pinned[2])),
      `host ${vscode.version} satisfies ${engine}`,
    );
  });
});
