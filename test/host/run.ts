// `npm run test:host`: the extension-host suites in a real VS Code (code-server 4.100.3) driven by
// Debian's chromium. Installs what is missing, builds, starts the dev server (127.0.0.2, free port)
// and code-server (free port, throwaway profile), runs the suites, prints their mocha output, and
// stops everything it started, also on failure, timeout or Ctrl-C.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildForHost } from './harness/build';
import { launchBrowser, type Browser } from './harness/browser';
import { startCodeServer, type CodeServer } from './harness/codeServer';
import { devClient, devServerAvailable, startHostDevServer, type HostDevServer } from './harness/devServer';
import { startAssistant } from './harness/assistant';
import { consoleMarker, runHostTests } from './harness/hostTests';
import { repoRoot, runDirectory } from './harness/paths';
import { ensureHostTools } from './install';

const timeoutMs = Number(process.env.PANOPTO_HOST_TIMEOUT_MS ?? 180_000);

async function main(): Promise<number> {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  await ensureHostTools();
  console.log(`[host] tools ready (${seconds()})`);
  await buildForHost();
  console.log(`[host] built (${seconds()})`);

  const runDir = runDirectory('host');
  mkdirSync(runDir, { recursive: true });
  let devServer: HostDevServer | undefined;
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    if (devServerAvailable()) {
      devServer = await startHostDevServer();
      console.log(`[host] dev server at ${devServer.baseUrl}`);
    } else {
      console.log('[host] devserver/server.ts not there yet: suites that need it are skipped');
    }
    codeServer = await startCodeServer({
      logFile: path.join(runDir, 'code-server.log'),
      settings: devServer ? { 'panopto.serverUrl': devServer.baseUrl, 'panopto.clientId': devClient.id } : {},
      trustedDomains: devServer ? [devServer.baseUrl] : [],
      // A second extension that uses the exported API as a third party would (suite/api.test.ts).
      extensions: [
        { folderName: 'panopto-community.panopto-auth-fixture-0.0.1', path: path.join(repoRoot, 'test', 'fixtures', 'auth-fixture') },
      ],
      env: {
        PANOPTO_HOST_CONSOLE_MARKER: consoleMarker,
        PANOPTO_TEST_DEV_SERVER_URL: devServer?.baseUrl ?? '',
        PANOPTO_HOST_GREP: process.env.PANOPTO_HOST_GREP ?? '',
      },
    });
    console.log(`[host] code-server at ${codeServer.url} (${seconds()})`);
    browser = await launchBrowser({ allowPopups: true });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const assistant = devServer
      ? startAssistant(browser.context, page, {
          devServerUrl: devServer.baseUrl,
          userName: 'ada',
          clientSecret: devClient.secret,
          log: (line) => console.log(line),
        })
      : undefined;
    const outcome = await runHostTests(page, codeServer, repoRoot, path.join(repoRoot, 'out/test/host/suite/index'), timeoutMs);
    assistant?.stop();
    writeFileSync(path.join(runDir, 'host-tests.log'), outcome.lines.join('\n'));
    if (outcome.exitCode !== 0) await page.screenshot({ path: path.join(runDir, 'host-tests-failed.png') }).catch(() => undefined);
    console.log(outcome.lines.join('\n'));
    console.log(`[host] extension host exited ${outcome.exitCode} after ${seconds()}; logs in ${path.relative(repoRoot, runDir)}`);
    return outcome.exitCode === 0 ? 0 : 1;
  } finally {
    await browser?.close();
    await codeServer?.close();
    await devServer?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[host] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
