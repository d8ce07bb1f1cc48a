// Test helpers around the Panopto dev server: start one in-process (port 0, closed after the
// tests). Playing a browser over plain HTTP lives in devserver/browserSignIn.ts (the bench uses it too).
import { startDevServer, type DevServer, type DevServerOptions } from '../../devserver/server';
import { defaultSwitches, type Switches } from '../../devserver/switches';

export { devClient, devUserClient } from '../../devserver/oauth/clients';
export {
  browseToRedirect,
  clientConfiguration,
  CookieJar,
  serverMetadata,
  signInOverHttp,
  type BrowseOptions,
  type SignInOptions,
  type SignInResult,
} from '../../devserver/browserSignIn';
export { seedUsers, devIdentityProvider } from '../../devserver/seedUsers';
export type { DevServer } from '../../devserver/server';

const openServers = new Set<DevServer>();

/** The REST switches (page size, faults) at their defaults, for tests that flip them and put them back. */
export function restSwitchDefaults(): Partial<Switches> {
  const rest = (key: string) => key === 'pageSize' || key === 'apiAnswerFault' || key.startsWith('rest');
  return Object.fromEntries(Object.entries(defaultSwitches()).filter(([key]) => rest(key)));
}

/**
 * Starts a dev server on 127.0.0.1, port 0. Close it in your own after() hook, or the root hook
 * (test/support/rootHooks.ts) closes it when the mocha run ends.
 */
export async function startTestDevServer(options: Partial<DevServerOptions> = {}): Promise<DevServer> {
  const server = await startDevServer({ host: '127.0.0.1', port: 0, ...options });
  openServers.add(server);
  const close = server.close.bind(server);
  server.close = async () => {
    openServers.delete(server);
    await close();
  };
  return server;
}

/** For use inside describe(): starts a server before the suite, closes it after. */
export function useTestDevServer(options: Partial<DevServerOptions> = {}): () => DevServer {
  let server: DevServer | undefined;
  before(async () => {
    server = await startTestDevServer(options);
  });
  after(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (!server) throw new Error('the dev server is not running (use the accessor inside tests or hooks)');
    return server;
  };
}

export async function closeAllTestDevServers(): Promise<void> {
  await Promise.all([...openServers].map((s) => s.close()));
}
