import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, extensionId, panoptoExtension } from './context';

/** The extension's code-cache folders under the host's user data (its global storage), however the host lays it out. */
async function codeCacheFiles(userDataDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (!entry.isDirectory()) continue;
      if (entry.name === 'code-cache' && path.basename(dir) === extensionId) {
        found.push(...(await readdir(full)).filter((name) => name.endsWith('.bin')));
      } else if (depth < 4) {
        await walk(full, depth + 1);
      }
    }
  };
  await walk(userDataDir, 0);
  return found;
}

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

  it("keeps V8's compiled code of dist/extension.js in its global storage for the next start (src/startup/codeCache.ts)", async function () {
    const userDataDir = process.env.PANOPTO_TEST_USER_DATA_DIR;
    if (!userDataDir) this.skip();
    await activatedApi();
    const deadline = Date.now() + 10_000;
    let files = await codeCacheFiles(userDataDir);
    while (files.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      files = await codeCacheFiles(userDataDir);
    }
    assert.equal(files.length, 1, `one cache file for this build (${files.join(', ') || 'none'})`);
    assert.match(
      files[0],
      new RegExp(`^${String((panoptoExtension().packageJSON as { version: unknown }).version).replace(/\./g, '\\.')}-`),
    );
  });
});
