// One end-to-end environment: the dev server (127.0.0.2), code-server with the Panopto extension and
// the auth fixture installed (linked into a throwaway extensions dir, as an installed extension
// would be), the user settings pointing at the dev server, and a fresh chromium profile showing
// the workbench. close() stops all of it, whatever state the test left it in.
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildForHost } from '../../host/harness/build';
import { launchBrowser, type Browser } from '../../host/harness/browser';
import { codeServerCallbackUri, startCodeServer, type CodeServer } from '../../host/harness/codeServer';
import { devClient, startHostDevServer, type HostDevServer } from '../../host/harness/devServer';
import { extensionId, repoRoot, runDirectory } from '../../host/harness/paths';
import { freePort } from '../../host/harness/processes';
import { ensureHostTools } from '../../host/install';

export const panoptoVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const fixturePath = path.join(repoRoot, 'test', 'fixtures', 'auth-fixture');

export interface E2eOptions {
  /** A label for the run folder (screenshots, logs). */
  label: string;
  /**
   * How the sign-in comes back. 'loopback': http://localhost:9127/redirect (the default setting).
   * 'uriHandler': panopto.redirectUri is the extension's own code-oss:// callback, which the
   * extension passes through asExternalUri; the dev server gets code-server's /callback URLs for
   * the first few request ids registered, since that URL varies per request.
   */
  redirect?: 'loopback' | 'uriHandler';
  /** User settings beyond serverUrl, clientId and redirectUri. */
  settings?: Record<string, unknown>;
  workspaceFiles?: Record<string, string | Buffer>;
}

export interface FixtureReport {
  step: string;
  ok: boolean;
  account?: string;
  scopes?: string[];
  tokenLength?: number;
  folders?: string[];
  sessions?: string[];
  folderName?: string;
  error?: string;
}

export interface E2eEnvironment {
  readonly devServer: HostDevServer;
  readonly codeServer: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  readonly runDir: string;
  /** Saves a screenshot of the workbench as NN-name.png in the run folder; returns its path. */
  screenshot(name: string, page?: Page): Promise<string>;
  /** The redirect_uri of every authorize request the browser made (for diagnostics and checks). */
  readonly authorizeRedirectUris: string[];
  /** What the fixture extension has reported so far. */
  fixtureReports(): FixtureReport[];
  close(): Promise<void>;
}

/** A small "video" in every e2e workspace, for the explorer's Upload to Panopto. */
export const e2eVideoName = 'lecture-week1.mp4';

export const uriHandlerRedirect = `code-oss://${extensionId}/did-authenticate`;

function redirectSetup(kind: 'loopback' | 'uriHandler', codeServerOrigin: string): { setting: string; registered: string[] } {
  if (kind === 'loopback') return { setting: 'http://localhost:9127/redirect', registered: [] };
  const registered = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => codeServerCallbackUri(codeServerOrigin, extensionId, '/did-authenticate', id));
  return { setting: uriHandlerRedirect, registered };
}

let toolsReady: Promise<void> | undefined;

/** Installs (first time only) and builds; call from a root before() with a long timeout. */
export function prepareE2e(): Promise<void> {
  toolsReady ??= ensureHostTools().then(buildForHost);
  return toolsReady;
}

export async function startE2e(options: E2eOptions): Promise<E2eEnvironment> {
  await prepareE2e();
  const runDir = runDirectory(options.label);
  mkdirSync(runDir, { recursive: true });
  const reportFile = path.join(runDir, 'fixture-report.jsonl');
  let shots = 0;
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const codeServerPort = await freePort();
    const redirect = redirectSetup(options.redirect ?? 'loopback', `http://127.0.0.1:${codeServerPort}`);
    const devServer = await startHostDevServer({ extraRedirectUris: redirect.registered });
    stops.push(() => devServer.close());
    const codeServer = await startCodeServer({
      logFile: path.join(runDir, 'code-server.log'),
      port: codeServerPort,
      settings: {
        'panopto.serverUrl': devServer.baseUrl,
        'panopto.clientId': devClient.id,
        'panopto.redirectUri': redirect.setting,
        ...options.settings,
      },
      extensions: [
        // PANOPTO_E2E_EXTENSION_PATH: try another build of the extension (e.g. a patched copy).
        { folderName: `panopto-community.vscode-panopto-${panoptoVersion}`, path: process.env.PANOPTO_E2E_EXTENSION_PATH ?? repoRoot },
        { folderName: 'panopto-community.panopto-auth-fixture-0.0.1', path: fixturePath },
      ],
      env: { PANOPTO_FIXTURE_REPORT: reportFile },
      workspaceFiles: { [e2eVideoName]: Buffer.alloc(192 * 1024, 3), ...options.workspaceFiles },
    });
    stops.push(() => codeServer.close());
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    const authorizeRedirectUris: string[] = [];
    browser.context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/connect/authorize')) authorizeRedirectUris.push(url.searchParams.get('redirect_uri') ?? '');
    });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(codeServer.workbenchUrl());
    return {
      devServer,
      codeServer,
      browser,
      page,
      runDir,
      authorizeRedirectUris,
      async screenshot(name, target = page) {
        shots += 1;
        const file = path.join(runDir, `${String(shots).padStart(2, '0')}-${name}.png`);
        await target.screenshot({ path: file });
        return file;
      },
      fixtureReports() {
        if (!existsSync(reportFile)) return [];
        return readFileSync(reportFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as FixtureReport);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
