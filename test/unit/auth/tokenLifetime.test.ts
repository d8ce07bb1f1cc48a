// Token lifetimes the site gets wrong: `expires_in: 0` (or missing, or absurd) must not start a
// renewal loop or a session that never renews. The dev server's real token answers are rewritten on
// their way to the client (the auth core's fetch), so everything else is the real exchange.
import assert from 'node:assert/strict';
import type { TokenResult } from '../../../src/auth/oauthClient';
import { applyTokens } from '../../../src/auth/refresher';
import { timerDelayMs } from '../../../src/auth/renewalTiming';
import { MAX_TOKEN_LIFETIME_SECONDS, MIN_TOKEN_LIFETIME_SECONDS } from '../../../src/auth/tokenLifetime';
import type { StoredSession } from '../../../src/auth/tokenStore';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, makeCore, suiteLog, type TestCore } from '../../support/authHarness';

/** A fetch that sets (or, with undefined, removes) expires_in in every token endpoint answer. */
function rewritingExpiresIn(value: number | undefined): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!url.endsWith('/token') || !response.ok) {
      return response;
    }
    const body = (await response.json()) as Record<string, unknown>;
    if (value === undefined) {
      delete body.expires_in;
    } else {
      body.expires_in = value;
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
}

function lifetimeSeconds(session: Pick<StoredSession, 'issuedAt' | 'expiresAt'>): number {
  return (session.expiresAt - session.issuedAt) / 1000;
}

describe('hardening: token lifetime', () => {
  let server: DevServer;
  let redirectUri: string;
  const cores: TestCore[] = [];

  async function signInWith(expiresIn: number | undefined): Promise<{ t: TestCore; session: StoredSession }> {
    const t = await makeCore({ server, settings: { redirectUri }, options: { oauth: { fetch: rewritingExpiresIn(expiresIn) } } });
    cores.push(t);
    const created = await t.core.createSession([]);
    const stored = JSON.parse(t.secrets.data.get(`panopto.auth.session.${created.id}`) ?? 'null') as StoredSession;
    return { t, session: stored };
  }

  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
  });
  afterEach(() => cores.splice(0).forEach((c) => c.core.dispose()));
  after(async () => {
    await server.close();
  });

  it('expires_in: 0 is taken as the floor, the renewal timer waits, and the log says what is used', async () => {
    const linesBefore = suiteLog.lines.length;
    const { session } = await signInWith(0);
    assert.equal(lifetimeSeconds(session), MIN_TOKEN_LIFETIME_SECONDS);
    assert.ok(timerDelayMs(session, session.issuedAt, () => 1) > 0, 'the renewal timer does not fire at once');
    const logged = suiteLog.lines.slice(linesBefore).join('\n');
    assert.match(logged, new RegExp(`said it lives 0 s; using ${MIN_TOKEN_LIFETIME_SECONDS} s`));
    assert.doesNotMatch(logged, /assuming one hour/);
  });

  it('a missing expires_in is taken as one hour, and the log says so', async () => {
    const linesBefore = suiteLog.lines.length;
    const { session } = await signInWith(undefined);
    assert.equal(lifetimeSeconds(session), 3600);
    assert.match(suiteLog.lines.slice(linesBefore).join('\n'), /named no lifetime; using 3600 s/);
  });

  it('a renewal answered with a zero, negative or absurd lifetime is bounded too', () => {
    const now = Date.now();
    const base = { issuedAt: now - 1000, expiresAt: now } as StoredSession;
    const renewed = (expiresInSeconds: number): StoredSession =>
      applyTokens(base, { accessToken: 'access-token-renewed', expiresInSeconds } satisfies TokenResult, now);
    assert.equal(lifetimeSeconds(renewed(0)), MIN_TOKEN_LIFETIME_SECONDS);
    assert.equal(lifetimeSeconds(renewed(-5)), MIN_TOKEN_LIFETIME_SECONDS);
    assert.equal(lifetimeSeconds(renewed(10 ** 12)), MAX_TOKEN_LIFETIME_SECONDS);
    assert.equal(lifetimeSeconds(renewed(1800)), 1800);
  });
});
