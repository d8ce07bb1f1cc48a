// `npm run dev-server`: starts the Panopto dev server on PANOPTO_DEV_HOST:PANOPTO_DEV_PORT
// (127.0.0.1:9400), prints the VS Code settings and demo users to use, and stops on Ctrl-C.
import { devClient, devUserClient } from './oauth/clients';
import { seedUsers } from './seedUsers';
import { startDevServer, type DevServer } from './server';
import { SwitchError, switchesFromEnv, type Switches } from './switches';

function banner(server: DevServer): string {
  const users = seedUsers.map((u) => `    ${u.userName.padEnd(8)} ${u.displayName} (${u.role}; password-grant user key ${u.userKey})`);
  const switches = Object.entries(server.switches).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return [
    `Panopto dev server listening on ${server.baseUrl}`,
    `  OAuth issuer: ${server.issuer}`,
    '',
    'VS Code settings (settings.json):',
    `    "panopto.serverUrl": "${server.baseUrl}",`,
    `    "panopto.clientId": "${devClient.clientId}",`,
    `    "panopto.redirectUri": "${devClient.redirectUris[0]}"`,
    `  Client secret (enter it with "Panopto: Set Client Secret"): ${devClient.clientSecret}`,
    `  Password-grant client: ${devUserClient.clientId} / ${devUserClient.clientSecret}`,
    `  Registered redirect URIs: ${devClient.redirectUris.join(', ')} (+ PANOPTO_DEV_REDIRECT_URIS)`,
    '',
    'Demo users (pick one on the sign-in page):',
    ...users,
    '',
    `Switches (PANOPTO_DEV_<NAME>, or POST ${server.baseUrl}/__dev/switches): ${switches.join(' ')}`,
    `Admin: GET /__dev/stats, POST /__dev/stats/reset, POST /__dev/revoke-all (see devserver/README.md)`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  let switches: Partial<Switches>;
  try {
    switches = switchesFromEnv();
  } catch (error) {
    if (error instanceof SwitchError) {
      console.error(`panopto dev server: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }

  let server: DevServer;
  try {
    server = await startDevServer({ switches });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EADDRINUSE'
        ? `port ${process.env.PANOPTO_DEV_PORT ?? 9400} is already in use (set PANOPTO_DEV_PORT to another port)`
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`panopto dev server: could not start: ${message}`);
    process.exitCode = 1;
    return;
  }
  console.log(banner(server));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the Panopto dev server…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('panopto dev server: error while stopping:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
