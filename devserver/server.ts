// The Panopto dev server: one node:http server standing in for a Panopto site. It routes
//   `${issuerPath}/*`                                   → oauth.ts (oidc-provider)
//   /Panopto/api/v1/*                                   → rest.ts
//   /Panopto/PublicAPI/REST/sessionUpload*, /Panopto/Upload/* → upload.ts
//   /__dev/*                                            → admin.ts
// Tests start it in-process on port 0; `npm run dev-server` runs main.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminHandler } from './admin';
import { createDevContext, type DevContext, type DevPrincipal, type RouteHandler } from './context';
import { createOAuthServer } from './oauth';
import { sendJson, sendText } from './oauth/http';
import { handleRest } from './rest';
import { createStats, type Stats } from './stats';
import { applySwitches, defaultSwitches, type Switches } from './switches';
import { handleUpload } from './upload';
import { rewriteApiAnswer } from './faults';

export interface DevServerOptions {
  /** Default env PANOPTO_DEV_HOST or '127.0.0.1'. */
  host: string;
  /** Default env PANOPTO_DEV_PORT or 9400; tests pass 0. */
  port: number;
  /** Where the OAuth server lives; default '/Panopto/oauth2'. */
  issuerPath: string;
  switches?: Partial<Switches>;
  /** Where uploads are stored; default a fresh temp dir, removed on close. */
  uploadDir?: string;
  /** Redirect URIs registered on the dev client besides http://localhost:9127/redirect and
   *  http://127.0.0.1:9127/redirect (env PANOPTO_DEV_REDIRECT_URIS, comma separated). */
  extraRedirectUris?: string[];
}

export interface DevServer {
  /** 'http://127.0.0.1:PORT', no trailing slash. */
  baseUrl: string;
  /** baseUrl + issuerPath */
  issuer: string;
  /** Live and mutable: tests flip fields directly. */
  switches: Switches;
  stats: Stats;
  uploadDir: string;
  /** Revokes every grant and token now (as POST /__dev/revoke-all). */
  revokeAll(): void;
  /** Who an access token belongs to (what DevContext.authenticate resolves), without recording it
   *  in stats; undefined when unknown, expired or revoked. For tests. */
  principalFor(accessToken: string): Promise<DevPrincipal | undefined>;
  /** Stops listening, drops open connections; safe to call twice. */
  close(): Promise<void>;
}

export const defaultIssuerPath = '/Panopto/oauth2';

function envPort(): number {
  const raw = process.env.PANOPTO_DEV_PORT;
  if (raw === undefined || raw.trim() === '') return 9400;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PANOPTO_DEV_PORT must be a port number (0-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}

function envRedirectUris(): string[] {
  return (process.env.PANOPTO_DEV_REDIRECT_URIS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function normalizeIssuerPath(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.replace(/\/+$/, '');
}

/** The part of the context that upload.ts may additionally read (uploadDir). */
export type DevServerContext = DevContext & { uploadDir: string };

export async function startDevServer(options: Partial<DevServerOptions> = {}): Promise<DevServer> {
  const host = options.host ?? process.env.PANOPTO_DEV_HOST ?? '127.0.0.1';
  const port = options.port ?? envPort();
  const issuerPath = normalizeIssuerPath(options.issuerPath ?? defaultIssuerPath);
  const switches = applySwitches(defaultSwitches(), options.switches ?? {});
  const stats = createStats();
  const ownsUploadDir = options.uploadDir === undefined;
  const uploadDir = options.uploadDir ?? (await mkdtemp(join(tmpdir(), 'panopto-dev-upload-')));

  const sockets = new Set<Socket>();
  // Set below, once the OAuth server exists (its issuer needs the port, so the server listens first);
  // until then a request gets 503 'starting'.
  let routes: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined = undefined;
  const server = createServer((req, res) => {
    if (!routes) {
      sendText(res, 503, 'starting');
      return;
    }
    routes(req, res).catch((error: unknown) => {
      // A bug in a route: answer 500 once, keep serving. The message helps whoever runs the dev server.
      console.error('panopto dev server: unhandled error', error instanceof Error ? error.message : error);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'dev server bug; see its console' });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const baseUrl = `http://${host === 'localhost' ? 'localhost' : urlHost}:${address.port}`;
  const issuer = `${baseUrl}${issuerPath}`;

  let oauth: Awaited<ReturnType<typeof createOAuthServer>>;
  try {
    oauth = await createOAuthServer({
      issuer,
      issuerPath,
      switches,
      stats,
      extraRedirectUris: [...envRedirectUris(), ...(options.extraRedirectUris ?? [])],
    });
  } catch (error) {
    // Bad options (e.g. redirect URIs): release the port and the temp dir before reporting.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (ownsUploadDir) await rm(uploadDir, { recursive: true, force: true });
    throw error;
  }
  const ctx: DevServerContext = {
    ...createDevContext({ baseUrl, switches, stats, findPrincipal: (token) => oauth.principalFor(token) }),
    uploadDir,
  };
  const handleAdmin = createAdminHandler(() => oauth.revokeAll());
  const handlers: RouteHandler[] = [handleAdmin, handleRest, handleUpload];

  routes = async (req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    if (url.pathname.startsWith('/Panopto/api/v1/')) rewriteApiAnswer(res, switches.apiAnswerFault);
    if (await oauth.handle(req, res, url)) return;
    for (const handle of handlers) {
      if (await handle(req, res, url, ctx)) return;
    }
    sendJson(res, 404, { error: 'not_found', message: `The dev server has nothing at ${url.pathname}.` });
  };

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    issuer,
    switches,
    stats,
    uploadDir,
    revokeAll: () => oauth.revokeAll(),
    principalFor: (accessToken) => oauth.principalFor(accessToken),
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        if (ownsUploadDir) await rm(uploadDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
