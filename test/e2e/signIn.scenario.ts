// The sign-in story a person goes through, one mocha test per step, run once per redirect route.
// Each step leaves a screenshot in the run folder (.test-runs/<time>-<label>/). The steps depend
// on each other (a person cannot sign out before signing in), so a failed step skips the rest.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2eVideoName, type E2eEnvironment, type E2eOptions } from './support/environment';
import { useE2eStory } from './support/story';
import { enterClientSecret, logInOnDevServer, openExternalAsAPerson } from './support/login';
import {
  answerDialog,
  clickMenuItem,
  openExplorerContextMenu,
  openFoldersView,
  pickQuickPickItem,
  runCommand,
  waitForAccountsMenuItem,
  waitForAccountsMenuWithout,
  waitForNotification,
  waitForWorkbench,
} from './support/workbench';

export interface SignInScenario {
  title: string;
  options: E2eOptions;
  /** Given the environment, the redirect settings to write before the window loads. */
  user: { userName: string; label: RegExp };
}

export function signInScenario(scenario: SignInScenario): void {
  describe(scenario.title, function () {
    let env: E2eEnvironment;
    let page: Page;

    useE2eStory(scenario.options, (started) => {
      env = started;
      page = started.page;
    });

    it('the client secret is entered through "Panopto: Set Client Secret…"', async () => {
      await enterClientSecret(page);
      await env.screenshot('client-secret-set');
    });

    it('the Folders view shows its welcome (Sign In) while signed out', async () => {
      const view = await openFoldersView(page);
      await view.welcome.waitFor({ state: 'visible', timeout: 30_000 });
      await env.screenshot('folders-welcome-signed-out');
      assert.match(await view.welcome.innerText(), /Sign In/);
    });

    it('the Accounts menu offers "Sign in with Panopto"', async () => {
      const item = await waitForAccountsMenuItem(page, /Sign in with Panopto/, 30_000, () => env.screenshot('accounts-menu-signed-out'));
      assert.match(item, /Panopto/);
    });

    it('choosing it opens the dev server login page in a new tab; logging in comes back signed in', async () => {
      await clickMenuItem(page, /Sign in with Panopto/);
      const login = await openExternalAsAPerson(
        page,
        (url) => url.startsWith(env.devServer.baseUrl),
        async () => {
          await env.screenshot('open-external-website-prompt');
        },
      );
      await login.waitForLoadState('domcontentloaded');
      await env.screenshot('login-page', login);
      console.log(`      (authorize redirect_uri: ${env.authorizeRedirectUris.join(' ; ')})`);
      await logInOnDevServer(login, scenario.user.userName);
      const item = await waitForAccountsMenuItem(page, scenario.user.label, 60_000, () => env.screenshot('accounts-menu-signed-in'));
      assert.match(item, scenario.user.label);
      // The request that put "Sign in with Panopto to use Panopto" there is answered: it goes away.
      await waitForAccountsMenuWithout(page, /Sign in with Panopto/, 15_000);
    });

    it('the Folders view leaves its welcome state and lists the folders', async () => {
      const view = await openFoldersView(page);
      await view.rows.first().waitFor({ state: 'visible', timeout: 30_000 });
      await env.screenshot('folders-signed-in');
      assert.equal(await view.welcome.isVisible(), false);
      assert.ok((await view.rows.count()) > 0);
    });

    it('a video uploads from the explorer context menu into a chosen folder', async () => {
      await openExplorerContextMenu(page, e2eVideoName);
      await env.screenshot('explorer-context-menu');
      await clickMenuItem(page, /Upload to Panopto/);
      await pickQuickPickItem(page, /Computer Science/);
      const done = await waitForNotification(
        page,
        new RegExp(`${e2eVideoName.replace('.', '\\.')} (is ready in Panopto|was uploaded)`),
        90_000,
      );
      await env.screenshot('upload-done');
      assert.match(done, /Panopto/);
    });

    it('another extension gets the session after the "wants to sign in" dialog is answered', async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Panopto Fixture: Get Panopto Session');
      const dialog = await answerDialog(page, /wants to sign in using Panopto/, 'Allow');
      assert.match(dialog, /Panopto auth fixture/);
      // With an account already signed in, VS Code then asks which account the extension may use.
      await pickQuickPickItem(page, scenario.user.label);
      await waitForNotification(page, /Panopto fixture getSession/);
      await env.screenshot('fixture-got-session');
      const report = env.fixtureReports().find((r) => r.step === 'getSession');
      assert.ok(report?.ok, `the fixture got a session (${report?.error ?? 'no report'})`);
      assert.match(report.account ?? '', scenario.user.label);
      assert.ok((report.tokenLength ?? 0) > 0, 'the session carries an access token');
    });

    it('after a reload the account is still signed in', async () => {
      await page.reload();
      await waitForWorkbench(page);
      const item = await waitForAccountsMenuItem(page, scenario.user.label, 60_000, () => env.screenshot('accounts-menu-after-reload'));
      assert.match(item, scenario.user.label);
    });

    it('signing out from the Accounts menu removes the account, and other extensions are told', async () => {
      const changesBefore = env.fixtureReports().filter((r) => r.step === 'onDidChangeSessions').length;
      const account = await waitForAccountsMenuItem(page, scenario.user.label);
      await clickMenuItem(page, account, /Sign Out/);
      await page.locator('.monaco-dialog-box').first().waitFor({ state: 'visible', timeout: 15_000 });
      await env.screenshot('sign-out-question');
      const question = await answerDialog(page, /Sign out of|Sign out from these extensions/, 'Sign Out');
      assert.match(question, scenario.user.label);
      const left = await waitForAccountsMenuWithout(page, scenario.user.label);
      await env.screenshot('signed-out');
      assert.ok(!left.some((item) => scenario.user.label.test(item)));
      // The fixture (another extension) hears about the removal through onDidChangeSessions.
      const deadline = Date.now() + 10_000;
      while (env.fixtureReports().filter((r) => r.step === 'onDidChangeSessions').length <= changesBefore && Date.now() < deadline) {
        await page.waitForTimeout(250);
      }
      assert.ok(
        env.fixtureReports().filter((r) => r.step === 'onDidChangeSessions').length > changesBefore,
        'the fixture saw the session change',
      );
      const view = await openFoldersView(page);
      await view.welcome.waitFor({ state: 'visible', timeout: 15_000 });
      // With nobody signed in, the extension asks quietly again, so the Accounts menu offers sign-in.
      const offer = await waitForAccountsMenuItem(page, /Sign in with Panopto/, 30_000, () =>
        env.screenshot('accounts-menu-after-sign-out'),
      );
      assert.match(offer, /Panopto/);
    });
  });
}
