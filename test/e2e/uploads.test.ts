// A 200 MiB upload as a person does it in the real workbench (code-server in Chromium, the dev
// server as 'ada'): start it from the explorer, reload the window half way, and the Uploads view
// lists the interrupted upload and finishes it. The dev server then holds the source's exact bytes,
// and no more than `concurrency` parts were sent twice. With PANOPTO_E2E_DOCS=1 the README's
// screenshots (docs/uploads-*.png) are written too. The steps depend on each other.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../host/harness/paths';
import { startE2e, type E2eEnvironment } from './support/environment';
import { signInAs } from './support/login';
import { clickMenuItem, openFoldersView, openExplorerContextMenu, pickQuickPickItem, waitForWorkbench } from './support/workbench';

const MIB = 1024 * 1024;
const VIDEO = 'big lecture.mp4';
const SIZE = 200 * MIB;
const PART_MIB = 5;
const CONCURRENCY = 2;
const PARTS = SIZE / (PART_MIB * MIB);

/** 200 MiB where every MiB differs, so a swapped or repeated part changes the hash. */
function bigVideo(): Buffer {
  const data = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i += 4096) data.writeUInt32BE(i / 4096, i);
  return data;
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
  let failed = false;
  const video = bigVideo();
  const expectedHash = createHash('sha256').update(video).digest('hex');

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

  before(async function () {
    this.timeout(600_000);
    env = await startE2e({
      label: 'e2e-uploads',
      workspaceFiles: { [VIDEO]: video },
      settings: { 'panopto.upload.partSizeMiB': PART_MIB, 'panopto.upload.concurrency': CONCURRENCY },
    });
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
});
