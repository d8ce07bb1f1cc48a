// Which way the browser's redirect comes back to us, from `panopto.redirectUri` (CONTRACT.md):
// a loopback `http://localhost:PORT/PATH` or `http://127.0.0.1:PORT/PATH` value is received by our
// listener on 127.0.0.1; anything else (e.g. `vscode://panopto-community.vscode-panopto/did-authenticate`)
// arrives through VS Code's UriHandler.
//
// Seam for issue 6: `hostKind` says where the extension host runs. A loopback listener in a remote
// or web extension host cannot be reached by the user's browser, so there the loopback route is not
// offered first; the "paste the redirect URL" route is the fallback that works everywhere.
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
  if (!url.port) {
    throw new ConfigurationError(
      l10n.t('"panopto.redirectUri" must name a port for a loopback redirect, for example http://localhost:9127/redirect.'),
      'panopto.redirectUri',
    );
  }
  return { kind: 'loopback', redirectUri: redirectUri.trim(), port: Number(url.port), path: url.pathname || '/' };
}

/**
 * The routes to try, best first. The setting decides the primary route (CONTRACT.md). A loopback
 * listener in a remote or web extension host may sit on a machine the browser cannot reach (in
 * code-server on one machine it can), so there the paste-the-URL route follows as a fallback, as it
 * does when the loopback port is busy. Issue 6 refines this table; callers only walk the list.
 */
export function chooseRoutes(redirectUri: string, context: RouteContext): RedirectRoute[] {
  const loopback = loopbackRouteFor(redirectUri);
  if (loopback) {
    const paste: PasteRoute = { kind: 'paste', redirectUri: loopback.redirectUri };
    return context.hostKind === 'web' ? [paste] : [loopback, paste];
  }
  return [{ kind: 'uriHandler', redirectUri: redirectUri.trim() }, { kind: 'paste', redirectUri: redirectUri.trim() }];
}
