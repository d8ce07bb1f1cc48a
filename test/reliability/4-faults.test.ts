// Faults survived: the token endpoint down or slow, a revoked grant, two windows renewing one
// session at the same moment with rotation on, the dev server restarting mid-session, a dropped
// connection on an upload part, and a cancel mid-upload. Each ends in the right state or a clear
// error, and storage holds exactly what it should.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TokenServiceUnavailableError } from '../../src/auth/errors';
import { PanoptoClient } from '../../src/panopto/client';
import { PanoptoNetworkError } from '../../src/panopto/errors';
import { FolderService } from '../../src/panopto/folders';
import { Uploader } from '../../src/panopto/uploader';
import { startTestDevServer, type DevServer } from '../support/devServer';
import { FAST_RETRY } from '../support/testAccess';
import { COMP101, MIB, removeDir, sha256OfFile, tempDir, uploadAndCancelMidway, uploadsOn, writeMediaFile } from '../support/uploadFixture';
import { recordFigure, reliabilityCase, rejectsClearly } from './support/figures';
import { disposeCores, freePort, MemorySecretStore, reliableCore, storedSessions, suiteLog, type TestCore } from './support/cores';

const HOUR_MS = 3600 * 1000;

describe('reliability: faults survived', () => {
  let server: DevServer;
  let redirectUri: string;

  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
  });
  afterEach(() => {
    Object.assign(server.switches, {
      rotateRefreshTokens: true,
      tokenEndpointFailures: 0,
      tokenEndpointDelayMs: 0,
      dropConnectionOnPart: 0,
    });
    disposeCores();
  });
  after(async () => {
    await server.close();
  });

  async function signedIn(setup: Partial<Parameters<typeof reliableCore>[0]> = {}): Promise<TestCore> {
    const t = await reliableCore({ server, ...setup, settings: { redirectUri, ...setup.settings } });
    await t.core.createSession([]);
    server.stats.reset();
    return t;
  }

  reliabilityCase('Faults survived', 'token endpoint 503 twice: retried with backoff, renewed, session kept', async () => {
    const t = await signedIn();
    const logged = suiteLog.lines.length;
    server.switches.tokenEndpointFailures = 2;
    t.clock.offsetMs = HOUR_MS - 60 * 1000;
    const [session] = await t.core.getSessions();
    assert.ok(session && (await server.principalFor(session.accessToken)));
    assert.equal(server.stats.tokenRequests, 3);
    const retries = suiteLog.lines
      .slice(logged)
      .filter((l) => /retrying in \d+ ms/.test(l))
      .map((l) => Number(/in (\d+) ms/.exec(l)![1]));
    assert.equal(retries.length, 2, 'two retries');
    assert.ok(retries[1] > retries[0], `growing delays (backoff): ${retries.join(', ')}`);
  });

  reliabilityCase(
    'Faults survived',
    'token endpoint 503 for good: bounded retries, then a clear error; session kept, no prompt',
    async () => {
      const t = await signedIn();
      server.switches.tokenEndpointFailures = 100;
      t.clock.offsetMs = HOUR_MS - 60 * 1000;
      await rejectsClearly(t.core.getSessions(), {
        type: TokenServiceUnavailableError,
        message: /Could not renew the Panopto sign-in \(HTTP 503\)/,
      });
      assert.ok(server.stats.tokenRequests <= 5, `bounded: ${server.stats.tokenRequests} requests`);
      assert.equal(storedSessions(t).length, 1);
      assert.deepEqual(t.grantLost, []);
      server.switches.tokenEndpointFailures = 0;
      assert.ok((await t.core.getSessions())[0], 'renews once the endpoint is back');
    },
  );

  reliabilityCase(
    'Faults survived',
    'token endpoint 503 during the code exchange: a clear error, nothing stored, the next sign-in works',
    async () => {
      server.switches.tokenEndpointFailures = 100;
      const t = await reliableCore({ server, settings: { redirectUri } });
      await rejectsClearly(t.core.createSession([]), { message: /Panopto.*(HTTP 503|temporarily_unavailable)/ });
      assert.deepEqual(storedSessions(t), []);
      server.switches.tokenEndpointFailures = 0;
      assert.equal((await t.core.createSession([])).account.label, 'Ada Lovelace');
    },
  );

  reliabilityCase('Faults survived', 'token endpoint timing out: retried, then a clear error; session kept', async () => {
    server.switches.rotateRefreshTokens = false; // a timed-out request may still be served, and would spend a rotating token
    const t = await signedIn({ options: { oauth: { timeoutSeconds: 1 } } });
    server.switches.tokenEndpointDelayMs = 1500;
    t.clock.offsetMs = HOUR_MS - 60 * 1000;
    await rejectsClearly(t.core.getSessions(), {
      type: TokenServiceUnavailableError,
      message: /Could not renew the Panopto sign-in \(.*(time|abort)/i,
    });
    assert.ok(server.stats.tokenRequests >= 2, 'retried');
    assert.equal(storedSessions(t).length, 1);
    server.switches.tokenEndpointDelayMs = 0;
    assert.ok((await t.core.getSessions())[0]);
  });

  reliabilityCase('Faults survived', 'refresh token revoked: clean sign-out, one prompt, no loop', async () => {
    const t = await signedIn();
    server.revokeAll();
    t.clock.offsetMs = HOUR_MS - 60 * 1000;
    assert.deepEqual(await t.core.getSessions(), []);
    const requests = server.stats.tokenRequests;
    for (let i = 0; i < 5; i++) assert.deepEqual(await t.core.getSessions(), []);
    await rejectsClearly(t.core.getAccess(), { message: /Sign In/ });
    assert.deepEqual(t.grantLost, ['Ada Lovelace'], 'exactly one prompt');
    assert.equal(server.stats.tokenRequests, requests, 'no further token requests');
    assert.deepEqual(storedSessions(t), []);
  });

  let raceRunsInARow = 0;
  for (let run = 1; run <= 20; run++) {
    reliabilityCase(
      'Faults survived',
      `two windows, one SecretStorage, rotation on, renewing at the same moment (run ${run}/20): both valid, nobody signed out`,
      async () => {
        server.switches.rotateRefreshTokens = true;
        const secrets = new MemorySecretStore();
        const a = await signedIn({
          secrets,
          options: { refresher: { owner: 'window-a', leaseSettleMs: 50, pollMs: 20, retryDelaysMs: [50, 100] } },
        });
        const b = await reliableCore({
          server,
          secrets,
          settings: { redirectUri },
          options: { refresher: { owner: 'window-b', leaseSettleMs: 50, pollMs: 20, retryDelaysMs: [50, 100] } },
        });
        assert.equal((await b.core.getSessions()).length, 1, 'window b sees the session');
        const originalRefreshToken = storedSessions(a)[0].refreshToken;
        server.switches.tokenEndpointDelayMs = 30; // keep one renewal in flight while the other window asks
        a.clock.offsetMs = b.clock.offsetMs = HOUR_MS - 60 * 1000;
        const [fromA, fromB] = await Promise.all([a.core.getSessions(), b.core.getSessions()]);
        assert.notEqual(storedSessions(a)[0]?.refreshToken, originalRefreshToken, 'the refresh token was rotated');
        assert.equal(fromA.length, 1, 'window a still signed in');
        assert.equal(fromB.length, 1, 'window b still signed in');
        assert.ok(await server.principalFor(fromA[0].accessToken), 'a holds a valid token');
        assert.ok(await server.principalFor(fromB[0].accessToken), 'b holds a valid token');
        assert.deepEqual([...a.grantLost, ...b.grantLost], [], 'nobody was told to sign in again');
        assert.equal(storedSessions(a).length, 1);
        // The refresh token left in storage is the live one: the next renewal (from b) works.
        a.clock.offsetMs = b.clock.offsetMs = 2 * HOUR_MS - 60 * 1000;
        const [later] = await b.core.getSessions();
        assert.ok(later && (await server.principalFor(later.accessToken)), 'the stored refresh token still works');
        assert.equal((await a.core.getSessions()).length, 1);
        raceRunsInARow += 1;
        const inARow = raceRunsInARow === run; // every run so far passed
        recordFigure(
          'Two windows renewing at once (rotation on)',
          `${raceRunsInARow}/20 runs passed${inARow ? ' in a row' : ' (not all in a row)'}`,
        );
      },
    );
  }

  reliabilityCase(
    'Faults survived',
    'dev server restarted mid-session: clear errors while down, one clean sign-out prompt after, sign-in works again',
    async () => {
      const port = Number(new URL(server.baseUrl).port);
      const t = await signedIn({ options: { refresher: { retryDelaysMs: [20] } } });
      const folders = new FolderService(new PanoptoClient({ access: t.core, retry: FAST_RETRY }));
      assert.ok((await folders.listFolders(COMP101)).length > 0);
      await server.close();
      try {
        await rejectsClearly(folders.listFolders(COMP101), {
          type: PanoptoNetworkError,
          message: /Could not reach Panopto .*ECONNREFUSED.*GET \/Panopto\/api\/v1\/folders/,
        });
        t.clock.offsetMs = HOUR_MS - 60 * 1000;
        await rejectsClearly(t.core.getSessions(), { type: TokenServiceUnavailableError, message: /Could not renew the Panopto sign-in/ });
        assert.equal(storedSessions(t).length, 1, 'kept while the site is down');
      } finally {
        server = await startTestDevServer({ port, extraRedirectUris: [redirectUri] });
      }
      // The restarted dev server keeps grants in memory only, so the old refresh token is unknown now.
      assert.deepEqual(await t.core.getSessions(), []);
      assert.deepEqual(await t.core.getSessions(), []);
      assert.deepEqual(t.grantLost, ['Ada Lovelace'], 'one prompt');
      assert.deepEqual(storedSessions(t), []);
      t.browser.action = { kind: 'signIn', user: 'ada' };
      const again = await t.core.createSession([]);
      assert.ok(await server.principalFor(again.accessToken), 'signed in against the restarted server');
      assert.ok((await folders.listFolders(COMP101)).length > 0);
    },
  );

  describe('uploads', () => {
    let dir: string;
    let t: TestCore;
    before(async () => {
      dir = await tempDir();
    });
    beforeEach(async () => {
      server.switches.processingDelayMs = 20;
      t = await signedIn();
    });
    after(async () => {
      await removeDir(dir);
    });
    const uploader = (concurrency = 2) =>
      new Uploader({
        client: new PanoptoClient({ access: t.core, retry: { baseDelayMs: 10, maxDelayMs: 50 } }),
        partSizeBytes: 5 * MIB,
        concurrency,
        pollIntervalMs: 20,
      });

    reliabilityCase(
      'Faults survived',
      'a connection dropped in the middle of a part: the part is resent, the file arrives intact',
      async () => {
        server.switches.dropConnectionOnPart = 2;
        const file = join(dir, 'dropped.mp4');
        await writeMediaFile(file, 12 * MIB);
        const result = await uploader().upload({ filePath: file, folderId: COMP101 });
        assert.equal(server.switches.dropConnectionOnPart, 0, 'the connection was dropped');
        assert.equal(result.state, 'complete');
        const snapshot = await uploadsOn(server);
        const stored = snapshot.files.find((f) => f.sessionUploadId === result.uploadId && f.name === 'dropped.mp4');
        assert.equal(stored?.sha256, await sha256OfFile(file));
        assert.deepEqual(snapshot.openMultipartUploads, [], 'no open multipart upload');
      },
    );

    reliabilityCase('Faults survived', 'cancel mid-upload: cancelled, no open multipart upload, no stored file', async () => {
      const { result, upload, openMultipartUploads, files } = await uploadAndCancelMidway(
        server,
        uploader(1),
        join(dir, 'cancelled.mp4'),
        30 * MIB,
      );
      assert.equal(result.state, 'cancelled');
      assert.equal(upload?.State, 2, 'the sessionUpload is cancelled');
      assert.deepEqual(openMultipartUploads, [], 'no open multipart upload');
      assert.deepEqual(files, [], 'no stored file');
    });
  });
});
