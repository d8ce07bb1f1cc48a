// `npm run demo`: the extension against the built-in Panopto dev server, in a real VS Code
// (code-server) that you open in your browser. Builds the extension, installs code-server on first
// use (into .tools/, ~1 min), starts the dev server on 127.0.0.2:9400 and code-server on
// 127.0.0.1:8080 (or the next free port), with a throwaway profile whose settings point at the dev
// server, prints what to open and who to sign in as, and runs until Ctrl-C.
//
// Why 127.0.0.2: code-server rewrites every 127.0.0.1:PORT / localhost:PORT URL that an extension
// opens into its port proxy and drops the path, which would break the sign-in page's URL.
import path from 'node:path';
import { startCodeServer, type CodeServer } from '../test/host/harness/codeServer';
import { devClient, devServerHost, startHostDevServer, type HostDevServer } from '../test/host/harness/devServer';
import { repoRoot, runDirectory } from '../test/host/harness/paths';
import { freePort, runToEnd } from '../test/host/harness/processes';
import { ensureHostTools } from '../test/host/install';
import { seedUsers } from '../devserver/seedUsers';
import { mkdirSync } from 'node:fs';

const devPort = Number(process.env.PANOPTO_DEV_PORT ?? 9400);
const codePort = Number(process.env.PANOPTO_DEMO_PORT ?? 8080);
const codeHost = process.env.PANOPTO_DEMO_HOST ?? '127.0.0.1';

async function portOrFree(host: string, wanted: number): Promise<number> {
  const { createServer } = await import('node:net');
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(wanted, host, () => probe.close(() => resolve(true)));
  });
  return free ? wanted : freePort(host);
}

function dotEnv(serverUrl: string): string {
  return [
    '# Settings for the Panopto dev server started by `npm run demo`.',
    '# In VS Code: "Panopto: Import .env File…" and pick this file (the secret goes to SecretStorage).',
    `PANOPTO_SERVER_URL=${serverUrl}`,
    `PANOPTO_CLIENT_ID=${devClient.id}`,
    `PANOPTO_CLIENT_SECRET=${devClient.secret}`,
    'PANOPTO_REDIRECT_URI=http://localhost:9127/redirect',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  console.log('[demo] building the extension…');
  await runToEnd(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot });
  await ensureHostTools();

  let devServer: HostDevServer | undefined;
  let codeServer: CodeServer | undefined;
  const stop = async () => {
    await codeServer?.close().catch(() => undefined);
    await devServer?.close().catch(() => undefined);
  };
  try {
    devServer = await startHostDevServer({ port: await portOrFree(devServerHost, devPort) });
    const runDir = runDirectory('demo');
    mkdirSync(runDir, { recursive: true });
    codeServer = await startCodeServer({
      host: codeHost,
      port: await portOrFree(codeHost, codePort),
      logFile: path.join(runDir, 'code-server.log'),
      trustedDomains: [devServer.baseUrl],
      settings: {
        'panopto.serverUrl': devServer.baseUrl,
        'panopto.clientId': devClient.id,
        'panopto.redirectUri': 'http://localhost:9127/redirect',
      },
      extensions: [{ folderName: `panopto-community.vscode-panopto-${process.env.npm_package_version ?? '0.1.0'}`, path: repoRoot }],
      workspaceFiles: {
        'panopto-dev.env': dotEnv(devServer.baseUrl),
        'README-demo.md': [
          '# Panopto for VS Code: demo workspace',
          '',
          '1. Open the Accounts menu (bottom left) and choose **Sign in with Panopto**.',
          `   If asked for the client secret, enter \`${devClient.secret}\`, or run **Panopto: Import .env File…** and pick \`panopto-dev.env\`.`,
          '2. Log in on the dev server page that opens, as one of the demo users.',
          '3. Browse the **Panopto** view in the activity bar; right-click `lecture-demo.mp4` → **Upload to Panopto…**.',
          '',
        ].join('\n'),
        'lecture-demo.mp4': Buffer.alloc(256 * 1024, 7),
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const users = seedUsers.map((u) => `    ${u.userName.padEnd(8)} ${u.displayName}`);
  console.log(
    [
      '',
      'Panopto for VS Code demo is running.',
      '',
      `  Open:            ${codeServer.workbenchUrl()}`,
      `  Dev server:      ${devServer.baseUrl}  (client id ${devClient.id})`,
      `  Client secret:   ${devClient.secret}  (asked once; or "Panopto: Import .env File…" → panopto-dev.env)`,
      '',
      'Demo users (type or pick one on the sign-in page):',
      ...users,
      '',
      'Sign in from the Accounts menu (bottom left). Press Ctrl-C to stop; the profile is thrown away.',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  console.log('\n[demo] stopping…');
  await stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
