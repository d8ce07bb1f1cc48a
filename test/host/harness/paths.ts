// Where the host harness keeps what it installs and what a run leaves behind.
// Everything here is ignored by git (.tools/, .test-runs/, out/).
// (These scripts run as CommonJS under tsx: the package has no "type": "module", hence __dirname.)
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

/** code-server 4.100.3 = VS Code 1.100.3, the newest whose engines.node accepts Node 20. Keep in step with engines.vscode. */
export const codeServerVersion = '4.100.3';
export const codeServerDir = path.join(repoRoot, '.tools', 'code-server');
export const codeServerPackageJson = path.join(codeServerDir, 'node_modules', 'code-server', 'package.json');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumPath = process.env.PANOPTO_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** The folder a run keeps: screenshots, logs. One per runner invocation. */
export function runDirectory(label: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(repoRoot, '.test-runs', `${stamp}-${label}`);
}

/** The extension's id and the folder name VS Code expects in an extensions dir. */
export const extensionId = 'panopto-community.vscode-panopto';
export const fixtureExtensionId = 'panopto-community.panopto-auth-fixture';
