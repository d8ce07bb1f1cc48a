// "Panopto where you write" as a person does it in the real workbench (code-server in Chromium, the
// dev server as 'ada'), in a Markdown file: Insert Panopto Video from the palette, hover the link
// for the recording's details, check the links after one recording was deleted on the server (the
// Problems panel lists it), and drag a recording from the Folders view into the editor. What the
// editor wrote is read from the saved file. Each step leaves a screenshot in the run folder; with
// PANOPTO_E2E_DOCS=1 the README's screenshots (docs/authoring-*.png) are written too. The steps
// depend on each other, so a failed step skips the rest (the drag comes last: it needs the least).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SEED_PATHS } from '../../devserver/seedFolders';
import { sessionIdFor } from '../../devserver/seedSessions';
import { devIdentityProvider } from '../../devserver/seedUsers';
import { devUserClient } from '../../devserver/oauth/clients';
import { repoRoot } from '../host/harness/paths';
import { dragAndDrop } from './support/dragAndDrop';
import type { E2eEnvironment } from './support/environment';
import { useE2eStory } from './support/story';
import { signInAs } from './support/login';
import { openFoldersView, pickQuickPickItem, runCommand, selectors, waitForNotification } from './support/workbench';

const notesFile = 'lecture-notes.md';
const lecture = { name: 'Lecture 2 – Running Python', id: sessionIdFor(SEED_PATHS.week1, 'Lecture 2 – Running Python') };
const dragged = { name: 'Tutorial: VS Code setup', id: sessionIdFor(SEED_PATHS.week1, 'Tutorial: VS Code setup') };
const doomed = { name: 'Intégration numérique', id: sessionIdFor(SEED_PATHS.analyse, 'Intégration numérique') };

/**
 * Deletes a recording on the dev server through its REST API as ada, with a token from the password
 * grant of the user-based client (devserver/README.md, "Clients and users"), as another tool would.
 */
