// Starts code-server (a real VS Code workbench with a real Node extension host) with a throwaway
// profile: its own user-data, extensions and XDG folders under one temp folder, user settings
// preset, extensions linked in by folder name. Stopping it kills its whole process group.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry, codeServerPackageJson } from './paths';
import { freePort, spawnGroup, waitForHttp } from './processes';

export interface LinkedExtension {
  /** `publisher.name-version`, the folder name VS Code expects in an extensions dir. */
  folderName: string;
  /** The unpacked extension (a folder with package.json and its built main). */
  path: string;
}

export interface CodeServerOptions {
  /** Where code-server's log goes (kept after the run); VS Code's own logs (the extension's output
   *  channel among them) are copied next to it, into vscode-logs/, when code-server stops. */
  logFile: string;
  settings?: Record<string, unknown>;
  extensions?: LinkedExtension[];
  /** Extra environment for code-server and so for its extension hosts. */
  env?: Record<string, string>;
  /** Files to create in the opened workspace folder (relative path → content). */
  workspaceFiles?: Record<string, string | Buffer>;
  host?: string;
  port?: number;
  /**
   * Origins the workbench opens without "Do you want code-server to open the external website?".
   * 127.0.0.2 is not among the loopback names VS Code trusts by itself. The host runner needs this
   * (extension-test mode refuses every dialog) and the demo uses it for its own dev server; the e2e
   * suites leave it out and answer the dialog as a person would.
   */
  trustedDomains?: string[];
}

export interface CodeServer {
  /** http://HOST:PORT, no trailing slash. */
  readonly url: string;
  readonly authority: string;
  readonly workspaceFolder: string;
  readonly userDataDir: string;
  /** The workbench URL that opens the workspace folder. */
  workbenchUrl(extraQuery?: Record<string, string>): string;
  close(): Promise<void>;
}

/** The VS Code commit code-server serves its workbench under (/stable-<commit>/…). */
export function codeServerCommit(): string {
  const product = path.join(path.dirname(codeServerPackageJson), 'lib', 'vscode', 'product.json');
  return (JSON.parse(readFileSync(product, 'utf8')) as { commit: string }).commit;
}

/**
 * What env.asExternalUri(`code-oss://AUTHORITY/PATH`) gives in code-server 4.100.3 for the n-th
 * callback a window asks for: the page's origin + /stable-<commit>/callback with the URI in the
 * query. The counter (vscode-reqid) starts at 1 in every window load, so this URL is only
 * predictable for the first few sign-ins of a fresh window (seen with code-server 4.100.3).
 */
export function codeServerCallbackUri(origin: string, authority: string, uriPath: string, requestId: number): string {
  const query = [
    `vscode-reqid=${requestId}`,
    'vscode-scheme=code-oss',
    `vscode-authority=${encodeURIComponent(authority)}`,
    `vscode-path=${encodeURIComponent(uriPath)}`,
  ];
  return `${origin}/stable-${codeServerCommit()}/callback?${query.join('&')}`;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'panopto-code-server-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const workspaceFolder = path.join(root, 'workspace');
  for (const dir of [
    path.join(userDataDir, 'User'),
    extensionsDir,
    workspaceFolder,
    path.join(root, 'xdg-config'),
    path.join(root, 'xdg-data'),
  ]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': false,
        'window.commandCenter': false,
        ...options.settings,
      },
      null,
      2,
    ),
  );
  for (const extension of options.extensions ?? []) {
    symlinkSync(extension.path, path.join(extensionsDir, extension.folderName), 'dir');
  }
  for (const [name, content] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(path.dirname(path.join(workspaceFolder, name)), { recursive: true });
    writeFileSync(path.join(workspaceFolder, name), content);
  }

  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const url = `http://${host}:${port}`;
  const server = spawnGroup(
    process.execPath,
    [
      codeServerEntry,
      '--bind-addr',
      `${host}:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(options.trustedDomains ?? []).flatMap((domain) => ['--link-protection-trusted-domains', domain]),
      workspaceFolder,
    ],
    {
      cwd: root,
      logFile: options.logFile,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
        XDG_DATA_HOME: path.join(root, 'xdg-data'),
        // Where the suites can look at what the extension keeps on disk (its global storage).
        PANOPTO_TEST_USER_DATA_DIR: userDataDir,
        ...options.env,
      },
    },
  );
  const close = async () => {
    await server.stop();
    const logs = path.join(userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, path.join(path.dirname(options.logFile), 'vscode-logs'), { recursive: true, dereference: true });
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/healthz`, 60_000, () => server.child.exitCode === null);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url,
    authority: `${host}:${port}`,
    workspaceFolder,
    userDataDir,
    workbenchUrl(extraQuery = {}) {
      const query = new URLSearchParams({ folder: workspaceFolder, ...extraQuery });
      return `${url}/?${query.toString()}`;
    },
    close,
  };
}
