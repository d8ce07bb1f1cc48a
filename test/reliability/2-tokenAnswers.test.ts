// Bad token answers: the dev server spoils each successful token answer in one way (switch
// tokenAnswerFault, devserver/faults.ts). A sign-in ends with a clear error naming what was wrong
// and stores nothing; a spoiled renewal keeps the session, and the next good answer renews it.
import assert from 'node:assert/strict';
import { SignInFailedError } from '../../src/auth/errors';
import type { TokenAnswerFault } from '../../devserver/faults';
import { startTestDevServer, type DevServer } from '../support/devServer';
import { reliabilityCase, rejectsClearly } from './support/figures';
import { disposeCores, freePort, getLoopback, reliableCore, storedSessions } from './support/cores';

const HOUR_MS = 3600 * 1000;

describe('reliability: bad token answers', () => {
  let server: DevServer;
  let redirectUri: string;

  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
  });
  afterEach(() => {
    server.switches.tokenAnswerFault = 'none';
    server.switches.rotateRefreshTokens = true;
    disposeCores();
  });
  after(async () => {
    await server.close();
  });

  const signInCases: [TokenAnswerFault, RegExp][] = [
    ['nonJson', /Sign-in to Panopto failed: .*(content-type|JSON)/i],
    ['missingAccessToken', /Sign-in to Panopto failed: .*access_token/],
    ['accessTokenNotString', /Sign-in to Panopto failed: .*access_token/],
    ['wrongTokenType', /Sign-in to Panopto failed: .*token_type/],
    ['negativeExpiresIn', /Sign-in to Panopto failed: .*expires_in/],
    ['missingIdToken', /Sign-in to Panopto failed: .*id_token/],
    ['idTokenWrongNonce', /Sign-in to Panopto failed: .*nonce/],
    ['idTokenWrongIss', /Sign-in to Panopto failed: .*iss/],
    ['idTokenWrongAud', /Sign-in to Panopto failed: .*aud/],
    ['idTokenExpired', /Sign-in to Panopto failed: .*exp/],
    ['idTokenBadSignature', /Sign-in to Panopto failed: .*signature/i],
    ['idTokenAlgNone', /Sign-in to Panopto failed: .*alg/i],
  ];
  for (const [fault, message] of signInCases) {
    reliabilityCase('Bad token answers', `sign-in answered with ${fault}: clear error, nothing stored`, async () => {
      server.switches.tokenAnswerFault = fault;
      const t = await reliableCore({ server, settings: { redirectUri } });
      await rejectsClearly(t.core.createSession([]), { type: SignInFailedError, message });
      assert.deepEqual(storedSessions(t), []);
      assert.deepEqual(await t.core.getSessions(), []);
      assert.equal(await getLoopback(redirectUri), 'refused', 'the loopback listener is closed');
    });
  }

  reliabilityCase('Bad token answers', 'a huge expires_in signs in, but the token is renewed within a day all the same', async () => {
    server.switches.tokenAnswerFault = 'hugeExpiresIn';
    const t = await reliableCore({ server, settings: { redirectUri } });
    const session = await t.core.createSession([]);
    assert.ok(await server.principalFor(session.accessToken));
    server.switches.tokenAnswerFault = 'none';
    server.stats.reset();
    t.clock.offsetMs = 25 * HOUR_MS;
    const [renewed] = await t.core.getSessions();
    assert.equal(server.stats.tokenRequestsByGrant.refresh_token, 1, 'renewed after a day');
    assert.notEqual(renewed.accessToken, session.accessToken);
  });

  for (const fault of ['nonJson', 'missingAccessToken', 'idTokenWrongIss'] as const) {
    reliabilityCase('Bad token answers', `a renewal answered with ${fault} keeps the session; the next good answer renews it`, async () => {
      server.switches.rotateRefreshTokens = false;
      const t = await reliableCore({ server, settings: { redirectUri } });
      const session = await t.core.createSession([]);
      server.switches.tokenAnswerFault = fault;
      t.clock.offsetMs = HOUR_MS - 60 * 1000;
      await rejectsClearly(t.core.getSessions(), { message: /^Renewing the Panopto sign-in failed: / });
      assert.equal(storedSessions(t).length, 1, 'the session is kept');
      assert.deepEqual(t.grantLost, [], 'no sign-in prompt');
      server.switches.tokenAnswerFault = 'none';
      const [renewed] = await t.core.getSessions();
      assert.ok(renewed, 'still signed in');
      assert.notEqual(renewed.accessToken, session.accessToken);
      assert.ok(await server.principalFor(renewed.accessToken));
    });
  }

  reliabilityCase(
    'Bad token answers',
    "a renewal whose ID token names another user under a bad signature cannot change the session's account",
    async () => {
      server.switches.rotateRefreshTokens = false;
      const t = await reliableCore({ server, settings: { redirectUri } });
      const session = await t.core.createSession([]);
      server.switches.tokenAnswerFault = 'idTokenBadSignature';
      t.clock.offsetMs = HOUR_MS - 60 * 1000;
      // Renewal answers come straight from the token endpoint (client-authenticated); their ID token
      // claims are not used, so the forged subject ("Mallory") must not show up anywhere.
      const [renewed] = await t.core.getSessions();
      assert.ok(renewed, 'still signed in');
      assert.deepEqual(renewed.account, session.account);
      assert.equal(renewed.id, session.id);
      assert.equal((await server.principalFor(renewed.accessToken))?.userName, 'ada');
      assert.ok(!JSON.stringify(storedSessions(t)).includes('Mallory'));
    },
  );

  reliabilityCase(
    'Bad token answers',
    'a spoiled renewal answer with rotation on (the site already spent the old refresh token) ends in one clean sign-out prompt',
    async () => {
      server.switches.rotateRefreshTokens = true;
      const t = await reliableCore({ server, settings: { redirectUri } });
      await t.core.createSession([]);
      server.switches.tokenAnswerFault = 'nonJson';
      t.clock.offsetMs = HOUR_MS - 60 * 1000;
      await rejectsClearly(t.core.getSessions(), { type: SignInFailedError, message: /Panopto/ });
      server.switches.tokenAnswerFault = 'none';
      assert.deepEqual(await t.core.getSessions(), [], 'the grant is gone');
      assert.deepEqual(storedSessions(t), []);
      const requests = server.stats.tokenRequests;
      assert.deepEqual(await t.core.getSessions(), []);
      assert.deepEqual(t.grantLost, ['Ada Lovelace'], 'one prompt');
      assert.equal(server.stats.tokenRequests, requests, 'no retry loop');
    },
  );
});
