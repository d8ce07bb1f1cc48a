// The loopback listener for the `http://localhost:PORT/PATH` redirect (Panopto's samples register
// http://localhost:9127/redirect). It binds the loopback address the redirect URI names — 127.0.0.1
// for `localhost`, otherwise that very address (127.0.0.2, [::1]) — and never all interfaces (RFC 8252
// §8.3), runs only while at least one sign-in waits for it, serves nothing but the redirect path, and
// hands what arrives to the RedirectRouter. Written on node:http: it is a dozen lines of routing
// and no library adds safety here.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as l10n from '@vscode/l10n';
import type { Log } from '../util/log';
import { ConfigurationError, LoopbackPortBusyError } from './errors';
import type { RedirectRouter } from './redirectRouter';

export const LOOPBACK_HOST = '127.0.0.1';

/**
 * The address to listen on for a loopback redirect URI: the one the browser will connect to.
 * `localhost` is 127.0.0.1 (browsers try it; binding it avoids depending on how the system resolves
 * the name); an IPv4 loopback address or `[::1]` is used as written. Anything else cannot be served.
 */
export function listenAddressFor(redirectUri: string): string {
  let hostname: string;
  try {
    hostname = new URL(redirectUri.trim()).hostname.toLowerCase();
  } catch {
    hostname = '';
  }
  if (hostname === 'localhost') {
    return LOOPBACK_HOST;
  }
  if (hostname === '[::1]') {
    return '::1';
  }
  if (/^127(\.\d{1,3}){3}$/.test(hostname)) {
    return hostname;
  }
  throw new ConfigurationError(
    l10n.t(
      '"panopto.redirectUri" names a loopback address this computer cannot listen on: {0}. Use http://localhost:PORT/PATH.',
      redirectUri,
    ),
    'panopto.redirectUri',
  );
}

/** `host:port` as a URL would write it. */
function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

interface Listener {
  server: http.Server;
  paths: Map<string, number>;
  users: number;
  host: string;
  port: number;
  /** Per sign-in state: the page to show once that sign-in has ended (see LoopbackLease.expectResult). */
  results: Map<string, Promise<ResultPage>>;
  /** Result pages being written; the listener closes only after them. */
  answering: Set<Promise<void>>;
}

/** What the browser tab shows after the redirect: only once the code exchange has succeeded or failed. */
export interface ResultPage {
  ok: boolean;
  title: string;
  message: string;
}

/** The longest the browser tab waits for the code exchange before it gets a neutral page. */
const RESULT_PAGE_WAIT_MS = 60_000;

/** A claim on the listener for one waiting sign-in; release it when the sign-in ends. */
export interface LoopbackLease {
  /** The port actually bound (differs from the requested one only when 0 was asked). */
  readonly port: number;
  /**
   * The redirect carrying `state` is answered only when the returned function is called with the
   * sign-in's result (after the code exchange), so the tab says what really happened. Releasing the
   * lease settles what is still open with a neutral page.
   */
  expectResult(state: string): (page: ResultPage) => void;
  release(): Promise<void>;
}

export class LoopbackServers {
  private readonly listeners = new Map<string, Promise<Listener>>();

  constructor(
    private readonly router: RedirectRouter,
    private readonly log: Log,
  ) {}

  /**
   * Starts (or shares) the listener on host:port for `path`; host defaults to 127.0.0.1 (see
   * listenAddressFor). Throws LoopbackPortBusyError.
   */
  async acquire(port: number, path: string, host: string = LOOPBACK_HOST): Promise<LoopbackLease> {
    const key = hostPort(host, port);
    let pending = this.listeners.get(key);
    if (!pending) {
      pending = this.listen(host, port);
      this.listeners.set(key, pending);
      pending.catch(() => this.listeners.delete(key));
    }
    const listener = await pending;
    listener.users += 1;
    listener.paths.set(path, (listener.paths.get(path) ?? 0) + 1);
    let released = false;
    const settlers = new Map<string, (page: ResultPage) => void>();
    return {
      port: listener.port,
      expectResult: (state) => {
        let settle: (page: ResultPage) => void = () => undefined;
        listener.results.set(state, new Promise<ResultPage>((resolve) => (settle = resolve)));
        const once = (page: ResultPage) => {
          settle(page);
          settlers.delete(state);
          // Kept a moment for a redirect that is still being answered; the map must not grow.
          setTimeout(() => listener.results.delete(state), RESULT_PAGE_WAIT_MS).unref?.();
        };
        settlers.set(state, once);
        return once;
      },
      release: async () => {
        if (released) {
          return;
        }
        released = true;
        for (const settle of [...settlers.values()]) {
          settle(neutralPage());
        }
        listener.users -= 1;
        const count = (listener.paths.get(path) ?? 1) - 1;
        if (count <= 0) {
          listener.paths.delete(path);
        } else {
          listener.paths.set(path, count);
        }
        if (listener.users === 0) {
          this.listeners.delete(key);
          // The result pages settled above are written before every connection is closed.
          await Promise.allSettled([...listener.answering]);
          await closeServer(listener.server);
          this.log.info(`Stopped listening on ${hostPort(listener.host, listener.port)}`);
        }
      },
    };
  }

