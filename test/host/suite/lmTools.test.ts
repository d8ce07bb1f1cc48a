// The language model tools, invoked through vscode.lm.invokeTool FROM ANOTHER EXTENSION (the
// fixture's panoptoFixture.invokeTool), as Copilot's agent or any extension would call them.
// Each result is printed: it is text for a person, with links, never a token.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, devServerUrl } from './context';

/** A line in the runner's output (it shows the extension host's console lines that carry its marker). */
function print(text: string): void {
  const marker = process.env.PANOPTO_HOST_CONSOLE_MARKER ?? '';
  console.log(
    text
      .split('\n')
      .map((line) => marker + line)
      .join('\n'),
  );
}

async function invoke(name: string, input: object): Promise<string> {
  const parts = await vscode.commands.executeCommand<string[]>('panoptoFixture.invokeTool', name, input);
  const text = parts.join('\n');
  print(`[lmTools] ${name} ${JSON.stringify(input)} →\n${text}`);
  return text;
}

async function accessToken(): Promise<string | undefined> {
  const session = await vscode.authentication.getSession('panopto', ['openid', 'api'], { silent: true }).then(
    (s) => s,
    () => undefined,
  );
  return session?.accessToken;
}

describe('lmTools: Panopto language model tools', function () {
  this.timeout(120_000);

  before(async function () {
    if (!devServerUrl) this.skip();
    await activatedApi();
    await vscode.extensions.getExtension('panopto-community.panopto-auth-fixture')?.activate();
  });

  it('declares the four tools and registers them', () => {
    const names = vscode.lm.tools.map((t) => t.name).filter((n) => n.startsWith('panopto_'));
    assert.deepEqual(names.sort(), ['panopto_listFolders', 'panopto_searchSessions', 'panopto_sessionDetails', 'panopto_uploadFile']);
  });

  it('signed out, a tool answers how to sign in instead of failing', async function () {
    if ((await vscode.authentication.getAccounts('panopto')).length > 0) this.skip(); // a suite before signed in
    const text = await invoke('panopto_listFolders', {});
    assert.match(text, /Not signed in to Panopto.*Panopto: Sign In/);
  });

  describe('signed in', () => {
    let signedInHere = false;
    before(async () => {
      if ((await vscode.authentication.getAccounts('panopto')).length === 0) {
        assert.ok(await vscode.commands.executeCommand('panopto.signIn'), 'signed in');
        signedInHere = true;
      }
    });
    // Later suites (in name order) expect the signed-out state the suites before them left.
    after(async () => {
      if (signedInHere) await vscode.commands.executeCommand('panopto.signOut');
    });

    it('panopto_searchSessions lists matches with folder, date, duration and viewer links', async () => {
      const text = await invoke('panopto_searchSessions', { query: 'Running Python' });
      assert.match(text, /Lecture 2 – Running Python\]\(http[^)]+Viewer\.aspx\?id=/);
      assert.match(text, /folder Week 1/);
    });

    it('panopto_listFolders lists the top level with ids and links', async () => {
      const text = await invoke('panopto_listFolders', {});
      assert.match(text, /Computer Science & Engineering/);
      assert.match(text, /id [0-9a-f-]{36}/);
    });

    it('panopto_sessionDetails gives title, folder, date, duration and links', async () => {
      const api = await activatedApi();
      const [found] = await api.searchSessions('Running Python');
      const text = await invoke('panopto_sessionDetails', { id: found.id });
      assert.match(text, /# Lecture 2 – Running Python/);
      assert.match(text, /Folder: Week 1/);
      assert.match(text, /Watch: http/);
    });

    it("panopto_uploadFile uploads after the confirmation (the runner's assistant confirms) and says the outcome", async () => {
      const api = await activatedApi();
      const [folder] = await api.searchFolders('COMP101');
      assert.ok(folder, 'COMP101, where ada may upload');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'panopto-host-tool-'));
      const file = path.join(dir, 'tool-upload-lecture.mp4');
      writeFileSync(file, Buffer.alloc(64 * 1024, 2));
      const text = await invoke('panopto_uploadFile', { path: file, folderId: folder.id, title: 'Uploaded by a tool' });
      assert.match(text, /^Uploaded tool-upload-lecture\.mp4; Panopto (has processed it|is still processing it)\./);
    });

    it('no result carries the access token', async () => {
      const token = await accessToken();
      const texts = [await invoke('panopto_listFolders', {}), await invoke('panopto_searchSessions', { query: 'lecture' })];
      if (token) for (const text of texts) assert.ok(!text.includes(token));
    });
  });
});
