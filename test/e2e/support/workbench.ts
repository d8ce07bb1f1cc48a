// What a person does in the workbench, as Playwright steps against code-server 4.100.3's DOM.
// Selectors are this version's; keep them here so a newer code-server changes one file.
import type { Locator, Page } from 'playwright-core';

export const selectors = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  accountsIcon: '.codicon-accounts-view-bar-icon',
  contextMenu: '.context-view .monaco-menu',
  dialog: '.monaco-dialog-box',
  notificationToast: '.notifications-toasts .notification-toast',
} as const;

/** Waits for the workbench DOM and for the remote extension host to be up (our command is listed). */
export async function waitForWorkbench(page: Page, readyCommand = 'Panopto: Show Log'): Promise<void> {
  await page.waitForSelector(selectors.workbench, { timeout: 60_000 });
  await waitForCommand(page, readyCommand);
}

async function openPalette(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page
    .locator(selectors.workbench)
    .focus()
    .catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator(selectors.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${text}`);
}

function rowNamed(page: Page, label: string): Locator {
  return page.locator(selectors.quickInputRow).filter({ has: page.locator('.label-name', { hasText: label }) });
}

/** Retries the palette until `label` is listed: commands appear only once the extension host is up. */
export async function waitForCommand(page: Page, label: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openPalette(page, label);
    if (
      await rowNamed(page, label)
        .first()
        .isVisible({ timeout: 2000 })
        .catch(() => false)
    ) {
      await page.keyboard.press('Escape');
      return;
    }
    if (Date.now() > deadline) throw new Error(`The command palette never listed "${label}"`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
}

/** Runs a command from the palette by its full label ("Category: Title"). */
export async function runCommand(page: Page, label: string): Promise<void> {
  await waitForCommand(page, label);
  await openPalette(page, label);
  const row = rowNamed(page, label).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/** Types into the open input box (e.g. a secret prompt) and accepts it. */
export async function answerInputBox(page: Page, text: string): Promise<void> {
  const input = page.locator(selectors.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(text);
  await input.press('Enter');
}

/** Picks an item of the open quick pick by (part of) its label. */
export async function pickQuickPickItem(page: Page, label: string | RegExp): Promise<void> {
  const row = page.locator(selectors.quickInputRow).filter({ hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** Closes open context menus (a submenu needs a second Escape). */
export async function closeMenus(page: Page): Promise<void> {
  const menu = page.locator(selectors.contextMenu).first();
  for (let i = 0; i < 3 && (await menu.isVisible().catch(() => false)); i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
}

/** Opens the Accounts menu and returns its visible item labels. */
export async function openAccountsMenu(page: Page, timeoutMs = 10_000): Promise<string[]> {
  // Clicking the icon with the menu open would toggle it shut.
  await closeMenus(page);
  const menu = page.locator(selectors.contextMenu).first();
  // Click the item, not the icon: the 'sign in requested' badge sits on top of the icon.
  await page
    .locator('.activitybar .action-item')
    .filter({ has: page.locator(selectors.accountsIcon) })
    .click();
  await menu.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

/**
 * Polls the Accounts menu until an item matches; leaves the menu open with that item hovered
 * (which opens an account's submenu) and calls `whileOpen` then, e.g. for a screenshot.
 */
export async function waitForAccountsMenuItem(
  page: Page,
  label: RegExp,
  timeoutMs = 30_000,
  whileOpen: () => Promise<unknown> = async () => undefined,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await openAccountsMenu(page).catch(() => []);
    const match = seen.find((item) => label.test(item));
    if (match) {
      await page
        .locator(`${selectors.contextMenu} .action-item`)
        .filter({ has: page.locator('.action-label', { hasText: label }) })
        .first()
        .hover();
      await page.waitForTimeout(300);
      await whileOpen();
      return match;
    }
    if (Date.now() > deadline) throw new Error(`The Accounts menu never showed ${label} (it showed: ${seen.join(' | ') || 'nothing'})`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
}

/** Polls the Accounts menu until no item matches (the menu may then not open at all: that counts). */
export async function waitForAccountsMenuWithout(page: Page, label: RegExp, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await openAccountsMenu(page, 2000).catch(() => []);
    await page.keyboard.press('Escape');
    if (!seen.some((item) => label.test(item))) return seen;
    if (Date.now() > deadline) throw new Error(`The Accounts menu still shows ${label} (${seen.join(' | ')})`);
    await page.waitForTimeout(1000);
  }
}

/** Clicks an item of the open context menu (hovering `path` submenus first). */
export async function clickMenuItem(page: Page, ...path: (string | RegExp)[]): Promise<void> {
  for (const [index, label] of path.entries()) {
    const item = page
      .locator(`${selectors.contextMenu} .action-item`)
      .filter({ has: page.locator('.action-label', { hasText: label }) })
      .last();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    // Monaco menus act on a hovered (focused) item with Enter; a bare click right after the menu
    // opens is sometimes swallowed. Hovering a submenu item opens the submenu.
    await item.hover();
    if (index === path.length - 1) await page.keyboard.press('Enter');
    else await page.waitForTimeout(300);
  }
}

/** Waits for a modal dialog whose text matches and presses the button named `button`. Returns the dialog text. */
export async function answerDialog(page: Page, text: RegExp, button: string): Promise<string> {
  const dialog = page.locator(selectors.dialog).filter({ hasText: text }).first();
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  const message = await dialog.innerText();
  await dialog.locator('.monaco-button', { hasText: button }).first().click();
  return message;
}

export interface FoldersView {
  /** The welcome content (shown while signed out). */
  welcome: Locator;
  /** The tree's rows. */
  rows: Locator;
}

/** Opens the Panopto container in the activity bar (if not open) and returns the Folders view's parts. */
export async function openFoldersView(page: Page): Promise<FoldersView> {
  await closeMenus(page);
  const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Folders/i }) });
  if (!(await pane.isVisible().catch(() => false))) {
    await page
      .locator('.activitybar .action-item')
      .filter({ has: page.locator('.action-label[aria-label^="Panopto"]') })
      .first()
      .click();
  }
  await pane.waitFor({ state: 'visible', timeout: 15_000 });
  return { welcome: pane.locator('.welcome-view'), rows: pane.locator('.monaco-list-row') };
}

/** Opens the Explorer and right-clicks the file named `name` (at the workspace root). */
export async function openExplorerContextMenu(page: Page, name: string): Promise<void> {
  await closeMenus(page);
  const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: name }).first();
  if (!(await row.isVisible().catch(() => false))) {
    await page
      .locator('.activitybar .action-item')
      .filter({ has: page.locator('.action-label[aria-label^="Explorer"]') })
      .first()
      .click();
  }
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  // The pointer still rests on the activity bar icon, whose "Explorer (Ctrl+Shift+E)" hover can
  // cover the first row: move it away and wait for the hover to go before right-clicking.
  await page.mouse.move(600, 400);
  await page
    .locator('.context-view .hover-contents')
    .first()
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => undefined);
  await row.click({ button: 'right' });
  await page.locator(selectors.contextMenu).first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** Waits for a notification toast whose text matches; returns its text. */
export async function waitForNotification(page: Page, text: RegExp, timeoutMs = 30_000): Promise<string> {
  const toast = page.locator(selectors.notificationToast).filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast.innerText();
}
