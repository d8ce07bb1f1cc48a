// The dev server's login page, as a person fills it in the tab the extension opened.
import type { BrowserContext, Page } from 'playwright-core';

/** Waits for the tab whose URL starts with `prefix` to open in `context` (or finds it already open). */
export async function waitForTab(context: BrowserContext, matches: (url: string) => boolean, timeoutMs = 30_000): Promise<Page> {
  const existing = context.pages().find((p) => matches(p.url()));
  if (existing) return existing;
  return context.waitForEvent('page', { predicate: (p) => matches(p.url()) || p.url() === 'about:blank', timeout: timeoutMs }).then(async (page) => {
    if (!matches(page.url())) await page.waitForURL((url) => matches(url.toString()), { timeout: timeoutMs });
    return page;
  });
}

/** Signs in as a seed user on the dev server's login page. */
export async function logInOnDevServer(page: Page, userName: string): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  await page.locator('#username').fill(userName);
  await page.locator('button.primary', { hasText: 'Sign in' }).click();
}
