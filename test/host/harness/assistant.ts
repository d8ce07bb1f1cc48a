// Plays the person at the keyboard while extension-host suites run, so that a suite can call
// vscode.authentication.getSession(..., { createIfNone: true }) for real: it logs in on the dev
// server's login page when one opens in a new tab, presses "Allow" on "… wants to sign in using
// Panopto", confirms "Upload to Panopto?" (a language model tool's confirmation), and types the dev
// client secret into an input box that asks for a client secret.
// Everything it does is logged, so a suite's output shows which steps a person would have taken.
import type { BrowserContext, Page } from 'playwright-core';

export interface AssistantOptions {
  devServerUrl: string;
  userName: string;
  clientSecret: string;
  log(line: string): void;
}

export interface Assistant {
  stop(): void;
}

const pollMs = 500;

export function startAssistant(context: BrowserContext, workbench: Page, options: AssistantOptions): Assistant {
  let stopped = false;
  const handledTabs = new WeakSet<Page>();

  const onPage = (page: Page) => {
    void (async () => {
      await page.waitForLoadState('domcontentloaded').catch(() => undefined);
      options.log(`[assistant] a new tab opened: ${process.env.PANOPTO_HOST_DEBUG ? page.url() : page.url().split('?')[0]}`);
      if (handledTabs.has(page) || !page.url().startsWith(options.devServerUrl)) return;
      handledTabs.add(page);
      const username = page.locator('#username');
      if (await username.isVisible({ timeout: 10_000 }).catch(() => false)) {
        options.log(`[assistant] logging in as ${options.userName} on ${new URL(page.url()).pathname}`);
        await username.fill(options.userName);
        await page.locator('button.primary').click();
      }
    })().catch((error: unknown) => options.log(`[assistant] login tab: ${String(error)}`));
  };
  context.on('page', onPage);

  const tick = async () => {
    const allow = workbench.locator('.monaco-dialog-box').filter({ hasText: /wants to sign in using Panopto/ });
    if (await allow.isVisible().catch(() => false)) {
      options.log('[assistant] answering "wants to sign in using Panopto" with Allow');
      await allow.locator('.monaco-button', { hasText: 'Allow' }).first().click();
    }
    // The panopto_uploadFile tool's confirmation when an extension invokes it outside a chat.
    const upload = workbench.locator('.notification-toast').filter({ hasText: /Upload to Panopto\?/ });
    if (await upload.isVisible().catch(() => false)) {
      options.log('[assistant] answering "Upload to Panopto?" with Upload');
      await upload
        .locator('.monaco-button', { hasText: /^Upload$/ })
        .first()
        .click();
    }
    const input = workbench.locator('.quick-input-widget');
    if (await input.isVisible().catch(() => false)) {
      const text = await input.innerText().catch(() => '');
      if (/client secret/i.test(text)) {
        options.log('[assistant] entering the dev client secret');
        const box = input.locator('.quick-input-box input');
        await box.fill(options.clientSecret);
        await box.press('Enter');
      }
    }
  };
  const timer = setInterval(() => {
    if (!stopped) void tick().catch(() => undefined);
  }, pollMs);

  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      context.off('page', onPage);
    },
  };
}
