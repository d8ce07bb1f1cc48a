// "Panopto where you write" in a real VS Code against the dev server: Insert Panopto Video in the
// document's syntax, hovers on recording links (vscode.executeHoverProvider), and the link check's
// diagnostics for a deleted recording (deleted here first) and for one this user may not see.
// Signs in itself when no suite before it did (files run in name order; a grep may skip the others),
// and then signs out again after itself, since later suites expect to start signed out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED_PATHS } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import type { PanoptoApi } from '../../../src/api';
import { RECORDINGS_MIME, recordingsPayload } from '../../../src/authoring/dragPayload';
import { createDropProvider } from '../../../src/authoring/dropProvider';
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

/** Signs in when nobody has; resolves to whether it did (then the suite signs out again after itself). */
async function signInIfNeeded(): Promise<boolean> {
  if ((await vscode.authentication.getAccounts('panopto')).length > 0) return false;
  assert.ok(await vscode.commands.executeCommand('panopto.signIn'), 'signed in (see the Panopto log for why not)');
  return true;
}

async function openDocument(content: string, language: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(document);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

async function withSetting<T>(key: string, value: unknown, run: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration();
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await run();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}

describe('authoring: Panopto where you write', function () {
  this.timeout(120_000);
  let api: PanoptoApi;
  let lecture: { id: string; name: string; viewerUrl: string };
  let signedInHere = false;

  before(async function () {
    if (!devServerUrl) this.skip();
    api = await activatedApi();
    signedInHere = await signInIfNeeded();
    const [found] = await api.searchSessions('Running Python');
    assert.ok(found?.viewerUrl, 'the seeded "Lecture 2 – Running Python" is found');
    lecture = { id: found.id, name: found.name, viewerUrl: found.viewerUrl };
    print(`[authoring] recording ${lecture.name} at ${lecture.viewerUrl}`);
  });

  // Later suites (in name order) expect the signed-out state the suites before them left.
  after(async () => {
    if (signedInHere) await vscode.commands.executeCommand('panopto.signOut');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('panopto.insertVideo writes a Markdown link with the title', async () => {
    const editor = await openDocument('See: ', 'markdown');
    editor.selection = new vscode.Selection(0, 5, 0, 5);
    assert.equal(await vscode.commands.executeCommand('panopto.insertVideo', { sessionId: lecture.id }), true);
    assert.equal(editor.document.getText(), `See: [${lecture.name}](${lecture.viewerUrl})`);
  });

  it('is one undo step', async () => {
    const editor = await openDocument('', 'latex');
    await vscode.commands.executeCommand('panopto.insertVideo', { sessionId: lecture.id });
    assert.equal(editor.document.getText(), `\\href{${lecture.viewerUrl}}{${lecture.name}}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), '');
  });

  it('writes the embed player with a title in HTML when panopto.insert.format is embed', async () => {
    await withSetting('panopto.insert.format', 'embed', async () => {
      const editor = await openDocument('', 'html');
      await vscode.commands.executeCommand('panopto.insertVideo', { sessionId: lecture.id });
      const text = editor.document.getText();
      print(`[authoring] embed: ${text}`);
      assert.match(text, /^<iframe src="[^"]+\/Panopto\/Pages\/Embed\.aspx\?id=/);
      assert.ok(text.includes(`title="${lecture.name}"`), text);
    });
  });

  it('a drop from the Folders tree writes the recording in the configured format and offers the others', async () => {
    const editor = await openDocument('', 'markdown');
    const payload = recordingsPayload([{ kind: 'session', id: lecture.id, session: lecture }]);
    assert.ok(payload);
    const dataTransfer = new vscode.DataTransfer();
    dataTransfer.set(RECORDINGS_MIME, new vscode.DataTransferItem(payload));
    const source = new vscode.CancellationTokenSource();
    const edits = await createDropProvider().provideDocumentDropEdits(
      editor.document,
      new vscode.Position(0, 0),
      dataTransfer,
      source.token,
    );
    const list = Array.isArray(edits) ? edits : edits ? [edits] : [];
    const texts = list.map((e) => (typeof e.insertText === 'string' ? e.insertText : e.insertText.value));
    print(`[authoring] drop edits: ${list.map((e) => e.title).join(' / ')}`);
    assert.equal(texts[0], `[\${1:${lecture.name}}](${lecture.viewerUrl})`, 'the link first, its title a placeholder');
    assert.ok(
      texts.some((t) => t.includes('<iframe')),
      'the embed player is offered too',
    );
  });

  it('hovering a link to a recording shows its title, folder and Open / Copy Link', async () => {
    const editor = await openDocument(`Watch [it](${lecture.viewerUrl}) today.`, 'markdown');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(0, 20),
    );
    const text = hoverText(hovers);
    print(`[authoring] hover: ${text.replace(/\n+/g, ' | ')}`);
    assert.ok(text.includes('Running Python'), text);
    assert.match(text, /Week 1/);
    assert.match(text, /command:panopto\.authoring\.copyLink/);
  });

  it('no Panopto hover on a link to another host, nor with panopto.hover.enabled off', async () => {
    const other = lecture.viewerUrl.replace(/^https?:\/\/[^/]+/, 'https://elsewhere.example');
    const editor = await openDocument(`${other}\n${lecture.viewerUrl}`, 'plaintext');
    const elsewhere = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(0, 30),
    );
    assert.ok(!hoverText(elsewhere).includes('Running Python'));
    await withSetting('panopto.hover.enabled', false, async () => {
      const off = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        new vscode.Position(1, 30),
      );
      assert.ok(!hoverText(off).includes('Running Python'));
    });
  });

  it('panopto.checkLinks reports a deleted recording (404) and a forbidden one (403) in Problems', async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip();
    const site = new URL(lecture.viewerUrl).origin;
    const [doomed] = await api.searchSessions('Intégration numérique');
    assert.ok(doomed, 'a recording to delete');
    await api.deleteSession(doomed.id);
    const forbiddenId = sessionIdFor(SEED_PATHS.graceNotes, 'Seminar 1 – Why compilers?');
    const file = vscode.Uri.joinPath(folder.uri, 'authoring-links.md');
    const lines = [
      `- fine: [ok](${lecture.viewerUrl})`,
      `- gone: [deleted](${site}/Panopto/Pages/Viewer.aspx?id=${doomed.id})`,
      `- forbidden: <iframe src="${site}/Panopto/Pages/Embed.aspx?id=${forbiddenId}&amp;autoplay=false"></iframe>`,
    ];
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(lines.join('\n') + '\n'));
    // The same broken link where search.exclude says not to look: not read, not reported.
    const excluded = vscode.Uri.joinPath(folder.uri, 'authoring-excluded', 'old.md');
    await vscode.workspace.fs.writeFile(excluded, new TextEncoder().encode(lines[1] + '\n'));
    const searchExclude = vscode.workspace.getConfiguration('search').inspect<Record<string, boolean>>('exclude')?.defaultValue ?? {};
    await vscode.workspace
      .getConfiguration('search')
      .update('exclude', { ...searchExclude, '**/authoring-excluded': true }, vscode.ConfigurationTarget.Global);
    try {
      const result = await vscode.commands.executeCommand<{ gone: number; forbidden: number; links: number; files: number }>(
        'panopto.checkLinks',
      );
      print(`[authoring] checkLinks: ${JSON.stringify(result)}`);
      assert.ok(result, 'the check ran');
      assert.equal(result.gone, 1);
      assert.equal(result.forbidden, 1);
      assert.equal(result.files, 1, 'the excluded folder was not searched');
      assert.equal(vscode.languages.getDiagnostics(excluded).length, 0);
      const diagnostics = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Panopto');
      assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code]).sort(), [
        [1, 'gone'],
        [2, 'forbidden'],
      ]);
      const document = await vscode.workspace.openTextDocument(file);
      const gone = diagnostics.find((d) => d.code === 'gone')!;
      assert.equal(document.getText(gone.range), `${site}/Panopto/Pages/Viewer.aspx?id=${doomed.id}`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file, gone.range);
      const fix = actions.find((a) => a.diagnostics?.includes(gone) || a.title.includes('Panopto'));
      assert.ok(fix?.command, 'a quick fix offers a replacement');
      // The fix's command with a chosen recording (the picker is the person's part): the link is replaced.
      await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]), lecture.id);
      assert.ok(document.getText().includes(`- gone: [deleted](${lecture.viewerUrl})`), document.getText());
      const after = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Panopto');
      assert.deepEqual(
        after.map((d) => d.code),
        ['forbidden'],
        'the replaced link lost its diagnostic',
      );
    } finally {
      await vscode.workspace.getConfiguration('search').update('exclude', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(file);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, 'authoring-excluded'), { recursive: true });
    }
  });
});