  private listen(host: string, port: number): Promise<Listener> {
    return new Promise((resolve, reject) => {
      const listener: Listener = {
        server: http.createServer(),
        paths: new Map(),
        users: 0,
        host,
        port,
        results: new Map(),
        answering: new Set(),
      };
      listener.server.on('request', (req, res) => this.handle(listener, req, res));
      listener.server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
          this.log.warn(`Cannot listen on ${hostPort(host, port)}: ${error.code}`);
          reject(new LoopbackPortBusyError(port));
        } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') {
          // e.g. [::1] on a machine without IPv6: say so instead of waiting for a redirect that cannot arrive.
          this.log.warn(`Cannot listen on ${hostPort(host, port)}: ${error.code}`);
          const message = l10n.t(
            'This computer cannot listen on {0} for the sign-in redirect. Set "panopto.redirectUri" to http://localhost:{1}/… instead.',
            host,
            String(port),
          );
          reject(new ConfigurationError(message, 'panopto.redirectUri'));
        } else {
          reject(error);
        }
      });
      listener.server.listen(port, host, () => {
        listener.port = (listener.server.address() as AddressInfo).port;
        this.log.info(`Listening for the sign-in redirect on ${hostPort(host, listener.port)}`);
        resolve(listener);
      });
    });
  }

  private handle(listener: Listener, req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = parseRequestTarget(req.url);
    if (!url) {
      // `GET //` or `GET /\` is no URL path; it is answered like any other request, never left hanging.
      respond(res, 400, l10n.t('Bad request'), l10n.t('This address only receives Panopto sign-in redirects.'));
      return;
    }
    if (req.method !== 'GET' || !listener.paths.has(url.pathname)) {
      respond(res, 404, l10n.t('Not found'), l10n.t('This address only receives Panopto sign-in redirects.'));
      return;
    }
    const result = listener.results.get(url.searchParams.get('state') ?? '');
    const outcome = this.router.deliver(url.searchParams, 'loopback');
    if (outcome !== 'accepted') {
      respond(
        res,
        400,
        l10n.t('Sign-in link not expected'),
        l10n.t('VS Code is not waiting for this sign-in. If you started a new sign-in, finish it in the newest browser tab.'),
      );
      return;
    }
    if (result) {
      // Answered after the code exchange (or its failure), never before: see expectResult.
      const answer = withDeadline(result, RESULT_PAGE_WAIT_MS).then((page) => respond(res, 200, page.title, page.message));
      listener.answering.add(answer);
      void answer.finally(() => listener.answering.delete(answer));
      return;
    }
    if (url.searchParams.has('error')) {
      respond(
        res,
        200,
        l10n.t('Sign-in did not complete'),
        l10n.t('Panopto did not allow the sign-in. You can close this tab and return to VS Code.'),
      );
      return;
    }
    respond(res, 200, l10n.t('Signed in to Panopto'), l10n.t('You can close this tab and return to VS Code.'));
  }
}

function neutralPage(): ResultPage {
  return {
    ok: false,
    title: l10n.t('Return to VS Code'),
    message: l10n.t('VS Code has the result of this sign-in. You can close this tab.'),
  };
}

function withDeadline(page: Promise<ResultPage>, ms: number): Promise<ResultPage> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(neutralPage()), ms);
    timer.unref?.();
    void page.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/**
 * The request's path and query, or undefined for a target that is not an origin-form path
 * (RFC 9112 §3.2.1). Parsed against a fixed base: `//` or `/\\` would otherwise read as a host
 * (`new URL('//', base)` throws), and an absolute-form target (`GET http://[ HTTP/1.1` gets past
 * Node's HTTP parser) names a host we do not serve. A throw here would escape the request handler
 * and leave the socket unanswered.
 */
function parseRequestTarget(target: string | undefined): URL | undefined {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return undefined;
  }
  try {
    return new URL(`http://loopback${target}`);
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function respond(res: http.ServerResponse, status: number, title: string, message: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    connection: 'close',
  });
  res.end(body);
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // The sign-in is over: nothing more will be served. Idle keep-alive connections and requests
    // still arriving (half-sent headers) would otherwise hold close() until Node's request timeout.
    server.closeAllConnections();
  });
}
