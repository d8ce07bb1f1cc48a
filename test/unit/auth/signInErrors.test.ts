// What a failed sign-in says and which command fixes it (src/auth/signInErrors.ts), and that the
// loopback tab tells the truth: it waits for the code exchange against the dev server.
import assert from 'node:assert/strict';
import { AccessDeniedError, AuthorizationError, SignInFailedError } from '../../../src/auth/errors';
import { adviseSignInFailure, signInResultPage, signInTroubleCauses } from '../../../src/auth/signInErrors';
import { resolveSite } from '../../../src/auth/site';
import { browseToRedirect, startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, makeCore, type TestCore } from '../../support/authHarness';

const context = { usePkce: false, now: new Date('2026-03-01T10:00:00Z') };

function timestampError(claim: string): Error {
  // The shape oauth4webapi throws (code OAUTH_JWT_TIMESTAMP_CHECK_FAILED, the claim in its cause), wrapped as mapTokenError does.
  const inner = Object.assign(new Error(`unexpected JWT "${claim}" claim value`, { cause: { claim, now: 0 } }), {
    code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  });
  return new SignInFailedError(inner.message, false, { cause: inner });
}

describe('auth: sign-in failures mapped to their fix', () => {
  it('invalid_client: check the id and secret, with Set Client Secret', () => {
    const advice = adviseSignInFailure(new SignInFailedError('x', false, { oauthError: 'invalid_client' }), context);
    assert.equal(advice?.problem, 'clientRefused');
    assert.match(advice.message, /panopto\.clientId/);
    assert.match(advice.message, /Set Client Secret/);
    assert.deepEqual(advice.fix && { command: advice.fix.command, title: advice.fix.title }, {
      command: 'panopto.setClientSecret',
      title: 'Set Client Secret',
    });
  });

  it('unauthorized_client at the token endpoint: the id, secret and client type, with Set Client Secret', () => {
    const advice = adviseSignInFailure(new SignInFailedError('x', false, { oauthError: 'unauthorized_client' }), context);
    assert.equal(advice?.fix?.command, 'panopto.setClientSecret');
    assert.match(advice.message, /Server-side Web Application/);
  });

  it('invalid_grant on the code with PKCE on: turn off panopto.usePkce (Open Settings on that setting)', () => {
    const error = new SignInFailedError('x', false, { oauthError: 'invalid_grant' });
    const advice = adviseSignInFailure(error, { ...context, usePkce: true });
    assert.equal(advice?.problem, 'codeRefusedWithPkce');
    assert.match(advice.message, /panopto\.usePkce/);
    assert.deepEqual(advice.fix?.args, ['panopto.usePkce']);
    assert.equal(adviseSignInFailure(error, context)?.problem, 'codeRefused', 'without PKCE it is not blamed');
  });

  it('access_denied: "you declined access", with Sign In', () => {
    const advice = adviseSignInFailure(new AccessDeniedError(), context);
    assert.match(advice?.message ?? '', /declined access/);
    assert.equal(advice?.fix?.command, 'panopto.signIn');
  });

  it('a redirect with error= shows its error_description, one line', () => {
    const advice = adviseSignInFailure(new AuthorizationError('server_error', 'The site is\nin maintenance'), context);
    assert.match(advice?.message ?? '', /The site is in maintenance \(server_error\)/);
    assert.equal(advice?.fix?.command, 'panopto.checkSetup');
    const wrongType = adviseSignInFailure(new AuthorizationError('unauthorized_client', 'Unauthorized client'), context);
    assert.match(wrongType?.message ?? '', /Server-side Web Application/);
    assert.deepEqual(wrongType?.fix?.args, ['panopto.clientId']);
  });

  it("clock skew on the ID token names the claim and this computer's clock", () => {
    const advice = adviseSignInFailure(timestampError('exp'), context);
    assert.equal(advice?.problem, 'clockSkew');
    assert.match(advice.message, /"exp"/);
    assert.match(advice.message, /this computer says 2026-03-01 10:00:00 UTC/);
  });

  it('an unknown failure has no advice; the result page then shows its message', () => {
    assert.equal(adviseSignInFailure(new Error('boom'), context), undefined);
    assert.match(signInResultPage(new Error('boom'), context).message, /^boom /);
    assert.equal(signInResultPage(undefined, context).title, 'Signed in to Panopto');
  });

  it('"Having trouble?" names the redirect URL to register, the client type and a disabled client', () => {
    const causes = signInTroubleCauses({ serverUrl: 'https://x.hosted.panopto.com', redirectUri: 'http://localhost:9127/redirect' });
    assert.equal(causes.length, 3);
    assert.match(causes[0].detail, /http:\/\/localhost:9127\/redirect exactly/);
    assert.match(causes[1].detail, /Server-side Web Application/);
    assert.match(causes[2].detail, /invalid_client/);
  });
});

describe('auth: the loopback page after a refused client secret', () => {
  let server: DevServer;
  let t: TestCore;
  let redirectUri: string;

  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
  });
  after(async () => {
    t?.core.dispose();
    await server.close();
  });

  it('says the sign-in failed (not "Signed in") and the secret is forgotten, so the next sign-in asks again', async () => {
    t = await makeCore({ server, settings: { redirectUri }, storeClientSecret: false });
    const site = resolveSite(t.settings);
    await t.core.clientSecrets.set(site, 'a-wrong-secret-for-this-test');
    t.browser.action = { kind: 'none' };
    const pages: string[] = [];
    const signIn = t.core.createSession([]);
    signIn.catch(() => undefined);
    // Play the browser: sign in on the dev server, then follow the redirect to the listener and read the page.
    while (t.browser.openedUrls.length === 0) await new Promise((r) => setTimeout(r, 20));
    const landing = await browseToRedirect(t.browser.openedUrls[0], 'ada');
    const page = await fetch(landing);
    pages.push(await page.text());
    await assert.rejects(signIn, (e: unknown) => e instanceof SignInFailedError && e.oauthError === 'invalid_client');
    assert.match(pages[0], /did not complete/);
    assert.doesNotMatch(pages[0], /Signed in to Panopto/);
    assert.match(pages[0], /Set Client Secret/);
    assert.equal(await t.core.clientSecrets.get(site), undefined, 'the refused secret is not kept');
  });
});
