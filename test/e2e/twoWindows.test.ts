// Two code-server windows of one user (two tabs of one browser profile, so two extension hosts
// whose SecretStorage copies are not shared): a sign-in in one reaches the other without a reload,
// and with short-lived tokens and rotating refresh tokens both keep renewing the same session at the
// same moments without ever spending a refresh token twice (which would revoke the grant for both).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startE2e, type E2eEnvironment } from './support/environment';
import { repoRoot } from '../host/harness/paths';
import { enterClientSecret, logInOnDevServer, openExternalAsAPerson } from './support/login';
import { clickMenuItem, openFoldersView, waitForAccountsMenuItem, waitForWorkbench } from './support/workbench';

/** The parts of the in-process dev server (devserver/server.ts) this suite drives and reads. */
interface DevServerControls {
  switches: { accessTokenTtlSeconds: number; tokenEndpointDelayMs: number; rotateRefreshTokens: boolean };
  stats: { tokenRequestsByGrant: Record<string, number>; spentRefreshTokensPresented: number };
}

const RUNS = 20;
const ACCOUNT = /grace|Grace Hopper/;
// Tokens live 10 s (the extension's floor, src/auth/tokenLifetime.ts): each window's renewal timer
// fires 4.2-5.8 s before expiry (src/auth/refresher.ts timerDelayMs), so the two windows' timers for
// one expiry fall within 1.7 s of each other, while the next expiry's renewal comes at least 4 s
// later. A token request held 1.2 s keeps the first renewal in flight while the other window's
// timer fires. Two token requests closer than SAME_EXPIRY_MS therefore renew the same expiry twice.
const TOKEN_TTL_SECONDS = 10;
const TOKEN_DELAY_MS = 1200;
const SAME_EXPIRY_MS = 3000;
export const figureFile = path.join(repoRoot, '.test-runs', 'e2e-figures.json');

describe('two windows of one user (code-server tabs)', function () {
  let env: E2eEnvironment;
  let windowA: Page;
  let windowB: Page;
  let dev: DevServerControls;
  let failed = false;

  beforeEach(function () {
    if (failed) this.skip(); // the renewals need the sign-in
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  before(async function () {
    this.timeout(600_000);
    // The UriHandler route: the loopback port (9127) is fixed, and another suite may hold it.
    env = await startE2e({ label: 'e2e-two-windows', redirect: 'uriHandler' });
    dev = env.devServer as unknown as DevServerControls;
    Object.assign(dev.switches, {
      accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
      tokenEndpointDelayMs: TOKEN_DELAY_MS,
      rotateRefreshTokens: true,
    });
    windowA = env.page;
    windowB = await env.browser.context.newPage();
    await windowB.goto(env.codeServer.workbenchUrl());
    await waitForWorkbench(windowA);
    await waitForWorkbench(windowB);
  });

  after(async () => {
    await env?.close();
  });

  it('signing in in window A shows the account in window B without a reload', async function () {
    this.timeout(180_000);
    await waitForAccountsMenuItem(windowB, /Sign in with Panopto/, 30_000);
    await windowB.keyboard.press('Escape');
    await enterClientSecret(windowA);
    await waitForAccountsMenuItem(windowA, /Sign in with Panopto/, 30_000);
    await clickMenuItem(windowA, /Sign in with Panopto/);
    const login = await openExternalAsAPerson(windowA, (url) => url.startsWith(env.devServer.baseUrl));
    await logInOnDevServer(login, 'grace');
    await waitForAccountsMenuItem(windowA, ACCOUNT, 60_000);
    const signedInAt = Date.now();
    await waitForAccountsMenuItem(windowB, ACCOUNT, 10_000, () => env.screenshot('window-b-accounts', windowB));
    console.log(`      (window B showed the account ${((Date.now() - signedInAt) / 1000).toFixed(1)} s after window A did)`);
    await windowA.keyboard.press('Escape');
    await windowB.keyboard.press('Escape');
  });

  it(`both windows renew every expiry with one token request between them, ${RUNS} runs in a row, no spent refresh token presented`, async function () {
    this.timeout(RUNS * 12_000 + 60_000);
    const spentBefore = dev.stats.spentRefreshTokensPresented;
    const refreshes = () => dev.stats.tokenRequestsByGrant.refresh_token ?? 0;
    const times: number[] = [];
    let seen = refreshes();
    let passed = 0;
    const failures: string[] = [];
    const deadline = Date.now() + RUNS * 12_000;
    while (times.length < RUNS + 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (; seen < refreshes(); seen++) times.push(Date.now());
    }
    // Each gap after the first request is one expiry renewed; a run fails if the other window also
    // asked for it, or if a spent refresh token reached the site by then.
    for (let run = 1; run < times.length; run++) {
      const gap = times[run] - times[run - 1];
      if (gap < SAME_EXPIRY_MS) failures.push(`run ${run}: two token requests ${gap} ms apart`);
      else if (failures.length === 0) passed += 1;
    }
    const spent = dev.stats.spentRefreshTokensPresented - spentBefore;
    if (spent > 0) {
      failures.push(`${spent} spent refresh token(s) presented`);
      passed = 0;
    }
    // Both windows still act as the signed-in user: the Folders view lists folders in each, over its own token.
    for (const [name, page] of [
      ['A', windowA],
      ['B', windowB],
    ] as const) {
      await waitForAccountsMenuItem(page, ACCOUNT, 15_000);
      await page.keyboard.press('Escape');
      const view = await openFoldersView(page);
      const listed = await view.rows
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 })
        .then(() => true)
        .catch(() => false);
      await env.screenshot(`window-${name}-folders`, page);
      if (!listed) {
        failures.push(`window ${name} lists no folders after the renewals`);
        passed = 0;
      }
    }
    const figure = `${passed}/${RUNS} runs`;
    console.log(`      Two real windows renewing at once: ${figure}`);
    mkdirSync(path.dirname(figureFile), { recursive: true });
    writeFileSync(figureFile, JSON.stringify({ 'Two real windows renewing at once (code-server, rotation on)': figure }, null, 2));
    assert.equal(times.length, RUNS + 1, `saw ${times.length - 1} renewals within the time allowed`);
    assert.deepEqual(failures, []);
    assert.equal(passed, RUNS);
  });
});
