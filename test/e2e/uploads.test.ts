// A 200 MiB upload as a person does it in the real workbench (code-server in Chromium, the dev
// server as 'ada'): start it from the explorer, reload the window half way, and the Uploads view
// lists the interrupted upload and finishes it. The dev server then holds the source's exact bytes,
// and no more than `concurrency` parts were sent twice. Then four lectures go into the queue in one
// go (multi-selected in the explorer, "Upload to Panopto…"): one row each, at most `parallelFiles`
// sending while the others wait, and all four arrive intact. With PANOPTO_E2E_DOCS=1 the README's
// screenshots (docs/uploads-*.png) are written too. The steps depend on each other.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../host/harness/paths';
import type { E2eEnvironment } from './support/environment';
import { useE2eStory } from './support/story';
import { signInAs } from './support/login';
import {
  clickMenuItem,
  closeMenus,
  openFoldersView,
  openExplorerContextMenu,
  pickQuickPickItem,
  waitForWorkbench,
} from './support/workbench';

const MIB = 1024 * 1024;
const VIDEO = 'big lecture.mp4';
const SIZE = 200 * MIB;
const PART_MIB = 5;
const CONCURRENCY = 2;
const PARTS = SIZE / (PART_MIB * MIB);
const PARALLEL_FILES = 2;
const LECTURES = ['week 1.mp4', 'week 2.mp4', 'week 3.mp4', 'week 4.mp4'];
const LECTURE_SIZE = 40 * MIB;
/** Long enough to read the frozen queue and photograph it; the uploads stall, then go on (devserver/README.md "Uploads"). */
const OUTAGE_MS = 20_000;

/** 200 MiB where every MiB differs, so a swapped or repeated part changes the hash. */
function bigVideo(): Buffer {
  const data = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i += 4096) data.writeUInt32BE(i / 4096, i);
  return data;
}

/** A smaller lecture whose every 4 KiB block names its file and position, so files differ from each other too. */
function lecture(index: number): Buffer {
  const data = Buffer.alloc(LECTURE_SIZE);
  for (let i = 0; i < LECTURE_SIZE; i += 4096) data.writeUInt32BE(((index + 1) << 24) | (i / 4096), i);
  return data;
}

interface UploadRow {
  name: string;
  description: string;
}

interface Snapshot {
  sessionUploads: { ID: string; State: number }[];
  openMultipartUploads: { fileName: string; parts: number[] }[];
  files: { name: string; sha256: string; sessionUploadId: string }[];
  targetRequests: number;
}

