// Debian's chromium through playwright-core, with a fresh profile per run (so no sign-in state
// leaks between runs). The flags are the ones seen to work for headless Chromium run as root (it
// refuses to start as root without --no-sandbox).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from './paths';

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /**
   * Let pages open tabs without a user gesture. The extension host's env.openExternal reaches the
   * page asynchronously, so Chromium blocks the tab and the workbench asks "The browser interrupted
   * the opening of a new tab…" in a dialog, which extension-test mode refuses to show. The host
   * runner therefore allows popups; the e2e suites keep Chromium's default and answer the dialog
   * as a person would.
   */
  allowPopups?: boolean;
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'panopto-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: process.env.PANOPTO_TEST_HEADED !== '1',
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...(options.allowPopups ? ['--disable-popup-blocking'] : []),
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
