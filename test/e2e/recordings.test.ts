// Managing recordings in the Folders view as a person does it in the real workbench (code-server in
// Chromium, the dev server as 'ada'): rename a recording, delete a folder after the confirmation,
// search and reveal a recording, upload captions from an .srt in the explorer and download them
// back, drag the recording onto another folder, let another extension (the fixture) rename it
// through the API (version 2), and move it back with Move To…. Each step leaves a screenshot in the
// run folder; with PANOPTO_E2E_DOCS=1 the README's screenshots (docs/recordings-*.png) are written
// too. The steps depend on each other, so a failed step skips the rest (the moves come last).
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { folderIdFor, SEED_PATHS } from '../../devserver/seedFolders';
import { repoRoot } from '../host/harness/paths';
import { signInOverHttp } from '../support/devServer';
import { dragAndDrop } from './support/dragAndDrop';
import type { E2eEnvironment } from './support/environment';
import { useE2eStory } from './support/story';
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
} from './support/workbench';

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The parts of the 1400×860 window the README's screenshots show: the tree, the top with a quick pick, the tree with an editor. */
const clips = {
  tree: { x: 0, y: 30, width: 570, height: 450 },
  top: { x: 0, y: 0, width: 1400, height: 520 },
  treeAndEditor: { x: 0, y: 0, width: 1150, height: 520 },
} satisfies Record<string, Clip>;

/** Drags the sash between the side bar and the editor until the side bar is `width` pixels wide, so the tree's labels fit. */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/**
 * Rests the pointer on an empty part of the editor area and waits until no hover is shown: a row
 * the pointer passed over (or that a closing menu uncovered under it) may open its hover, which
 * would cover what a screenshot is about. A hover stays while the pointer is on it, so the pointer
 * crosses it on the way out.
 */
async function restPointer(page: Page): Promise<void> {
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ visible: true }).first();
  for (let attempt = 0; attempt < 4; attempt++) {
    const box = await hover.boundingBox({ timeout: 1000 }).catch(() => null);
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await page.mouse.move(1200 - attempt * 40, 700, { steps: 6 });
    await page.waitForTimeout(700);
    if (!(await hover.isVisible().catch(() => false))) return;
  }
}

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

