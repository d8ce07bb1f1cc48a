// Secrets: after every other case of the run, nothing a user or another extension can see holds a
// token, code, verifier, client secret or application key — the log, every error message, the
// settings the extension writes, the exported API's results, the loopback pages. The loopback
// listener is reachable on 127.0.0.1 only and only while a sign-in waits; panopto.serverUrl is
// restricted in untrusted workspaces, and http:// is refused except for loopback hosts.
// (This file runs last: mocha loads files in name order.)
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createPanoptoApi } from '../../src/apiFactory';
import { signInWithApplicationKey } from '../../src/auth/applicationKeySignIn';
import { importPanoptoEnv, type ImportedSetting } from '../../src/auth/envImport';
import { ConfigurationError } from '../../src/auth/errors';
import { parseServerUrl, resolveSite } from '../../src/auth/site';
import { PanoptoClient } from '../../src/panopto/client';
import { FolderService } from '../../src/panopto/folders';
import { SessionService } from '../../src/panopto/sessions';
import { uploadToResult, Uploader } from '../../src/panopto/uploader';
import { folderIdFor, SEED_PATHS } from '../../devserver/seedFolders';
import { sessionIdFor } from '../../devserver/seedSessions';
import { browseToRedirect, devClient, devUserClient, startTestDevServer, type DevServer } from '../support/devServer';
import { observedSecrets } from '../support/authHarness';
import { FAST_RETRY } from '../support/testAccess';
import { removeDir, tempDir, writeMediaFile } from '../support/uploadFixture';
import { errorMessagesSeen, recordFigure, reliabilityCase, rejectsClearly } from './support/figures';
import { DEV_APPLICATION_KEY, secretsIn, wireSecrets } from './support/wiretap';
import { disposeCores, freePort, reliableCore, startWaitingSignIn, storedSessions, suiteLog, type TestCore } from './support/cores';

