// The interactive authorization-code sign-in, without VS Code: state and nonce always, PKCE (S256)
// when asked, the browser opened through an injected function, the redirect awaited on the chosen
// route, a timeout, cancellation, and the code exchange with ID-token validation.
import type * as oidc from 'openid-client';
import * as l10n from '@vscode/l10n';
import { registerSecret, type Log } from '../util/log';
import type { Clock } from './clock';
import {
  AccessDeniedError,
  AuthorizationError,
  LoopbackPortBusyError,
  SignInCancelledError,
  SignInFailedError,
  SignInTimeoutError,
} from './errors';
import { chooseRoutes, type ExtensionHostKind, type RedirectRoute } from './signInRoutes';
import { listenAddressFor, type LoopbackLease, type LoopbackServers } from './loopbackServer';
import type { OAuthClient, TokenResult } from './oauthClient';
import type { RedirectRouter } from './redirectRouter';
import { signInResultPage } from './signInErrors';
import { vendor } from '../vendor/load';

export const SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000;

/** What the sign-in needs from the user interface (VS Code in the extension, a fake in tests). */
export interface SignInUi {
  /** Opens the URL in the user's browser; false when it could not (the adapter then offers to copy it). */
  openUrl(url: string): Promise<boolean>;
  /** The externally reachable form of our own callback URI (env.asExternalUri). Identity when absent. */
  externalUri?(uri: string): Promise<string>;
  /**
   * The paste route: asks for the whole URL the browser ended on; undefined = cancelled. `reason`
   * says why the usual route is not used (e.g. the loopback port is busy), fit to show.
   */
  askForRedirectUrl?(authorizeUrl: string, signal: AbortSignal, reason?: string): Promise<string | undefined>;
  /**
   * Asked before anything is sent: false ends the sign-in as cancelled. The extension uses it to say
   * which sign-in settings come from the workspace (site.ts, WorkspaceSettingsNotice).
   */
  beforeSignIn?(): Promise<boolean>;
}

export interface SignInDependencies {
  router: RedirectRouter;
  loopback: LoopbackServers;
  ui: SignInUi;
  clock: Clock;
  log: Log;
}

export interface SignInRequest {
  oauth: OAuthClient;
  redirectUri: string;
  scopes: readonly string[];
  usePkce: boolean;
  hostKind: ExtensionHostKind;
  /** The user asked to finish by pasting the redirect URL (no listener, no UriHandler). */
  preferPaste?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Extra authorization parameters, e.g. prompt=select_account when adding an account. */
  extra?: Record<string, string>;
}

export interface SignInOutcome {
  tokens: TokenResult;
  claims: oidc.IDToken;
}

