// Starts the Panopto dev server (devserver/server.ts) in this process,
// on 127.0.0.2: code-server rewrites every URL an extension opens on 127.0.0.1:PORT or
// localhost:PORT into its port proxy and loses the path (see codeServer.ts), so an
// authorize URL on 127.0.0.1 would arrive broken. Loaded lazily so the harness works (and says
// why) before the dev server has landed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

export interface HostDevServer {
  readonly baseUrl: string;
  readonly issuer: string;
  close(): Promise<void>;
}

export interface HostDevServerOptions {
  host?: string;
  port?: number;
  extraRedirectUris?: string[];
}

type StartDevServer = (options?: Record<string, unknown>) => Promise<HostDevServer>;

export const devServerHost = '127.0.0.2';
const serverModule = path.join(repoRoot, 'devserver', 'server.ts');

export function devServerAvailable(): boolean {
  return existsSync(serverModule);
}

export async function startHostDevServer(options: HostDevServerOptions = {}): Promise<HostDevServer> {
  const module = (await import(serverModule)) as { startDevServer?: StartDevServer };
  if (typeof module.startDevServer !== 'function') throw new Error(`${serverModule} does not export startDevServer`);
  return module.startDevServer({ host: devServerHost, port: 0, ...options });
}

/** The seeded API client the extension is configured with in tests and the demo (devserver/README.md, "Clients and users"). */
export const devClient = { id: 'vscode-panopto-dev', secret: 'dev-secret-not-for-production' } as const;
