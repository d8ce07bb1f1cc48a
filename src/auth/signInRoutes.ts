// Which way the browser's redirect comes back to us, from `panopto.redirectUri` (see its description in package.json) and
// from where the extension host runs. A loopback `http://localhost:PORT/PATH` or
// `http://127.0.0.1:PORT/PATH` value is received by our listener on 127.0.0.1; anything else (e.g.
// `vscode://panopto-community.vscode-panopto/did-authenticate`) arrives through VS Code's UriHandler,
// passed through `env.asExternalUri` so that remote and web windows get a callback they can receive.
//
// The route table (`chooseRoutes` below, tested in test/unit/auth/signIn.test.ts):
//
//   panopto.redirectUri   host 'local'            host 'remote'                     host 'web'
//   loopback http         loopback, paste         loopback + paste box, paste       paste
//   anything else         uriHandler, paste       uriHandler, paste                 uriHandler, paste
//   (user asks to paste)  paste                   paste                             paste
//
// Why: a loopback listener works when it runs on the machine of the user's browser. In a local
// host it does. In a web host (vscode.dev: no Node, no sockets) it cannot exist. In a remote host
// (Remote-SSH, WSL, Codespaces, code-server) it listens on the REMOTE machine: the browser reaches it
// only when both are on one machine (code-server used locally) or VS Code forwards the port; we
// cannot tell which from inside the host. So there we listen AND show the paste box at once: if the
// redirect arrives, the box closes by itself; if the browser ends on an unreachable localhost page,
// the user pastes its address. That needs no up-front question, and an answer never strands the
// user. The UriHandler cannot stand in for a loopback redirect URI (the site only redirects to the
// registered URI), and a loopback URI is never passed through asExternalUri (code-server would
// rewrite it into its port proxy). The paste route follows last everywhere: it is used when the
// earlier routes cannot start (e.g. the loopback port is busy), and its `state` is checked like any
// other redirect.
import * as l10n from '@vscode/l10n';
import { ConfigurationError } from './errors';
import { isLoopbackHostname } from './site';

export type ExtensionHostKind = 'local' | 'remote' | 'web';

export interface LoopbackRoute {
  kind: 'loopback';
  /** Sent to the server exactly as registered (e.g. http://localhost:9127/redirect). */
  redirectUri: string;
  port: number;
  path: string;
  /** Remote host: also show the paste box while listening (the browser may not reach the listener). */
  withPasteBox?: boolean;
}

export interface UriHandlerRoute {
  kind: 'uriHandler';
  /** As configured; the adapter passes our own callback URI through env.asExternalUri. */
  redirectUri: string;
}

export interface PasteRoute {
  kind: 'paste';
  redirectUri: string;
}

export type RedirectRoute = LoopbackRoute | UriHandlerRoute | PasteRoute;

export interface RouteContext {
  hostKind: ExtensionHostKind;
  /** The user asked for the paste-the-URL route. */
  preferPaste?: boolean;
}

export function parseRedirectUri(raw: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw new ConfigurationError(l10n.t('"panopto.redirectUri" is not a valid URL: {0}', raw), 'panopto.redirectUri');
  }
}

/** The loopback route for this redirect URI, or undefined when it is not a loopback http URL. */
export function loopbackRouteFor(redirectUri: string): LoopbackRoute | undefined {
  const url = parseRedirectUri(redirectUri);
  if (url.protocol !== 'http:' || !isLoopbackHostname(url.hostname)) {
    return undefined;
  }
  // Port 0 is no port a browser can reach: the listener would bind some free port the site never
  // hears of, and the sign-in would wait for a redirect that cannot come.
  if (!url.port || url.port === '0') {
    throw new ConfigurationError(
      l10n.t('"panopto.redirectUri" must name a port for a loopback redirect, for example http://localhost:9127/redirect.'),
      'panopto.redirectUri',
    );
  }
  return { kind: 'loopback', redirectUri: redirectUri.trim(), port: Number(url.port), path: url.pathname || '/' };
}

/** The routes to try, best first (the table at the top of this file); callers only walk the list. */
export function chooseRoutes(redirectUri: string, context: RouteContext): RedirectRoute[] {
  const loopback = loopbackRouteFor(redirectUri);
  const paste: PasteRoute = { kind: 'paste', redirectUri: loopback?.redirectUri ?? redirectUri.trim() };
  if (context.preferPaste) {
    return [paste];
  }
  if (!loopback) {
    return [{ kind: 'uriHandler', redirectUri: redirectUri.trim() }, paste];
  }
  switch (context.hostKind) {
    case 'local':
      return [loopback, paste];
    case 'remote':
      return [{ ...loopback, withPasteBox: true }, paste];
    case 'web':
      return [paste];
  }
}