export async function runAuthorizationCodeFlow(deps: SignInDependencies, request: SignInRequest): Promise<SignInOutcome> {
  const { log, clock } = deps;
  const timeoutMs = request.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(new SignInCancelledError());
  request.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (request.signal?.aborted) {
    onOuterAbort();
  }
  const timer = clock.setTimeout(() => abort.abort(new SignInTimeoutError(Math.round(timeoutMs / 60000))), timeoutMs);
  let lease: LoopbackLease | undefined;
  // The loopback tab's page, shown only once the code exchange has succeeded or failed.
  let showResultPage: ((error?: unknown) => void) | undefined;
  try {
    if (deps.ui.beforeSignIn && !(await deps.ui.beforeSignIn())) {
      throw new SignInCancelledError();
    }
    const openid = vendor().oidc; // openid-client, loaded on first use (src/vendor/load.ts)
    const state = openid.randomState();
    const nonce = openid.randomNonce();
    const codeVerifier = request.usePkce ? openid.randomPKCECodeVerifier() : undefined;
    [state, nonce, codeVerifier].forEach(registerSecret);
    const codeChallenge = codeVerifier ? await openid.calculatePKCECodeChallenge(codeVerifier) : undefined;

    const routes = chooseRoutes(request.redirectUri, { hostKind: request.hostKind, preferPaste: request.preferPaste });
    const { route, lease: acquired, fallbackReason } = await openRoute(deps, routes);
    lease = acquired;
    if (acquired) {
      const settle = acquired.expectResult(state);
      showResultPage = (error) =>
        settle({ ok: error === undefined, ...signInResultPage(error, { usePkce: request.usePkce, now: new Date(clock.now()) }) });
    }
    const redirectUri =
      route.kind === 'uriHandler' && deps.ui.externalUri ? await deps.ui.externalUri(route.redirectUri) : route.redirectUri;

    const redirect = deps.router.wait(state, abort.signal);
    redirect.catch(() => undefined); // observed below; avoid an unhandled rejection if we fail earlier
    const authorizeUrl = await request.oauth.authorizationUrl({
      redirectUri,
      scopes: request.scopes,
      state,
      nonce,
      codeChallenge,
      extra: request.extra,
    });
    log.info(
      `Signing in to ${request.oauth.site.serverUrl} via ${route.kind} (scopes: ${request.scopes.join(' ')}; PKCE ${codeChallenge ? 'on' : 'off'})`,
    );

    const opened = await deps.ui.openUrl(authorizeUrl.href);
    if (!opened) {
      log.warn('The browser could not be opened for sign-in; the user was offered the URL to copy');
    }
    if (route.kind === 'paste') {
      void collectPastedUrl(deps, authorizeUrl.href, abort, { reason: fallbackReason, dismissCancels: true });
    } else if (route.kind === 'loopback' && route.withPasteBox) {
      // Remote host: the browser may not reach our listener (signInRoutes.ts). Whichever brings a redirect
      // with the right state first wins; closing this box leaves the listener waiting.
      const reason = l10n.t(
        'VS Code runs this extension on a remote machine, which your browser may not reach at {0}. If the browser ends on a page there that does not load, use this box.',
        route.redirectUri,
      );
      void collectPastedUrl(deps, authorizeUrl.href, abort, { reason, dismissCancels: false });
    }

    const response = await redirect;
    const error = response.get('error');
    if (error) {
      log.warn(`The site answered the sign-in with error ${error}`);
      throw error === 'access_denied'
        ? new AccessDeniedError()
        : new AuthorizationError(error, response.get('error_description') ?? undefined);
    }
    const exchanged = await request.oauth.exchangeCode({
      redirectUri,
      response,
      expectedState: state,
      expectedNonce: nonce,
      codeVerifier,
    });
    // The token's lifetime counts from its arrival, not from whenever the session gets recorded.
    const tokens: TokenResult = { ...exchanged, receivedAt: clock.now() };
    if (!tokens.claims) {
      throw new SignInFailedError(l10n.t('the site returned no ID token'));
    }
    showResultPage?.();
    return { tokens, claims: tokens.claims };
  } catch (error) {
    // Prefer the reason of the abort (cancel, timeout) over whatever it interrupted.
    const reason = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : error;
    showResultPage?.(reason);
    throw reason;
  } finally {
    timer.dispose();
    request.signal?.removeEventListener('abort', onOuterAbort);
    if (!abort.signal.aborted) {
      abort.abort(new SignInCancelledError());
    }
    // Closing the listener is cleanup: the sign-in's result does not wait for it.
    lease?.release().catch((error: unknown) => log.warn(`Could not stop the sign-in listener: ${String(error)}`));
  }
}

/**
 * Starts the first route that can start. The paste route is a first choice only where nothing else
 * can work (it is listed first then); otherwise it is the fallback after a busy loopback port.
 */
async function openRoute(
  deps: SignInDependencies,
  routes: RedirectRoute[],
): Promise<{ route: RedirectRoute; lease?: LoopbackLease; fallbackReason?: string }> {
  let busy: LoopbackPortBusyError | undefined;
  for (const [index, route] of routes.entries()) {
    switch (route.kind) {
      case 'loopback':
        try {
          return { route, lease: await deps.loopback.acquire(route.port, route.path, listenAddressFor(route.redirectUri)) };
        } catch (error) {
          if (!(error instanceof LoopbackPortBusyError)) {
            throw error;
          }
          busy = error;
          continue;
        }
      case 'uriHandler':
        return { route };
      case 'paste':
        if (deps.ui.askForRedirectUrl && (index === 0 || busy)) {
          deps.log.info('Falling back to the paste-the-URL sign-in route');
          return { route, fallbackReason: busy?.message };
        }
        continue;
    }
  }
  throw busy ?? new SignInFailedError(l10n.t('no way to receive the sign-in redirect is available here'));
}

/**
 * The paste route: the user copies the URL the browser ended on; its state is checked by the router.
 * `dismissCancels`: closing the box ends the sign-in (false when another route is also waiting).
 */
async function collectPastedUrl(
  deps: SignInDependencies,
  authorizeUrl: string,
  abort: AbortController,
  { reason, dismissCancels }: { reason?: string; dismissCancels: boolean },
): Promise<void> {
  const ui = deps.ui;
  if (!ui.askForRedirectUrl) {
    return;
  }
  // Called as a method, so an implementation may use `this`.
  const ask = (url: string, signal: AbortSignal, why?: string) => ui.askForRedirectUrl!(url, signal, why);
  try {
    for (;;) {
      const text = await ask(authorizeUrl, abort.signal, reason);
      if (text === undefined) {
        if (dismissCancels && !abort.signal.aborted) {
          abort.abort(new SignInCancelledError());
        }
        return;
      }
      let params: URLSearchParams;
      try {
        params = new URL(text.trim()).searchParams;
      } catch {
        deps.log.warn('The pasted sign-in URL was not a URL');
        continue;
      }
      if (deps.router.deliver(params, 'paste') === 'accepted') {
        return;
      }
    }
  } catch (error) {
    if (dismissCancels && !abort.signal.aborted) {
      abort.abort(error instanceof Error ? error : new SignInCancelledError());
    }
  }
}
