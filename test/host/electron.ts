// `npm run test:electron`: the same extension-host suites under @vscode/test-electron, for machines
// that can download VS Code (it fetches VS Code 1.100.3 from update.code.visualstudio.com on first
// run; not possible on our CI machines, so this is not part of `npm test`). @vscode/test-electron
// 2.5.2 (the newest for Node 20) is installed into .tools/test-electron on first use, like
// code-server, so the extension's own devDependencies stay lean.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildForHost } from './harness/build';
import { devClient, startHostDevServer } from './harness/devServer';
import { repoRoot } from './harness/paths';
import { runToEnd } from './harness/processes';

const testElectronVersion = '2.5.2';
const vscodeVersion = process.env.PANOPTO_VSCODE_VERSION ?? '1.100.3';
const toolsDir = path.join(repoRoot, '.tools', 'test-electron');

/** The module's exports: plain functions, safe to destructure. */
interface TestElectron {
  runTests: (options: {
    version?: string;
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    launchArgs?: string[];
    extensionTestsEnv?: Record<string, string | undefined>;
  }) => Promise<number>;
}

async function loadTestElectron(): Promise<TestElectron> {
  const entry = path.join(toolsDir, 'node_modules', '@vscode', 'test-electron', 'out', 'index.js');
  if (!existsSync(entry)) {
    mkdirSync(toolsDir, { recursive: true });
    writeFileSync(path.join(toolsDir, 'package.json'), JSON.stringify({ name: 'panopto-test-electron', private: true }));
    await runToEnd('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `@vscode/test-electron@${testElectronVersion}`], {
      cwd: toolsDir,
    });
  }
  return (await import(entry)) as TestElectron;
}

async function main(): Promise<number> {
  await buildForHost();
  const { runTests } = await loadTestElectron();
  // Electron's extension host is local, so the dev server can stay on 127.0.0.1 here.
  const devServer = await startHostDevServer({ host: '127.0.0.1' });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'panopto-electron-'));
  try {
    const userDataDir = path.join(profile, 'user-data');
    const workspace = path.join(profile, 'workspace');
    mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    mkdirSync(workspace, { recursive: true });
    writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({
        'panopto.serverUrl': devServer.baseUrl,
        'panopto.clientId': devClient.id,
        'telemetry.telemetryLevel': 'off',
      }),
    );
    await runTests({
      version: vscodeVersion,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out/test/host/suite/index'),
      launchArgs: [
        workspace,
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        path.join(profile, 'extensions'),
        '--disable-workspace-trust',
      ],
      extensionTestsEnv: { PANOPTO_TEST_DEV_SERVER_URL: devServer.baseUrl, PANOPTO_HOST_GREP: process.env.PANOPTO_HOST_GREP },
    });
    return 0;
  } finally {
    await devServer.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[electron] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
