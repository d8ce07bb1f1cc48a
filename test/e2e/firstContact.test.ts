// First contact, as a person meets it in a fresh profile: the "Get started with Panopto" walkthrough,
// the client secret, Check Setup, a sign-in; then a failing sign-in per misconfiguration of the dev
// server (devserver/README.md, "Switches"), each showing its message in VS Code and the truth in the
// browser tab. Screenshots go to the run folder (.test-runs/<time>-e2e-first-contact/).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { E2eEnvironment } from './support/environment';
import { useE2eStory } from './support/story';
import { enterClientSecret, logInOnDevServer, openExternalAsAPerson } from './support/login';
import { runCommand, waitForNotification } from './support/workbench';

describe('first contact: walkthrough, Check Setup, sign-in and its failures', function () {
  let env: E2eEnvironment;
  let page: Page;

  async function setSwitches(switches: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${env.devServer.baseUrl}/__dev/switches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(switches),
    });
    assert.equal(response.status, 200);
  }

  /** Runs Panopto: Sign In and plays the browser; returns the tab (left on the listener's page or the site's). */
  async function signInInBrowser(logIn: boolean): Promise<Page> {
    await runCommand(page, 'Panopto: Sign In');
    const tab = await openExternalAsAPerson(
      page,
      (url) => url.startsWith(env.devServer.baseUrl) || /\/\/(localhost|127\.0\.0\.1):9127\//.test(url),
    );
    if (logIn) {
      await tab.waitForURL((url) => url.toString().startsWith(env.devServer.baseUrl), { timeout: 15_000 });
      await logInOnDevServer(tab, 'ada');
    }
    return tab;
  }

  async function resultPage(tab: Page): Promise<string> {
    await tab.waitForURL(/\/\/(localhost|127\.0\.0\.1):9127\/redirect/, { timeout: 30_000 });
    const heading = tab.locator('h1');
    await heading.waitFor({ state: 'visible', timeout: 30_000 });
    return tab.locator('body').innerText();
  }

  useE2eStory({ label: 'e2e-first-contact', redirect: 'loopback' }, (started) => {
    env = started;
    page = started.page;
  });
  afterEach(async () => {
    // Each step starts from the workbench alone: the tabs a sign-in opened go.
    for (const tab of env?.browser.context.pages().slice(1) ?? []) await tab.close().catch(() => undefined);
  });

  it('"Panopto: Get Started" opens the walkthrough with its five steps', async () => {
    await runCommand(page, 'Panopto: Get Started');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get started with Panopto').first().waitFor({ state: 'visible', timeout: 30_000 });
    for (const step of ['Your Panopto site', 'Create the API client', 'Client id and secret', 'Sign in', 'Browse and upload']) {
      await walkthrough.getByText(step, { exact: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
    }
    await env.screenshot('walkthrough');
  });

  it('the client secret, then Check Setup passes', async () => {
    await enterClientSecret(page);
    await runCommand(page, 'Panopto: Check Setup');
    const summary = await waitForNotification(page, /Panopto setup: (all \d+ checks passed|\d+ of \d+ checks failed)/, 60_000);
    await env.screenshot('check-setup');
    // The redirect port may be taken on a busy machine; a correct site and client otherwise pass.
    assert.match(summary, /all \d+ checks passed|Redirect listener/);
  });

  it('a client of the wrong type: the tab and VS Code both say so, with the fix', async () => {
    await setSwitches({ oauthClientFault: 'wrongClientType' });
    const tab = await signInInBrowser(false);
    const text = await resultPage(tab);
    await env.screenshot('wrong-client-type-tab', tab);
    assert.match(text, /did not complete/);
    assert.match(await waitForNotification(page, /Server-side Web Application/), /unauthorized_client/);
    await env.screenshot('wrong-client-type');
  });

  it('declining access: "you declined access"', async () => {
    await setSwitches({ oauthClientFault: 'none', denySignIn: true });
    const tab = await signInInBrowser(false);
    assert.match(await resultPage(tab), /did not complete/);
    await waitForNotification(page, /You declined access/);
    await env.screenshot('access-declined');
  });

  it('a server clock two hours off: the message names the clock', async () => {
    await setSwitches({ denySignIn: false, idTokenClockSkewSeconds: -7200 });
    const tab = await signInInBrowser(true);
    assert.match(await resultPage(tab), /clock/);
    await waitForNotification(page, /this computer's clock/, 30_000);
    await env.screenshot('clock-skew');
  });

  it('signing in with everything right: the tab says "Signed in", VS Code is signed in', async () => {
    await setSwitches({ idTokenClockSkewSeconds: 0 });
    const tab = await signInInBrowser(true);
    assert.match(await resultPage(tab), /Signed in to Panopto/);
    await env.screenshot('signed-in-tab', tab);
    await waitForNotification(page, /Signed in to Panopto as/, 30_000);
    await env.screenshot('signed-in');
  });

  it('a redirect URL the client does not list: the browser stays on Panopto\'s error page and "Having trouble?" explains', async () => {
    await setSwitches({ oauthClientFault: 'redirectUriNotRegistered' });
    const tab = await signInInBrowser(false);
    await tab.waitForLoadState('domcontentloaded');
    await env.screenshot('redirect-not-registered-tab', tab);
    await page.bringToFront();
    await waitForNotification(page, /Having trouble\?/, 30_000);
    await page.locator('.notification-toast .monaco-button', { hasText: 'Having trouble?' }).first().click();
    await page.getByText('The redirect URL is not registered exactly').first().waitFor({ state: 'visible', timeout: 10_000 });
    await env.screenshot('having-trouble');
    await page.keyboard.press('Escape');
    await setSwitches({ oauthClientFault: 'none' });
  });
});