async function deleteRecordingAsAda(baseUrl: string, sessionId: string): Promise<void> {
  const username = `${devIdentityProvider.name}\\ada`;
  const password = createHash('sha256').update(`${username}|${devIdentityProvider.applicationKey}`.toLowerCase(), 'utf8').digest('base64');
  const client = Buffer.from(`${devUserClient.clientId}:${devUserClient.clientSecret}`).toString('base64');
  const tokenAnswer = await fetch(`${baseUrl}/Panopto/oauth2/connect/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${client}` },
    body: new URLSearchParams({ grant_type: 'password', username, password, scope: 'openid api' }),
  });
  assert.equal(tokenAnswer.status, 200, `the password grant for ada: ${await tokenAnswer.clone().text()}`);
  const { access_token: accessToken } = (await tokenAnswer.json()) as { access_token: string };
  const deleted = await fetch(`${baseUrl}/Panopto/api/v1/sessions/${sessionId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  assert.equal(deleted.status, 200, `DELETE /sessions/${sessionId}`);
}

describe('Panopto where you write (e2e)', function () {
  let env: E2eEnvironment;
  let page: Page;

  const shot = async (name: string, docsName?: string) => {
    const file = await env.screenshot(name);
    if (docsName && process.env.PANOPTO_E2E_DOCS) copyFileSync(file, path.join(repoRoot, 'docs', `${docsName}.png`));
  };
  const viewerUrl = (id: string) => `${env.devServer.baseUrl}/Panopto/Pages/Viewer.aspx?id=${id}`;
  const editor = () => page.locator('.editor-instance .monaco-editor').first();
  const notesPath = () => path.join(env.codeServer.workspaceFolder, notesFile);

  /** Saves the active editor and waits until the file on disk satisfies `expected`; returns its text. */
  const savedText = async (expected: (text: string) => boolean, what: string): Promise<string> => {
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 30_000;
    let text = '';
    while (Date.now() < deadline) {
      text = readFileSync(notesPath(), 'utf8');
      if (expected(text)) return text;
      await page.waitForTimeout(250);
    }
    assert.fail(`${notesFile} never had ${what}; it has:\n${text}`);
  };

  /** Puts the cursor at the end of the document, on a line of its own. */
  const cursorOnNewLastLine = async () => {
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
  };

  /** Insert Panopto Video… from the palette: type a search, pick the recording. */
  const insertFromPalette = async (query: string, name: string) => {
    await runCommand(page, 'Panopto: Insert Panopto Video…');
    const input = page.locator(selectors.quickInputBox);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(query);
    await page.locator(selectors.quickInputRow).filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot(`search-${query}`);
    await pickQuickPickItem(page, name);
    // The title is left selected to retype; Escape leaves the snippet.
    await page.locator(selectors.quickInput).waitFor({ state: 'hidden', timeout: 15_000 });
    await page.keyboard.press('Escape');
  };

  /** The Folders view's row whose text contains `text`. */
  const row = async (text: string): Promise<Locator> => (await openFoldersView(page)).rows.filter({ hasText: text }).first();
  const expand = async (name: string) => {
    const r = await row(name);
    await r.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  };

  useE2eStory(
    {
      label: 'e2e-authoring',
      workspaceFiles: { [notesFile]: '# Week 1 notes\n\nBefore the lab, watch:' },
      viewport: { width: 1400, height: 860 },
    },
    (started) => {
      env = started;
      page = started.page;
    },
  );

  it('signs in as ada and opens a Markdown file', async () => {
    await signInAs(page, env.devServer.baseUrl, 'ada');
    await (await openFoldersView(page)).rows.first().waitFor({ state: 'visible', timeout: 30_000 });
    // Quick Open: the palette without its ">" looks for files.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator(selectors.quickInputBox);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(notesFile);
    await pickQuickPickItem(page, notesFile);
    await page.locator('.tabs-container .tab.active', { hasText: notesFile }).waitFor({ state: 'visible', timeout: 30_000 });
    await editor().locator('.view-lines', { hasText: 'Week 1 notes' }).waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('inserts a recording found from the palette as a Markdown link', async () => {
    await cursorOnNewLastLine();
    await insertFromPalette('Running Python', lecture.name);
    const link = `[${lecture.name}](${viewerUrl(lecture.id)})`;
    await editor().locator('.view-lines', { hasText: lecture.name }).waitFor({ state: 'visible', timeout: 30_000 });
    await shot('inserted', 'authoring-insert');
    const text = await savedText((t) => t.includes(link), `the link ${link}`);
    assert.equal(text, `# Week 1 notes\n\nBefore the lab, watch:\n${link}`);
  });

  it('hovering the link shows the recording’s title, folder and duration', async () => {
    const url = editor()
      .locator('.view-line span')
      .filter({ hasText: /Viewer\.aspx/ })
      .last();
    await url.waitFor({ state: 'visible', timeout: 15_000 });
    await url.hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: lecture.name }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    // No wait for the thumbnail: the workbench's content security policy lets images come over
    // https only, and the dev server is http, so the hover shows the thumbnail's alt text here.
    await shot('hover', 'authoring-hover');
    const shown = await hover.innerText();
    assert.match(shown, /Week 1 – Getting started/, 'the folder');
    assert.match(shown, /\b\d+:\d\d\b/, 'the duration');
    assert.match(shown, /Copy Link/);
    await page.mouse.move(700, 120);
  });

  it('Check Links to Recordings lists a recording deleted on the server in the Problems panel', async () => {
    await cursorOnNewLastLine();
    await insertFromPalette('Intégration', doomed.name);
    await savedText((t) => t.includes(viewerUrl(doomed.id)), `the link to "${doomed.name}"`);
    await deleteRecordingAsAda(env.devServer.baseUrl, doomed.id);
    await runCommand(page, 'Panopto: Check Links to Recordings');
    const summary = await waitForNotification(page, /Checked 2 links to 2 Panopto recordings in 1 files/, 60_000);
    assert.match(summary, /1 gone/);
    await page
      .locator(selectors.notificationToast)
      .filter({ hasText: /1 gone/ })
      .locator('.monaco-button', { hasText: 'Show Problems' })
      .first()
      .click();
    const problem = page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: 'This Panopto recording no longer exists (HTTP 404).' });
    await problem.first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('check-links', 'authoring-check-links');
    const problems = await page.locator('.markers-panel').innerText();
    assert.match(problems, /lecture-notes\.md/);
    assert.doesNotMatch(problems, /no access/, 'the recording that is still there is fine');
  });

  it('a recording dragged from the Folders view into the editor is written as a link', async () => {
    await expand('Computer Science & Engineering');
    await expand('COMP101 Introduction to Programming');
    await expand('Week 1 – Getting started');
    const source = await row(dragged.name);
    await source.waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'View: Hide Panel');
    await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 15_000 });
    await cursorOnNewLastLine();
    // Dropped at the start of the new last line: the editor inserts where the pointer is.
    const lines = editor().locator('.view-line');
    const last = await lines.evaluateAll((els: { getBoundingClientRect(): { x: number; y: number; height: number } }[]) =>
      els.map((el) => el.getBoundingClientRect()).reduce((a, b) => (b.y > a.y ? b : a)),
    );
    await dragAndDrop(page, source, editor().locator('.view-lines'), { at: { x: last.x + 4, y: last.y + last.height / 2 } });
    const link = `[${dragged.name}](${viewerUrl(dragged.id)})`;
    await editor().locator('.view-lines', { hasText: dragged.name }).waitFor({ state: 'visible', timeout: 30_000 });
    // The drop widget next to the link offers the other forms. (Not the thumbnail: a folder's
    // listing carries only the viewer link, like Panopto's, so the drag knows no thumbnail.)
    await editor().locator('.post-edit-widget .monaco-button').first().click();
    const forms = page.locator('.action-widget').filter({ hasText: 'Insert Panopto embed player' }).first();
    await forms.waitFor({ state: 'visible', timeout: 15_000 });
    await shot('dropped', 'authoring-drop');
    // The edit that was applied is the one with the check mark.
    const chosen = forms.locator('.monaco-list-row').filter({ has: page.locator('.codicon-check') });
    assert.match(await chosen.first().innerText(), /Insert Panopto link/, 'the Panopto link is the one written');
    await page.keyboard.press('Escape');
    await forms.waitFor({ state: 'hidden', timeout: 15_000 });
    await savedText((t) => t.endsWith(`\n${link}`), `the dropped link ${link}`);
  });
});