/** A TCP connect: 'open' when something accepted it, 'refused' otherwise. */
function probe(host: string, port: number): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(3000);
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', () => resolve('refused'));
    socket.once('timeout', () => {
      socket.destroy();
      resolve('refused');
    });
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('reliability: secrets', () => {
  let server: DevServer;
  let redirectUri: string;
  let port: number;
  let t: TestCore;
  let dir: string;

  before(async () => {
    port = await freePort();
    redirectUri = `http://127.0.0.1:${port}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri], switches: { processingDelayMs: 20 } });
    t = await reliableCore({ server, settings: { redirectUri, usePkce: true } });
    server.switches.pkce = 'verify';
    await t.core.createSession([]);
    dir = await tempDir();
  });
  after(async () => {
    disposeCores();
    await removeDir(dir);
    await server.close();
  });

  reliabilityCase('Secrets', 'the exported API (folders, search, sessions, upload result, its errors) carries no secret', async () => {
    const folders = new FolderService(new PanoptoClient({ access: t.core, retry: FAST_RETRY }));
    const uploader = new Uploader({ client: new PanoptoClient({ access: t.core, retry: FAST_RETRY }), pollIntervalMs: 20 });
    const file = join(dir, 'lecture.mp4');
    await writeMediaFile(file, 50_000);
    const api = createPanoptoApi({
      onDidChangeSessions: () => ({ dispose: () => undefined }),
      folders,
      sessions: new SessionService(new PanoptoClient({ access: t.core, retry: FAST_RETRY })),
      upload: async (uri, folderId) => uploadToResult(uploader, { filePath: uri.fsPath, folderId }),
    });
    const comp101 = folderIdFor(SEED_PATHS.comp101);
    const results = [
      await api.listFolders(),
      await api.listFolders(comp101),
      await api.searchFolders('lab'),
      await api.listSessions(folderIdFor(SEED_PATHS.week1)),
      await api.searchSessions('hello'),
      await api.getSessionDetails(sessionIdFor(SEED_PATHS.week1, 'Lecture 1 – Hello, world')),
      await api.upload({ fsPath: file } as Parameters<typeof api.upload>[0], comp101),
    ];
    assert.equal((results[6] as { state: string }).state, 'complete');
    await rejectsClearly(api.listFolders('11111111-2222-4333-8444-555555555555'), { message: /HTTP 404/ });
    await rejectsClearly(api.searchFolders(''), { message: /query/ });
    assert.deepEqual(secretsIn(JSON.stringify(results)), []);
  });

  reliabilityCase(
    'Secrets',
    'settings written by the .env import hold no secret; the client secret goes to secret storage only',
    async () => {
      const written: { key: ImportedSetting; value: string }[] = [];
      const stored: string[] = [];
      const secret = 'env-file-client-secret-0123456789';
      wireSecrets.add(secret);
      const report = await importPanoptoEnv(
        `PANOPTO_SERVER_URL=${server.baseUrl}\nPANOPTO_CLIENT_ID=${devClient.clientId}\nPANOPTO_CLIENT_SECRET="${secret}"\nPANOPTO_REDIRECT_URI=${redirectUri}\n`,
        {
          currentSetting: () => '',
          updateSetting: async (key, value) => void written.push({ key, value }),
          storeClientSecret: async (_site, value) => void stored.push(value),
        },
      );
      assert.deepEqual(written.map((w) => w.key).sort(), ['clientId', 'redirectUri', 'serverUrl']);
      assert.deepEqual(stored, [secret]);
      assert.deepEqual(secretsIn(JSON.stringify({ written, report })), []);
      // A bad file is refused before anything is written, and the error does not echo the secret.
      written.length = 0;
      await rejectsClearly(
        importPanoptoEnv(`PANOPTO_SERVER_URL=http://panopto.example.edu\nPANOPTO_CLIENT_SECRET=${secret}\n`, {
          currentSetting: () => '',
          updateSetting: async (key, value) => void written.push({ key, value }),
          storeClientSecret: async () => undefined,
        }),
        { message: /PANOPTO_SERVER_URL on line 1 is not usable: .*https/ },
      );
      assert.deepEqual(written, []);
    },
  );

  reliabilityCase(
    'Secrets',
    'only the known writers touch globalState, workspaceState or settings, and none of them writes a secret',
    async () => {
      const writers = sourceFiles('src').filter((path) =>
        // A settings target, or a Memento/configuration `update(key, value)` call.
        /ConfigurationTarget|\.update\(\s*['"`]?[A-Za-z_.]+['"`]?\s*,/.test(readFileSync(path, 'utf8')),
      );
      // Each writer and what it writes; a new one fails this case until it is looked at and listed.
      const known: Record<string, string> = {
        'src/commands/importEnvFile.ts': 'site, client id and redirect URL to settings (the case above)',
        'src/setup/siteSetting.ts': 'the checked site origin to panopto.serverUrl',
        'src/ui/captionLanguage.ts': 'the last caption language id (globalState)',
        'src/views/foldersTree.ts': 'the recordings sort order (globalState)',
        'src/setup/walkthrough.ts': 'that the walkthrough was shown once (globalState)',
        'src/uploads/resumeStore.ts':
          'resume records without the upload target URL, which goes to SecretStorage (test/unit/uploads/resumeStore.test.ts)',
      };
      assert.deepEqual(writers.sort(), Object.keys(known).sort(), 'the files that write globalState, workspaceState or settings');
    },
  );

  reliabilityCase('Secrets', 'an application-key sign-in (right and wrong key) keeps the key out of logs and messages', async () => {
    const site = resolveSite({ ...t.settings, clientId: devUserClient.clientId });
    const k = await reliableCore({ server, settings: { redirectUri, clientId: devUserClient.clientId }, storeClientSecret: false });
    await k.core.clientSecrets.set(site, devUserClient.clientSecret);
    const session = await signInWithApplicationKey(k.core, { site, userKey: 'NetID\\ada', applicationKey: DEV_APPLICATION_KEY });
    wireSecrets.add(session.accessToken);
    assert.ok(await server.principalFor(session.accessToken));
    const wrongKey = '00000000-1111-2222-3333-444444444444';
    wireSecrets.add(wrongKey);
    await rejectsClearly(signInWithApplicationKey(k.core, { site, userKey: 'NetID\\grace', applicationKey: wrongKey }), {
      message: /application key|user key/i,
    });
  });

  reliabilityCase(
    'Secrets',
    'the browser is never given a secret: the authorize URL has no verifier, client secret or token; loopback pages echo no code',
    async () => {
      const { pending, authorizeUrl } = await startWaitingSignIn(t);
      assert.ok(new URL(authorizeUrl).searchParams.get('code_challenge'), 'PKCE is on for this core');
      const redirect = await browseToRedirect(authorizeUrl, 'grace');
      const page = await (await fetch(redirect)).text();
      await pending;
      assert.match(page, /Signed in to Panopto/);
      assert.deepEqual(secretsIn(authorizeUrl), []);
      assert.deepEqual(secretsIn(page), []);
    },
  );

  reliabilityCase('Secrets', 'secret storage keys name no secret, and the session index holds no token', async () => {
    const all = [...t.secrets.data];
    assert.ok(storedSessions(t).length >= 1);
    assert.deepEqual(secretsIn(all.map(([key]) => key).join('\n')), []);
    const index = all
      .filter(([key]) => key === 'panopto.auth.index')
      .map(([, value]) => value)
      .join('');
    assert.deepEqual(secretsIn(index), []);
  });

  reliabilityCase('Secrets', 'the loopback listener accepts connections on 127.0.0.1 only, and only while a sign-in waits', async () => {
    assert.equal(await probe('127.0.0.1', port), 'refused', 'nothing listens before a sign-in');
    const abort = new AbortController();
    const { pending } = await startWaitingSignIn(t, [], abort.signal);
    try {
      assert.equal(await probe('127.0.0.1', port), 'open');
      const others = [
        '127.0.0.2',
        '::1',
        ...Object.values(networkInterfaces())
          .flat()
          .filter((i) => i && !i.internal)
          .map((i) => i!.address),
      ];
      assert.ok(others.length >= 2);
      for (const host of others) assert.equal(await probe(host, port), 'refused', `not reachable on ${host}`);
    } finally {
      abort.abort();
    }
    await assert.rejects(pending);
    assert.equal(await probe('127.0.0.1', port), 'refused', 'closed once no sign-in waits');
  });

  reliabilityCase('Secrets', 'panopto.serverUrl (and clientId, redirectUri) are restricted in untrusted workspaces', async () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
    };
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    for (const setting of ['panopto.serverUrl', 'panopto.clientId', 'panopto.redirectUri']) {
      assert.ok(untrusted?.restrictedConfigurations?.includes(setting), `${setting} is restricted`);
    }
  });

  reliabilityCase('Secrets', 'http:// is refused for every host but loopback, before anything is sent or stored', async () => {
    for (const bad of [
      'http://panopto.example.edu',
      'http://10.0.0.5:8080',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example',
      'http://[::ffff:10.0.0.1]',
    ]) {
      assert.throws(
        () => parseServerUrl(bad),
        (e: unknown) => e instanceof ConfigurationError && /must use https:\/\//.test(e.message) && e.setting === 'panopto.serverUrl',
        bad,
      );
    }
    for (const good of ['http://localhost:9400', 'http://127.0.0.1', 'http://[::1]:8080', 'https://panopto.example.edu']) {
      assert.doesNotThrow(() => parseServerUrl(good), good);
    }
    const requests = server.stats.tokenRequests;
    const h = await reliableCore({ server, settings: { redirectUri, serverUrl: 'http://panopto.example.edu' }, storeClientSecret: false });
    await rejectsClearly(h.core.createSession([]), { type: ConfigurationError, message: /must use https:\/\// });
    assert.deepEqual(h.browser.openedUrls, [], 'no browser opened');
    assert.deepEqual(
      [...h.secrets.data.keys()].filter((k) => !k.startsWith('panopto.auth.lease')),
      [],
      'nothing stored',
    );
    assert.equal(server.stats.tokenRequests, requests);
  });

  reliabilityCase('Secrets', 'every line logged and every error message of the whole run: zero secret hits', async () => {
    for (const secret of observedSecrets) wireSecrets.add(secret);
    assert.ok(wireSecrets.size >= 50, `the scan knows the run's secrets (${wireSecrets.size})`);
    assert.ok(suiteLog.lines.length >= 100, `the run logged (${suiteLog.lines.length} lines)`);
    assert.ok(errorMessagesSeen.length >= 40, `the run saw error messages (${errorMessagesSeen.length})`);
    // Control: the scan does find tokens where they belong (secret storage).
    assert.ok(secretsIn(JSON.stringify([...t.secrets.data])).length >= 2, 'the scan finds the stored tokens');
    const hits = [...suiteLog.lines, ...errorMessagesSeen].flatMap((text) => secretsIn(text).map((s) => `${s} in: ${text.slice(0, 80)}`));
    recordFigure(
      'Secret hits',
      `${hits.length} (${wireSecrets.size} secrets from the wire, ${suiteLog.lines.length} log lines, ${errorMessagesSeen.length} error messages scanned)`,
    );
    assert.deepEqual(hits, []);
  });
});
