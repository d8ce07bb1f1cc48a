// Any standards-compliant issuer (discovery on and off, a non-Panopto issuer path) and several
// sites: a session is bound to its site, so changing panopto.serverUrl never sends one site's
// token to another (each dev server records the hash of every bearer token it saw).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { signInWithApplicationKey } from '../../../src/auth/applicationKeySignIn';
import { resolveSite } from '../../../src/auth/site';
import { NotSignedInError } from '../../../src/panopto/access';
import { PanoptoClient } from '../../../src/panopto/client';
import { FolderService } from '../../../src/panopto/folders';
import { devClient, devIdentityProvider, devUserClient, startTestDevServer, type DevServer } from '../../support/devServer';
import { EXTENSION_CALLBACK, log, makeCore, suiteLog, type TestCore } from '../../support/authHarness';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

describe('sign-in against any OpenID issuer', () => {
  const ISSUER_PATH = '/auth/realms/panopto';
  let server: DevServer;
  const cores: TestCore[] = [];
  before(async () => {
    server = await startTestDevServer({ issuerPath: ISSUER_PATH, extraRedirectUris: [EXTENSION_CALLBACK] });
  });
  afterEach(() => {
    server.switches.discovery = true;
    cores.splice(0).forEach((c) => c.core.dispose());
  });
  after(async () => {
    await server.close();
  });

  for (const discovery of [true, false]) {
    it(`signs in (code flow and application key) at a second issuer path with discovery ${discovery ? 'on' : 'off'}`, async () => {
      server.switches.discovery = discovery;
      const t = await makeCore({ server, settings: { redirectUri: EXTENSION_CALLBACK, issuerPath: ISSUER_PATH } });
      cores.push(t);
      const session = await t.core.createSession([]);
      assert.equal(session.account.label, 'Ada Lovelace');
      assert.equal(new URL(t.browser.openedUrls[0]).pathname, `${ISSUER_PATH}/connect/authorize`);
      const expected = discovery
        ? `Read the OpenID discovery document of ${server.baseUrl}${ISSUER_PATH}`
        : `No usable discovery document at ${server.baseUrl}${ISSUER_PATH}`;
      assert.ok(
        suiteLog.lines.some((l) => l.includes(expected)),
        expected,
      );

      const userSite = { ...resolveSite({ ...t.settings, issuerPath: ISSUER_PATH }), clientId: devUserClient.clientId };
      await t.core.clientSecrets.set(userSite, devUserClient.clientSecret);
      const keySession = await signInWithApplicationKey(t.core, {
        site: userSite,
        userKey: 'NetID\\grace',
        applicationKey: devIdentityProvider.applicationKey,
      });
      assert.equal((await server.principalFor(keySession.accessToken))?.userName, 'grace');
    });
  }
});

describe('several sites: a session is bound to its site', () => {
  let siteA: DevServer;
  let siteB: DevServer;
  const cores: TestCore[] = [];
  before(async () => {
    siteA = await startTestDevServer({ extraRedirectUris: [EXTENSION_CALLBACK] });
    siteB = await startTestDevServer({ extraRedirectUris: [EXTENSION_CALLBACK] });
  });
  after(async () => {
    cores.forEach((c) => c.core.dispose());
    await Promise.all([siteA.close(), siteB.close()]);
  });

  it("changing panopto.serverUrl never sends site A's token (code flow or application key) to site B", async () => {
    const t = await makeCore({ server: siteA, settings: { redirectUri: EXTENSION_CALLBACK } });
    cores.push(t);
    const folders = new FolderService(new PanoptoClient({ access: t.core, log }));

    // Signed in at A twice: the code flow (ada) and the application key (grace, another client).
    const codeSession = await t.core.createSession([]);
    const userSite = { ...resolveSite(t.settings), clientId: devUserClient.clientId };
    await t.core.clientSecrets.set(userSite, devUserClient.clientSecret);
    const keySession = await signInWithApplicationKey(t.core, {
      site: userSite,
      userKey: 'NetID\\grace',
      applicationKey: devIdentityProvider.applicationKey,
    });
    await folders.listFolders();
    const aTokens = [codeSession.accessToken, keySession.accessToken].map(sha256);
    assert.ok(siteA.stats.bearerTokensSeen.includes(sha256(keySession.accessToken)), 'A saw its own (active) token');

    // The configured site becomes B: A's sessions leave the view, nothing is sent to B.
    const before = { ...t.settings };
    t.settings.serverUrl = siteB.baseUrl;
    t.core.settingsChanged(before);
    assert.deepEqual(await t.core.listAccounts(), []);
    assert.deepEqual(await t.core.getSessions([]), []);
    await assert.rejects(folders.listFolders(), NotSignedInError);
    await assert.rejects(t.core.getAccess({ forceRefresh: true }), NotSignedInError);
    assert.deepEqual(siteB.stats.bearerTokensSeen, []);
    assert.equal(siteB.stats.tokenRequests, 0);

    // Signed in at B too (its client secret is B's own: A's is never used there): B sees only B's
    // token; A's sessions stay A's.
    await t.core.clientSecrets.set({ serverUrl: siteB.baseUrl, clientId: devClient.clientId }, devClient.clientSecret);
    const bSession = await t.core.createSession([]);
    await folders.listFolders();
    assert.deepEqual(siteB.stats.bearerTokensSeen, [sha256(bSession.accessToken)]);
    assert.ok(!aTokens.some((hash) => siteB.stats.bearerTokensSeen.includes(hash)), "B never saw A's tokens");
    assert.deepEqual(
      (await t.core.listAccounts()).map((a) => a.serverUrl),
      [siteB.baseUrl],
    );

    // Back to A: A's sessions come back and talk only to A; B's token never reaches A.
    const middle = { ...t.settings };
    t.settings.serverUrl = siteA.baseUrl;
    t.core.settingsChanged(middle);
    assert.deepEqual((await t.core.listAccounts()).map((a) => a.serverUrl).sort(), [siteA.baseUrl, siteA.baseUrl]);
    await folders.listFolders();
    assert.ok(!siteA.stats.bearerTokensSeen.includes(sha256(bSession.accessToken)), "A never saw B's token");
    assert.deepEqual(siteB.stats.bearerTokensSeen, [sha256(bSession.accessToken)], 'B saw nothing more');
  });
});
