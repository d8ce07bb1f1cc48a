// Managing recordings in the Folders view as a person does it in the real workbench (code-server in
// Chromium, the dev server as 'ada'): rename a recording, drag it into another folder, delete a
// folder after the confirmation, search and reveal a recording, upload captions from an .srt in the
// explorer and download them back. Each step leaves a screenshot in the run folder; with
// PANOPTO_E2E_DOCS=1 the README's screenshots (docs/recordings-*.png) are written too. The steps
// depend on each other, so a failed step skips the rest (the drag comes last: it needs the least).
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../host/harness/paths';
import { startE2e, type E2eEnvironment } from './support/environment';
import { signInAs } from './support/login';
import {
  answerDialog,
  answerInputBox,
  clickMenuItem,
  openExplorerContextMenu,
  openFoldersView,
  pickQuickPickItem,
  runCommand,
  selectors,
  waitForNotification,
  waitForWorkbench,
} from './support/workbench';

const captionsFile = 'tutorial.fr.srt';
const captions = [
  '1',
  '00:00:01,000 --> 00:00:04,000',
  'Bienvenue dans le tutoriel.',
  '',
  '2',
  '00:00:04,500 --> 00:00:08,000',
  'Installons VS Code ensemble.',
  '',
].join('\r\n');

describe('recordings in the Folders view (e2e)', function () {
  let env: E2eEnvironment;
  let page: Page;
  let failed = false;

  const shot = async (name: string, docsName?: string) => {
    const file = await env.screenshot(name);
    if (docsName && process.env.PANOPTO_E2E_DOCS) copyFileSync(file, path.join(repoRoot, 'docs', `${docsName}.png`));
  };
  /** The Folders view's row whose text contains `text` (its label; the description follows it). */
  const row = async (text: string | RegExp): Promise<Locator> => (await openFoldersView(page)).rows.filter({ hasText: text }).first();
  const expand = async (name: string) => {
    const r = await row(name);
    await r.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  };
  const contextMenuOn = async (name: string | RegExp, item: RegExp) => {
    const r = await row(name);
    await r.waitFor({ state: 'visible', timeout: 30_000 });
    await r.click({ button: 'right' });
    await clickMenuItem(page, item);
  };

  before(async function () {
    this.timeout(600_000);
    env = await startE2e({ label: 'e2e-recordings', workspaceFiles: { [captionsFile]: captions } });
    page = env.page;
    await page.setViewportSize({ width: 1400, height: 860 });
    await waitForWorkbench(page);
  });

  beforeEach(function () {
    if (failed) this.skip();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await env?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
    }
  });

  after(async () => {
    await env?.close();
  });

  it('signs in as ada and shows a folder’s recordings with their date and duration', async () => {
    await signInAs(page, env.devServer.baseUrl, 'ada');
    await expand('Computer Science & Engineering');
    await expand('COMP101 Introduction to Programming');
    await expand('Week 1 – Getting started');
    const lecture = await row('Lecture 2 – Running Python');
    await lecture.waitFor({ state: 'visible', timeout: 30_000 });
    await lecture.hover();
    await page.waitForTimeout(1500); // the hover (thumbnail and details) opens after a delay
    await shot('recordings-listed', 'recordings-tree');
    assert.match(await lecture.innerText(), /\d+:\d\d/, 'the row shows a duration');
  });

  it('renames a recording from its context menu', async () => {
    await contextMenuOn('Lecture 2 – Running Python', /^Rename…$/);
    await answerInputBox(page, 'Lecture 2 – Running Python (edited)');
    const renamed = await row('Lecture 2 – Running Python (edited)');
    await renamed.waitFor({ state: 'visible', timeout: 30_000 });
    await shot('recording-renamed');
  });

  it('deletes a folder after the confirmation, which says what goes with it', async () => {
    await contextMenuOn('Week 2 – Variables & Types', /^Delete…$/);
    await page.locator(selectors.dialog).first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('delete-question', 'recordings-delete');
    const question = await answerDialog(page, /Delete the folder "Week 2 – Variables & Types"/, 'Delete');
    assert.match(question, /Everything inside/);
    assert.match(question, /retention policy/);
    await (await row('Week 2 – Variables & Types')).waitFor({ state: 'detached', timeout: 30_000 });
    await shot('folder-deleted');
  });

  it('finds a recording by search and reveals it in the tree', async () => {
    await runCommand(page, 'Panopto: Search Recordings…');
    await page.locator(selectors.quickInputBox).fill('Tutorial');
    await pickQuickPickItem(page, /Tutorial: VS Code setup/);
    await pickQuickPickItem(page, /Show in the Folders view/);
    const selected = (await openFoldersView(page)).rows.filter({ hasText: 'Tutorial: VS Code setup' }).and(page.locator('.selected'));
    await selected.first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('search-revealed', 'recordings-search');
  });

  it('uploads captions from an .srt in the explorer, in French', async () => {
    await openExplorerContextMenu(page, captionsFile);
    await clickMenuItem(page, /Upload Captions/);
    await page.locator(selectors.quickInputBox).fill('Tutorial');
    await pickQuickPickItem(page, /Tutorial: VS Code setup/);
    // The language list is a new quick pick: type only once it is there, or the text goes to the old one.
    await page.locator('.quick-input-widget').filter({ hasText: 'Language of' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator(selectors.quickInputBox).fill('French');
    // "French" and "French (Canada)" both match; the exact one is listed first and active.
    await page.locator(selectors.quickInputRow).filter({ hasText: 'French (Canada)' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await waitForNotification(page, /Captions uploaded to "Tutorial: VS Code setup" \(French\)/, 60_000);
    await shot('captions-uploaded', 'recordings-captions-uploaded');
  });

  it('downloads the captions back into an editor, the same text', async () => {
    await contextMenuOn('Tutorial: VS Code setup', /^Download Captions$/);
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(500);
    await shot('captions-downloaded', 'recordings-captions-downloaded');
    // Read line by line in the order shown (the editor positions its line elements by `top`, and
    // innerText of the whole view drops empty lines); spaces render as non-breaking spaces.
    const lines = await editor
      .locator('.view-line')
      .evaluateAll((els: { getAttribute(name: string): string | null; textContent: string | null }[]) =>
        els
          .map((el) => ({ top: Number(/top:\s*([\d.]+)px/.exec(el.getAttribute('style') ?? '')?.[1] ?? 0), text: el.textContent ?? '' }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text),
      );
    const shown = lines
      .join('\n')
      .replace(/\u00a0/g, ' ')
      .trim();
    assert.equal(shown, captions.replace(/\r\n/g, '\n').trim());
  });

  it('moves the recording into another folder with Move To…', async () => {
    await contextMenuOn('Lecture 2 – Running Python (edited)', /^Move To…$/);
    await page.locator(selectors.quickInputBox).fill('Lab recordings');
    await pickQuickPickItem(page, /Lab recordings/);
    await expand('Lab recordings');
    // Listed inside Lab recordings: one level deeper than in Week 1 (level 4).
    const moved = (await openFoldersView(page)).rows.filter({ hasText: 'Running Python (edited)' }).and(page.locator('[aria-level="5"]'));
    await moved.first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('recording-moved', 'recordings-moved');
  });
});