/** The names of a folder's recordings as the dev server lists them to `accessToken`, over HTTP. */
async function recordingsIn(baseUrl: string, accessToken: string, folderPath: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/Panopto/api/v1/folders/${folderIdFor(folderPath)}/sessions`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  assert.equal(response.status, 200, `listing ${folderPath}`);
  const body = (await response.json()) as { Results: { Name: string }[] };
  return body.Results.map((session) => session.Name);
}

describe('recordings in the Folders view (e2e)', function () {
  let env: E2eEnvironment;
  let page: Page;

  /**
   * A screenshot in the run folder; with `docs` and PANOPTO_E2E_DOCS=1 also docs/<name>.png, cut to
   * `clip` (the part of the window the README's caption is about) when given.
   */
  const shot = async (name: string, docs?: { name: string; clip?: Clip }) => {
    const file = await env.screenshot(name);
    if (!docs || !process.env.PANOPTO_E2E_DOCS) return;
    const docsFile = path.join(repoRoot, 'docs', `${docs.name}.png`);
    if (docs.clip) await page.screenshot({ path: docsFile, clip: docs.clip });
    else copyFileSync(file, docsFile);
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

  useE2eStory(
    { label: 'e2e-recordings', workspaceFiles: { [captionsFile]: captions }, viewport: { width: 1400, height: 860 } },
    (started) => {
      env = started;
      page = started.page;
    },
  );

  it('signs in as ada and shows a folder’s recordings with their date and duration', async () => {
    await signInAs(page, env.devServer.baseUrl, 'ada');
    await openFoldersView(page);
    await widenSideBar(page, 520);
    // The Uploads view below takes half the side bar and stays empty here: collapse it for the screenshots.
    const uploads = page.locator('.pane-header', { hasText: /^Uploads/i }).first();
    if ((await uploads.getAttribute('aria-expanded')) === 'true') await uploads.click();
    await runCommand(page, 'Notifications: Clear All Notifications');
    await expand('Computer Science & Engineering');
    await expand('COMP101 Introduction to Programming');
    await expand('Week 1 – Getting started');
    const lecture = await row('Lecture 2 – Running Python');
    await lecture.waitFor({ state: 'visible', timeout: 30_000 });
    await lecture.hover();
    await page.waitForTimeout(1500); // the hover (thumbnail and details) opens after a delay
    await shot('recordings-listed');
    assert.match(await lecture.innerText(), /\d+:\d\d/, 'the row shows a duration');
  });

  it('renames a recording from its context menu', async () => {
    await contextMenuOn('Lecture 2 – Running Python', /^Rename…$/);
    const input = page.locator(selectors.quickInputBox);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('Lecture 2 – Running Python (edited)');
    await shot('rename-prompt', { name: 'recordings-rename', clip: clips.top });
    await input.press('Enter');
    const renamed = await row('Lecture 2 – Running Python (edited)');
    await renamed.waitFor({ state: 'visible', timeout: 30_000 });
    await shot('recording-renamed');
  });

  it('deletes a folder after the confirmation, which says what goes with it', async () => {
    await contextMenuOn('Week 2 – Variables & Types', /^Delete…$/);
    await page.locator(selectors.dialog).first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('delete-question', { name: 'recordings-delete' });
    const question = await answerDialog(page, /Delete the folder "Week 2 – Variables & Types"/, 'Delete');
    assert.match(question, /Everything inside/);
    assert.match(question, /retention policy/);
    await (await row('Week 2 – Variables & Types')).waitFor({ state: 'detached', timeout: 30_000 });
    await shot('folder-deleted');
  });

  it('finds a recording by search and reveals it in the tree', async () => {
    await runCommand(page, 'Panopto: Search Recordings…');
    await page.locator(selectors.quickInputBox).fill('Tutorial');
    await page
      .locator(selectors.quickInputRow)
      .filter({ hasText: 'Tutorial: VS Code setup' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await restPointer(page);
    await shot('search-results', { name: 'recordings-search', clip: clips.top });
    await pickQuickPickItem(page, /Tutorial: VS Code setup/);
    await pickQuickPickItem(page, /Show in the Folders view/);
    const selected = (await openFoldersView(page)).rows.filter({ hasText: 'Tutorial: VS Code setup' }).and(page.locator('.selected'));
    await selected.first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('search-revealed');
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
    await shot('captions-language', { name: 'recordings-captions-upload', clip: clips.top });
    await page.keyboard.press('Enter');
    await waitForNotification(page, /Captions uploaded to "Tutorial: VS Code setup" \(French\)/, 60_000);
    await page.waitForTimeout(500); // the toast slides in
    await shot('captions-uploaded');
  });

  it('downloads the captions back into an editor, the same text', async () => {
    await contextMenuOn('Tutorial: VS Code setup', /^Download Captions$/);
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await restPointer(page);
    await shot('captions-downloaded', { name: 'recordings-captions-download', clip: clips.treeAndEditor });
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

  it('drags the recording onto another folder, which moves it there', async () => {
    await expand('Lab recordings');
    const source = await row('Lecture 2 – Running Python (edited)');
    const target = await row('Lab recordings');
    await source.waitFor({ state: 'visible', timeout: 30_000 });
    await source.click(); // a person presses on the row to drag it, which selects it
    await dragAndDrop(page, source, target, { beforeDrop: () => shot('recording-dragged', { name: 'recordings-drag', clip: clips.tree }) });
    // Listed inside Lab recordings: one level deeper than in Week 1 (level 4).
    const moved = (await openFoldersView(page)).rows.filter({ hasText: 'Running Python (edited)' }).and(page.locator('[aria-level="5"]'));
    await moved.first().waitFor({ state: 'visible', timeout: 30_000 });
    await restPointer(page);
    await shot('recording-dropped', { name: 'recordings-moved', clip: clips.tree });
    const { accessToken } = await signInOverHttp(env.devServer, { user: 'ada', scope: 'openid api' });
    assert.ok(
      (await recordingsIn(env.devServer.baseUrl, accessToken, SEED_PATHS.labRecordings)).includes('Lecture 2 – Running Python (edited)'),
    );
    assert.ok(!(await recordingsIn(env.devServer.baseUrl, accessToken, SEED_PATHS.week1)).includes('Lecture 2 – Running Python (edited)'));
  });

  it('another extension renames it through the API and finds it in its new folder', async () => {
    await runCommand(page, 'Panopto Fixture: Rename a Recording Through the Panopto API…');
    await answerInputBox(page, 'Running Python');
    await page.locator(selectors.quickInput).filter({ hasText: 'new name' }).waitFor({ state: 'visible', timeout: 15_000 });
    await answerInputBox(page, 'Lecture 2 – Python, renamed by an extension');
    await waitForNotification(page, /Panopto fixture renamed/, 30_000);
    const report = env.fixtureReports().find((r) => r.step === 'renameRecording');
    assert.ok(report?.ok, `the fixture renamed it (${report?.error ?? 'no report'})`);
    assert.equal(report.folderName, 'Lab recordings');
    assert.ok(report.sessions?.includes('Lecture 2 – Python, renamed by an extension'), `listed: ${report.sessions?.join(', ')}`);
    // The tree learns of changes made elsewhere when it reloads the folder.
    await contextMenuOn('Lab recordings', /^Refresh$/);
    await (await row('Python, renamed by an extension')).waitFor({ state: 'visible', timeout: 30_000 });
    await shot('renamed-through-api');
  });

  it('moves the recording back with Move To…', async () => {
    await contextMenuOn('Python, renamed by an extension', /^Move To…$/);
    await page.locator(selectors.quickInputBox).fill('Week 1');
    await pickQuickPickItem(page, /Week 1 – Getting started/);
    const back = (await openFoldersView(page)).rows
      .filter({ hasText: 'Python, renamed by an extension' })
      .and(page.locator('[aria-level="4"]'));
    await back.first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('recording-moved-back');
    const { accessToken } = await signInOverHttp(env.devServer, { user: 'ada', scope: 'openid api' });
    assert.ok(
      (await recordingsIn(env.devServer.baseUrl, accessToken, SEED_PATHS.week1)).includes('Lecture 2 – Python, renamed by an extension'),
    );
  });
});
