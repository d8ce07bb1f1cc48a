// Redirect routes by where the extension host runs, against the dev server over real HTTP:
// a remote host listens AND shows the paste box (whichever brings the right state wins), a web
// host and a user who asks use the paste box alone, and a forged pasted state is never accepted.
import assert from 'node:assert/strict';
import { SignInCancelledError } from '../../../src/auth/errors';
import { browseToRedirect, startTestDevServer, type DevServer } from '../../support/devServer';
import { EXTENSION_CALLBACK, freePort, makeCore, suiteLog, type TestCore } from '../../support/authHarness';

function withState(redirect: string, state: string): string {
  const url = new URL(redirect);
  url.searchParams.set('state', state);
  return url.href;
}

describe('sign-in routes by extension host', () => {
  let server: DevServer;
  let loopbackRedirect: string;
  const cores: TestCore[] = [];
  async function core(hostKind: 'local' | 'remote' | 'web', redirectUri = loopbackRedirect): Promise<TestCore> {
    const t = await makeCore({ server, settings: { redirectUri }, options: { hostKind: () => hostKind, signInTimeoutMs: 15000 } });
    cores.push(t);
    return t;
  }

  before(async () => {
    loopbackRedirect = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [loopbackRedirect, EXTENSION_CALLBACK] });
  });
  afterEach(() => cores.splice(0).forEach((c) => c.core.dispose()));
  after(async () => {
    await server.close();
  });

  it('remote host, browser reaches the listener: signed in through it, and the paste box closes by itself', async () => {
    const t = await core('remote');
    let boxSignal: AbortSignal | undefined;
    const reasons: (string | undefined)[] = [];
    t.browser.askForRedirectUrl = (_url, signal, reason) => {
      boxSignal = signal;
      reasons.push(reason);
      // The user leaves the box open; it is closed when the listener gets the redirect.
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    };
    const session = await t.core.createSession([]);
    assert.equal(session.account.label, 'Ada Lovelace');
    await Promise.all(t.browser.deliveries); // the page is written once the code exchange is done
    assert.deepEqual(t.browser.loopbackStatuses, [200], 'the redirect reached the listener');
    assert.ok(boxSignal?.aborted, 'the paste box was shown and then closed');
    assert.match(reasons[0] ?? '', /remote machine/);
  });

  it('remote host, browser cannot reach the listener: the pasted address finishes the sign-in (a forged state first is ignored)', async () => {
    const t = await core('remote');
    t.browser.action = { kind: 'none' }; // the redirect to the remote's localhost never arrives
    const pasted: string[] = [];
    t.browser.askForRedirectUrl = async (authorizeUrl) => {
      const real = await browseToRedirect(authorizeUrl, 'grace');
      const answer = pasted.length === 0 ? withState(real, 'forged-state-value') : real;
      pasted.push(answer);
      return answer;
    };
    const session = await t.core.createSession([]);
    assert.equal(session.account.label, 'Grace Hopper');
    assert.equal(pasted.length, 2);
    assert.deepEqual(t.browser.loopbackStatuses, []);
    assert.ok(suiteLog.lines.some((l) => l.includes('state matches no waiting sign-in (via paste)')));
  });

  it('remote host: closing the paste box does not cancel; the listener still finishes the sign-in', async () => {
    const t = await core('remote');
    t.browser.askForRedirectUrl = async () => undefined;
    const session = await t.core.createSession([]);
    assert.equal(session.account.label, 'Ada Lovelace');
  });

  it('web host with a loopback redirect URI: no listener, the paste box alone (pressing Escape cancels)', async () => {
    const t = await core('web');
    t.browser.action = { kind: 'none' };
    t.browser.askForRedirectUrl = async () => undefined;
    await assert.rejects(t.core.createSession([]), SignInCancelledError);
    const again = await core('web');
    again.browser.action = { kind: 'none' };
    again.browser.askForRedirectUrl = async (authorizeUrl) => browseToRedirect(authorizeUrl, 'ada');
    const session = await again.core.createSession([]);
    assert.equal(session.account.label, 'Ada Lovelace');
    assert.deepEqual(again.browser.loopbackStatuses, []);
  });

  it('the user asks for the paste route on a local host: no listener is started, the pasted URL is used', async () => {
    const t = await core('local', EXTENSION_CALLBACK);
    t.browser.action = { kind: 'none' };
    let asked = 0;
    t.browser.askForRedirectUrl = async (authorizeUrl) => {
      asked++;
      return browseToRedirect(authorizeUrl, 'ada');
    };
    const session = await t.core.createSession([], { preferPaste: true });
    assert.equal(session.account.label, 'Ada Lovelace');
    assert.equal(asked, 1);
    assert.equal(new URL(t.browser.openedUrls[0]).searchParams.get('redirect_uri'), EXTENSION_CALLBACK);
  });
});