describe('a large upload survives a window reload (e2e)', function () {
  let env: E2eEnvironment;
  let page: Page;
  const video = bigVideo();
  const expectedHash = createHash('sha256').update(video).digest('hex');
  const lectures = LECTURES.map((_, index) => lecture(index));
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  const shot = async (name: string, docsName?: string) => {
    const file = await env.screenshot(name);
    if (docsName && process.env.PANOPTO_E2E_DOCS) copyFileSync(file, path.join(repoRoot, 'docs', `${docsName}.png`));
  };
  const snapshot = async (): Promise<Snapshot> => (await (await fetch(`${env.devServer.baseUrl}/__dev/uploads`)).json()) as Snapshot;
  const uploadsPane = () => page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /^Uploads/i }) });
  const openUploadsView = async () => {
    await openFoldersView(page); // the Panopto container, where the Uploads view sits under Folders
    const header = page
      .locator('.pane-header')
      .filter({ hasText: /^Uploads/i })
      .first();
    await header.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await uploadsPane().locator('.monaco-list').first().waitFor({ state: 'visible', timeout: 30_000 });
  };
  /** The Uploads view's rows as shown: file name and description ("Computer Science · 45 % · …"). */
  /** Every row of the Uploads view, read in one go: rows read one by one could straddle a refresh. */
  const uploadRows = async (): Promise<UploadRow[]> => {
    const rows = await uploadsPane()
      .locator('.monaco-list-row')
      .evaluateAll((elements: { querySelector(selector: string): { textContent: string | null } | null }[]) =>
        elements.map((element) => ({
          name: element.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: element.querySelector('.label-description')?.textContent?.trim() ?? '',
        })),
      );
    return rows.filter((row) => row.name !== '');
  };
  const lectureRows = async () => (await uploadRows()).filter((row) => LECTURES.includes(row.name));
  // A row is uploading when its description has a percentage and does not say "interrupted" (src/views/uploadItems.ts).
  const isUploading = (row: UploadRow) => / \d+ %/.test(row.description) && !/interrupted/.test(row.description);
  const isQueued = (row: UploadRow) => /· queued$/.test(row.description);
  /** The number on the Panopto icon in the activity bar: the Uploads view's badge. */
  const badge = async (): Promise<string> => {
    const content = page
      .locator('.activitybar .action-item')
      .filter({ has: page.locator('.action-label[aria-label^="Panopto"]') })
      .first()
      .locator('.badge-content');
    return (await content.isVisible().catch(() => false)) ? (await content.innerText()).trim() : '';
  };
  /** Polls the lecture rows until `check` passes; returns them, or throws with the last rows seen. */
  const waitForLectureRows = async (what: string, check: (rows: UploadRow[]) => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await lectureRows();
      if (check(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`${what}; the rows were: ${JSON.stringify(rows)}`);
      await page.waitForTimeout(100);
    }
  };
  /** Polls the badge until it reads `expected` ('' = no badge); the view updates it a moment after the rows. */
  const waitForBadge = async (expected: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    let seen = await badge();
    while (seen !== expected && Date.now() < deadline) {
      await page.waitForTimeout(100);
      seen = await badge();
    }
    assert.equal(seen, expected, 'the badge counts the uploads not finished');
  };
  /** Drags the side bar's edge (a sash, moved with the mouse like a person would) to `width` pixels. */
  const widenSideBar = async (width: number) => {
    const box = await page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('The side bar is not visible');
    const edge = { x: box.x + box.width, y: box.y + box.height / 2 };
    await page.mouse.move(edge.x, edge.y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, edge.y, { steps: 8 });
    await page.mouse.up();
  };
  const setSwitches = async (switches: Record<string, unknown>) => {
    const response = await fetch(`${env.devServer.baseUrl}/__dev/switches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(switches),
    });
    assert.equal(response.status, 200, await response.text());
  };

  useE2eStory(
    {
      label: 'e2e-uploads',
      workspaceFiles: { [VIDEO]: video, ...Object.fromEntries(LECTURES.map((name, index) => [name, lectures[index]])) },
      settings: {
        'panopto.upload.partSizeMiB': PART_MIB,
        'panopto.upload.concurrency': CONCURRENCY,
        'panopto.upload.parallelFiles': PARALLEL_FILES,
      },
      viewport: { width: 1400, height: 860 },
    },
    (started) => {
      env = started;
      page = started.page;
    },
  );

  it('signs in as ada', async () => {
    await signInAs(page, env.devServer.baseUrl, 'ada');
  });

  it('starts the upload from the explorer and shows it in the Uploads view; the window reloads half way', async () => {
    await openExplorerContextMenu(page, VIDEO);
    await clickMenuItem(page, /Upload to Panopto/);
    await pickQuickPickItem(page, /Computer Science/);
    await openUploadsView();
    const deadline = Date.now() + 120_000;
    let sent = 0;
    while (Date.now() < deadline) {
      sent = (await snapshot()).openMultipartUploads.find((m) => m.fileName === VIDEO)?.parts.length ?? 0;
      if (sent >= PARTS / 2) break;
      await page.waitForTimeout(100);
    }
    assert.ok(sent >= PARTS / 2, `half the parts arrived (${sent} of ${PARTS})`);
    await shot('upload-in-progress', 'uploads-in-progress');
    await page.reload();
    await waitForWorkbench(page);
  });

  it('after the reload the Uploads view lists the upload and finishes it with identical bytes', async function () {
    this.timeout(300_000);
    await openUploadsView();
    const row = uploadsPane().locator('.monaco-list-row').filter({ hasText: VIDEO }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await shot('upload-after-reload');
    const deadline = Date.now() + 240_000;
    let stored: Snapshot['files'][number] | undefined;
    while (Date.now() < deadline && !stored) {
      stored = (await snapshot()).files.find((f) => f.name === VIDEO);
      if (!stored) await page.waitForTimeout(250);
    }
    assert.ok(stored, 'the video reached the dev server');
    assert.equal(stored.sha256, expectedHash, 'the same bytes as the source');
    await row.filter({ hasText: /complete|processing/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await shot('upload-resumed-complete', 'uploads-view');
    const snap = await snapshot();
    assert.equal(snap.sessionUploads.length, 1, 'one upload: the same one went on after the reload');
    // Requests to the target: every part once, the parts in flight at the reload again, and a
    // handful of others (initiate, ListParts, complete, manifest).
    assert.ok(snap.targetRequests <= PARTS + CONCURRENCY + 6, `${snap.targetRequests} requests to the target`);
  });

  it('queues four lectures selected together in the explorer and sends at most parallelFiles at once', async function () {
    this.timeout(300_000);
    // The big lecture may still be processing: let it finish first, so the picture shows the lectures alone.
    await openUploadsView();
    await uploadsPane()
      .locator('.monaco-list-row')
      .filter({ hasText: VIDEO })
      .filter({ hasText: /complete$/ })
      .waitFor({ state: 'visible', timeout: 60_000 });
    // Select the lectures as a person would: click the first, Shift-click the last, right-click the selection.
    await openExplorerContextMenu(page, LECTURES[0]); // shows the explorer; the menu is not needed yet
    await page.keyboard.press('Escape');
    const explorerRow = (name: string) => page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: name }).first();
    await explorerRow(LECTURES[0]).click();
    await page.locator('.tabs-container .tab.active').filter({ hasText: LECTURES[0] }).waitFor({ state: 'visible', timeout: 30_000 });
    // The click also opened week 1 in a preview editor, and the explorer selects the active
    // editor's file (explorer.autoReveal) a moment later, which can shrink the selection back to
    // week 1: the selection is checked with the context menu open, and made again if it shrank.
    const selected = page.locator('.explorer-folders-view .monaco-list-row.selected');
    const allSelected = () =>
      selected
        .nth(LECTURES.length - 1)
        .waitFor({ state: 'visible', timeout: 3_000 })
        .then(async () => (await selected.count()) === LECTURES.length)
        .catch(() => false);
    for (let attempt = 1; ; attempt++) {
      await explorerRow(LECTURES[LECTURES.length - 1]).click({ modifiers: ['Shift'] });
      if (await allSelected()) {
        await openExplorerContextMenu(page, LECTURES[LECTURES.length - 1]);
        if ((await selected.count()) === LECTURES.length) break;
        await closeMenus(page);
      }
      if (attempt === 5) throw new Error(`the explorer kept ${await selected.count()} files selected, not ${LECTURES.length}`);
    }
    await clickMenuItem(page, /Upload to Panopto/);
    await pickQuickPickItem(page, /Computer Science/);

    // Locally 40 MiB take about a second, too fast to watch: once a few parts of a
    // lecture have arrived, the dev server holds the upload routes (requests and bodies stall,
    // then go on), so the queue stays as it is while it is read and photographed.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const open = (await snapshot()).openMultipartUploads.filter((m) => LECTURES.includes(m.fileName));
      if (open.some((m) => m.parts.length >= 2)) break;
      if (Date.now() > deadline) throw new Error(`no lecture started sending: ${JSON.stringify(open)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await setSwitches({ uploadOutageMs: OUTAGE_MS });

    // The preview editor of week 1 would cover the screenshot.
    await page.locator('.tabs-container .tab.active .tab-actions .action-label').first().click();
    await openUploadsView();
    await widenSideBar(760); // so each row's description (percent, speed, "queued") shows whole
    let mostUploading = 0;
    const held = await waitForLectureRows(
      'the held queue shows a row per lecture, some uploading and some queued',
      (rows) => {
        mostUploading = Math.max(mostUploading, rows.filter(isUploading).length);
        return rows.length === LECTURES.length && rows.some(isQueued) && rows.some(isUploading);
      },
      OUTAGE_MS / 2,
    );
    assert.deepEqual(held.map((row) => row.name).sort(), LECTURES, 'one row per file');
    const uploading = held.filter(isUploading);
    assert.ok(uploading.length <= PARALLEL_FILES, `at most ${PARALLEL_FILES} uploading: ${JSON.stringify(held)}`);
    assert.ok(uploading.length >= 1, `some uploading: ${JSON.stringify(held)}`);
    for (const row of held.filter((r) => !isUploading(r))) {
      assert.match(row.description, /queued|processing|complete/, `${row.name} waits its turn or is done`);
    }
    // The dev server agrees: only the lectures being sent, or already sent (processing, complete), have a
    // Panopto upload (the big lecture has the first); a sent lecture gives its place to the next.
    const atHold = await snapshot();
    const begun = atHold.sessionUploads.length - 1;
    const sent = held.filter((row) => /processing|complete/.test(row.description)).length;
    assert.ok(begun >= 1 && begun <= PARALLEL_FILES + sent, `${begun} lectures begun on the server while the others wait (${sent} sent)`);
    const unfinished = (await uploadRows()).filter((row) => !/complete|failed|cancelled/.test(row.description)).length;
    await waitForBadge(String(unfinished), 5_000);
    // Folders collapsed, so the picture is about the queue (the tree is often still reloading here).
    const foldersHeader = page
      .locator('.pane-header')
      .filter({ hasText: /^Folders/i })
      .first();
    if ((await foldersHeader.getAttribute('aria-expanded')) === 'true') await foldersHeader.click();
    await uploadsPane().locator('.monaco-list').first().focus();
    // The Uploads pane slides up into the room the Folders tree left; photograph it once it is there.
    const uploadsHeader = uploadsPane().locator('.pane-header').first();
    const top = () => uploadsHeader.boundingBox().then((box) => box?.y ?? Infinity);
    const settleBy = Date.now() + 5_000;
    while ((await top()) > 150 && Date.now() < settleBy) await page.waitForTimeout(100);
    await page.mouse.move(1000, 600); // away from the activity bar, whose hover would cover the view
    await page
      .locator('.context-view .hover-contents')
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    await shot('uploads-queue', 'uploads-queue');

    // After the outage every lecture is sent, never more than parallelFiles at a time.
    await waitForLectureRows(
      'all four lectures complete',
      (rows) => {
        mostUploading = Math.max(mostUploading, rows.filter(isUploading).length);
        return rows.length === LECTURES.length && rows.every((row) => /complete$/.test(row.description));
      },
      240_000,
    );
    assert.ok(mostUploading <= PARALLEL_FILES, `at most ${PARALLEL_FILES} uploading at once (saw ${mostUploading})`);
    const files = (await snapshot()).files;
    for (const [index, name] of LECTURES.entries()) {
      const stored = files.find((f) => f.name === name);
      assert.ok(stored, `${name} reached the dev server`);
      assert.equal(stored.sha256, sha256(lectures[index]), `${name}: the same bytes as the source`);
    }
    await waitForBadge('', 10_000);
  });
});
