// The dev server's login page, as a person fills it in the tab the extension opened.
import type { BrowserContext, Page } from 'playwright-core';
import { devClient } from '../../host/harness/devServer';
import { answerInputBox, runCommand, waitForNotification } from './workbench';

/** Waits for the tab whose URL starts with `prefix` to open in `context` (or finds it already open). */
export async function waitForTab(context: BrowserContext, matches: (url: string) => boolean, timeoutMs = 30_000): Promise<Page> {
  const existing = context.pages().find((p) => matches(p.url()));
  if (existing) return existing;
  return context
    .waitForEvent('page', { predicate: (p) => matches(p.url()) || p.url() === 'about:blank', timeout: timeoutMs })
    .then(async (page) => {
      if (!matches(page.url())) await page.waitForURL((url) => matches(url.toString()), { timeout: timeoutMs });
      return page;
    });
}

/**
 * After the extension asked to open `matches`' URL: answers what code-server puts in between as a
 * person would ("Do you want code-server to open the external website?" → Open; "The browser
 * interrupted the opening of a new tab…" → Open) and returns the tab once it is there.
 * `onPrompt` is told each prompt's text before it is answered (for a screenshot).
 */
export async function openExternalAsAPerson(
  workbench: Page,
  matches: (url: string) => boolean,
  onPrompt: (text: string) => Promise<void> = async () => undefined,
  timeoutMs = 30_000,
): Promise<Page> {
  const context = workbench.context();
  const deadline = Date.now() + timeoutMs;
  const prompts = workbench.locator('.monaco-dialog-box').filter({ hasText: /open the external website|interrupted the opening/ });
  while (Date.now() < deadline) {
    const tab = context.pages().find((p) => matches(p.url()));
    if (tab) return tab;
    const prompt = prompts.first();
    if (await prompt.isVisible().catch(() => false)) {
      await onPrompt(await prompt.innerText());
      await prompt
        .locator('.monaco-button', { hasText: /^Open$/ })
        .first()
        .click();
    }
    await workbench.waitForTimeout(250);
  }
  const open = context
    .pages()
    .map((p) => p.url())
    .join(', ');
  throw new Error(`No tab for the sign-in page opened within ${timeoutMs} ms (open tabs: ${open})`);
}

/** Signs in as a seed user on the dev server's login page. */
export async function logInOnDevServer(page: Page, userName: string): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  await page.locator('#username').fill(userName);
  await page.locator('button.primary', { hasText: 'Sign in' }).click();
}

/**
 * "Panopto: Set Client Secret…" with the dev client's secret, waiting for "Saved the client secret"
 * so that the next step finds it in SecretStorage (the write ends after the input box closes).
 */
export async function enterClientSecret(page: Page): Promise<void> {
  await runCommand(page, 'Panopto: Set Client Secret…');
  await answerInputBox(page, devClient.secret);
  await waitForNotification(page, /Saved the client secret/);
}

/** Enters the client secret, runs "Panopto: Sign In" and logs in as `userName` in the tab it opens. */
export async function signInAs(page: Page, siteUrl: string, userName: string): Promise<void> {
  await enterClientSecret(page);
  await runCommand(page, 'Panopto: Sign In');
  const login = await openExternalAsAPerson(page, (url) => url.startsWith(siteUrl));
  await logInOnDevServer(login, userName);
  await page.bringToFront();
}
