// Bad redirects: whatever arrives at the loopback listener or the UriHandler, a sign-in either
// ignores it (and still finishes with the real redirect) or ends with a clear error, and nothing is
// stored that should not be.
import assert from 'node:assert/strict';
import { AccessDeniedError, AuthorizationError, SignInCancelledError, SignInFailedError } from '../../src/auth/errors';
import { browseToRedirect, startTestDevServer, type DevServer } from '../support/devServer';
import { reliabilityCase, rejectsClearly } from './support/figures';
import {
  EXTENSION_CALLBACK,
  disposeCores,
  freePort,
  getLoopback,
  reliableCore,
  startWaitingSignIn,
  storedSessions,
  withQuery,
  type TestCore,
} from './support/cores';

describe('reliability: bad redirects', () => {
  let server: DevServer;
  let loopbackRedirect: string;

  before(async () => {
    loopbackRedirect = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [loopbackRedirect, EXTENSION_CALLBACK] });
  });
  afterEach(() => disposeCores());
  after(async () => {
    await server.close();
  });

  const loopbackCore = () => reliableCore({ server, settings: { redirectUri: loopbackRedirect } });
  const uriHandlerCore = () => reliableCore({ server, settings: { redirectUri: EXTENSION_CALLBACK } });

  /** After a bad delivery was ignored: the real redirect still signs Ada in, with one stored session. */
  async function finishesWithRealRedirect(
    t: TestCore,
    pending: Promise<{ account: { label: string } }>,
    real: string,
    via: 'loopback' | 'uri',
  ): Promise<void> {
    if (via === 'loopback') assert.equal(await getLoopback(real), 200);
    else assert.equal(uriDeliver(t, real), 'accepted');
    assert.equal((await pending).account.label, 'Ada Lovelace');
    assert.equal(storedSessions(t).length, 1);
  }

  function uriDeliver(t: TestCore, redirect: string): string {
    const url = new URL(redirect);
    return t.core.router.handleUri({ path: url.pathname, query: url.search.slice(1) });
  }

  /** A failed sign-in leaves no session, and the loopback listener is gone. */
  async function nothingLeft(t: TestCore): Promise<void> {
    assert.deepEqual(storedSessions(t), []);
    assert.deepEqual(await t.core.getSessions(), []);
    assert.equal(await getLoopback(loopbackRedirect), 'refused', 'the loopback listener is closed');
  }

  reliabilityCase('Bad redirects', 'a redirect without state is refused (400) and the real one still signs in', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    const code = new URL(real).searchParams.get('code') ?? '';
    assert.equal(await getLoopback(withQuery(real, `code=${encodeURIComponent(code)}`)), 400);
    await finishesWithRealRedirect(t, pending, real, 'loopback');
  });

  reliabilityCase('Bad redirects', 'a forged state at the loopback listener is refused (400) and ignored', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    const forged = new URL(real);
    forged.searchParams.set('state', 'forged-state-0123456789');
    assert.equal(await getLoopback(forged.href), 400);
    await finishesWithRealRedirect(t, pending, real, 'loopback');
  });

  reliabilityCase('Bad redirects', 'a forged state through the UriHandler is ignored', async () => {
    const t = await uriHandlerCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    const forged = new URL(real);
    forged.searchParams.set('state', 'forged-state-0123456789');
    assert.equal(uriDeliver(t, forged.href), 'unknown-state');
    await finishesWithRealRedirect(t, pending, real, 'uri');
  });

  reliabilityCase('Bad redirects', 'a duplicated state (forged first) is ignored', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl, state } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    const code = new URL(real).searchParams.get('code') ?? '';
    assert.equal(await getLoopback(withQuery(real, `state=forged-state-0123456789&state=${state}&code=${encodeURIComponent(code)}`)), 400);
    await finishesWithRealRedirect(t, pending, real, 'loopback');
  });

  reliabilityCase('Bad redirects', 'a duplicated state (real first) ends the sign-in with a clear error, nothing stored', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl, state } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    const code = new URL(real).searchParams.get('code') ?? '';
    await getLoopback(withQuery(real, `state=${state}&state=forged-state-0123456789&code=${encodeURIComponent(code)}`));
    await rejectsClearly(pending, { type: SignInFailedError, message: /Sign-in to Panopto failed: .*state/i });
    await nothingLeft(t);
  });

  reliabilityCase('Bad redirects', 'a redirect with the right state but no code ends with a clear error, nothing stored', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    const noCode = new URL(await browseToRedirect(authorizeUrl, 'ada'));
    noCode.searchParams.delete('code');
    assert.equal(await getLoopback(noCode.href), 200);
    await rejectsClearly(pending, { type: SignInFailedError, message: /Sign-in to Panopto failed: .*code/i });
    await nothingLeft(t);
  });

  reliabilityCase('Bad redirects', 'error=access_denied (Deny on the sign-in page) says the site did not allow it', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    assert.equal(await getLoopback(await browseToRedirect(authorizeUrl, 'ada', { deny: true })), 200);
    await rejectsClearly(pending, { type: AccessDeniedError, message: /did not allow the sign-in/ });
    await nothingLeft(t);
  });

  for (const [error, description] of [
    ['invalid_scope', 'The requested scope is invalid.'],
    ['server_error', undefined],
    ['temporarily_unavailable', 'Try later.'],
    ['unsupported_response_type', undefined],
  ] as const) {
    reliabilityCase('Bad redirects', `error=${error} names the error${description ? ' and its description' : ''}`, async () => {
      const t = await loopbackCore();
      const { pending, state } = await startWaitingSignIn(t);
      const query = new URLSearchParams({ error, state, ...(description ? { error_description: description } : {}) });
      assert.equal(await getLoopback(withQuery(loopbackRedirect, query.toString())), 200);
      const e = await rejectsClearly(pending, {
        type: AuthorizationError,
        message: new RegExp(`Panopto refused the sign-in \\(${error}\\)`),
      });
      if (description) assert.ok(e.message.includes(description));
      await nothingLeft(t);
    });
  }

  reliabilityCase('Bad redirects', 'an error_description of 5000 characters with markup gives a short message', async () => {
    const t = await uriHandlerCore();
    const { pending, state } = await startWaitingSignIn(t);
    const description = `<script>alert(1)</script>${'x'.repeat(5000)}`;
    const query = new URLSearchParams({ error: 'invalid_request', error_description: description, state });
    assert.equal(uriDeliver(t, withQuery(EXTENSION_CALLBACK, query.toString())), 'accepted');
    await rejectsClearly(pending, { type: AuthorizationError, message: /invalid_request/ });
    assert.deepEqual(storedSessions(t), []);
  });

  reliabilityCase(
    'Bad redirects',
    "a replayed code (an earlier sign-in's) is refused by the site: clear error, no second session",
    async () => {
      const t = await loopbackCore();
      const first = await startWaitingSignIn(t);
      const firstRedirect = await browseToRedirect(first.authorizeUrl, 'ada');
      await finishesWithRealRedirect(t, first.pending, firstRedirect, 'loopback');
      const stored = storedSessions(t);
      const second = await startWaitingSignIn(t);
      const replay = new URL(firstRedirect);
      replay.searchParams.set('state', second.state);
      assert.equal(await getLoopback(replay.href), 200);
      await rejectsClearly(second.pending, { type: SignInFailedError, message: /refused the authorization code/ });
      assert.deepEqual(storedSessions(t), stored, 'the first session is untouched, no other was added');
    },
  );

  reliabilityCase(
    'Bad redirects',
    'the same redirect delivered again after the sign-in finished is not accepted (loopback closed, UriHandler ignores it)',
    async () => {
      const t = await uriHandlerCore();
      const { pending, authorizeUrl } = await startWaitingSignIn(t);
      const real = await browseToRedirect(authorizeUrl, 'ada');
      await finishesWithRealRedirect(t, pending, real, 'uri');
      const stored = storedSessions(t);
      assert.equal(uriDeliver(t, real), 'unknown-state');
      assert.deepEqual(storedSessions(t), stored);
      const l = await loopbackCore();
      const loop = await startWaitingSignIn(l);
      const loopReal = await browseToRedirect(loop.authorizeUrl, 'ada');
      await finishesWithRealRedirect(l, loop.pending, loopReal, 'loopback');
      assert.equal(await getLoopback(loopReal), 'refused');
    },
  );

  reliabilityCase('Bad redirects', 'an oversized query (64 KiB) is refused and the sign-in still finishes', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl, state } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    const status = await getLoopback(withQuery(real, `state=${state}&code=${'A'.repeat(64 * 1024)}`));
    assert.ok(typeof status === 'number' && status >= 400 && status < 500, `refused with a 4xx, got ${status}`);
    await finishesWithRealRedirect(t, pending, real, 'loopback');
  });

  reliabilityCase('Bad redirects', 'a non-UTF-8 query is refused (400) and the sign-in still finishes', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    assert.equal(await getLoopback(withQuery(real, 'state=%FF%FE%FD&code=%C3%28%A0%A1')), 400);
    await finishesWithRealRedirect(t, pending, real, 'loopback');
  });

  reliabilityCase('Bad redirects', 'a request for another path or with POST gets 404 and delivers nothing', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    const real = await browseToRedirect(authorizeUrl, 'ada');
    const other = new URL(real);
    other.pathname = '/evil';
    assert.equal(await getLoopback(other.href), 404);
    assert.equal(await getLoopback(real, { method: 'POST' }), 404);
    await finishesWithRealRedirect(t, pending, real, 'loopback');
  });

  reliabilityCase('Bad redirects', 'a redirect naming another issuer (iss mix-up) ends with a clear error, nothing stored', async () => {
    const t = await loopbackCore();
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    const real = new URL(await browseToRedirect(authorizeUrl, 'ada'));
    real.searchParams.set('iss', 'https://attacker.invalid/Panopto/oauth2');
    await getLoopback(real.href);
    await rejectsClearly(pending, { type: SignInFailedError, message: /Sign-in to Panopto failed: .*iss/i });
    await nothingLeft(t);
  });

  reliabilityCase(
    'Bad redirects',
    'a redirect without the iss the site always sends (mix-up defence) ends with a clear error',
    async () => {
      const t = await loopbackCore();
      const { pending, authorizeUrl } = await startWaitingSignIn(t);
      const real = new URL(await browseToRedirect(authorizeUrl, 'ada'));
      assert.ok(real.searchParams.has('iss'), 'the dev server sends iss (RFC 9207)');
      real.searchParams.delete('iss');
      await getLoopback(real.href);
      await rejectsClearly(pending, { type: SignInFailedError, message: /Sign-in to Panopto failed: .*"iss"/ });
      await nothingLeft(t);
    },
  );

  reliabilityCase('Bad redirects', 'a callback arriving after cancel finds nothing listening and stores nothing', async () => {
    const t = await loopbackCore();
    const abort = new AbortController();
    const { pending, authorizeUrl } = await startWaitingSignIn(t, [], abort.signal);
    abort.abort();
    await assert.rejects(pending, SignInCancelledError);
    const late = await browseToRedirect(authorizeUrl, 'ada');
    assert.equal(await getLoopback(late), 'refused');
    await nothingLeft(t);
  });

  reliabilityCase('Bad redirects', 'a callback arriving after the timeout is ignored (UriHandler) and stores nothing', async () => {
    const t = await reliableCore({ server, settings: { redirectUri: EXTENSION_CALLBACK }, options: { signInTimeoutMs: 200 } });
    const { pending, authorizeUrl } = await startWaitingSignIn(t);
    await rejectsClearly(pending, { message: /timed out/ });
    const late = await browseToRedirect(authorizeUrl, 'ada');
    assert.equal(uriDeliver(t, late), 'unknown-state');
    assert.deepEqual(storedSessions(t), []);
  });

  reliabilityCase('Bad redirects', 'two sign-ins at once with different scopes each get their own redirect, user and scopes', async () => {
    const t = await loopbackCore();
    const a = await startWaitingSignIn(t, ['api']);
    const b = await startWaitingSignIn(t, ['openid', 'email']);
    assert.notEqual(a.state, b.state);
    const redirectB = await browseToRedirect(b.authorizeUrl, 'grace');
    const redirectA = await browseToRedirect(a.authorizeUrl, 'ada');
    assert.equal(await getLoopback(redirectB), 200, 'the later sign-in may finish first');
    assert.equal(await getLoopback(redirectA), 200);
    const [sessionA, sessionB] = await Promise.all([a.pending, b.pending]);
    assert.equal(sessionA.account.label, 'Ada Lovelace');
    assert.deepEqual(sessionA.scopes, ['api']);
    assert.equal(sessionB.account.label, 'Grace Hopper');
    assert.deepEqual(sessionB.scopes, ['openid', 'email']);
    assert.equal(storedSessions(t).length, 2);
    assert.equal(await getLoopback(redirectA), 'refused', 'the listener closed once neither waits');
  });
});
