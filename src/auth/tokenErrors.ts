// What a failure of the site's OpenID provider (or the network on the way) means for the user:
// a short, secret-free description for the log and messages (describeError), and the typed error
// the provider acts on (mapTokenError: a refused client, a revoked grant, a service that is down, a
// failed sign-in). openid-client's error classes are recognised without loading the library.
import * as l10n from '@vscode/l10n';
import type { Log } from '../util/log';
import { loadedVendor, type Vendor } from '../vendor/load';
import { GrantRevokedError, SignInFailedError, TokenServiceUnavailableError } from './errors';

type OidcErrorName = 'ResponseBodyError' | 'WWWAuthenticateChallengeError' | 'AuthorizationResponseError' | 'ClientError';

/** `error instanceof` one of openid-client's error classes, without loading it: if it never ran, no error is one of them. */
function isOidcError<N extends OidcErrorName>(error: unknown, name: N): error is InstanceType<Vendor['oidc'][N]> {
  const loaded = loadedVendor()?.oidc;
  return loaded !== undefined && error instanceof loaded[name];
}

/** HTTP status of a failed openid-client call, when the server answered. */
function statusOf(error: unknown): number | undefined {
  if (isOidcError(error, 'ResponseBodyError')) {
    return error.status;
  }
  if (error instanceof Error && error.cause instanceof Response) {
    return error.cause.status;
  }
  return undefined;
}

function isNetworkError(error: unknown): boolean {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return true;
  }
  // fetch() rejects with TypeError('fetch failed') when the connection fails.
  if (error instanceof TypeError && /fetch failed|network|ECONN|socket/i.test(`${error.message} ${String(error.cause)}`)) {
    return true;
  }
  // openid-client wraps a timeout ("operation timed out") with the DOMException as its cause.
  return error instanceof Error && error.cause instanceof Error && isNetworkError(error.cause);
}

/** A short, secret-free description of an error from the OAuth library or the network. */
export function describeError(error: unknown): string {
  if (isOidcError(error, 'ResponseBodyError')) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''} (HTTP ${error.status})`;
  }
  const status = statusOf(error);
  // A 2xx status says nothing about what was wrong with the answer (e.g. a body that is not JSON).
  if (status !== undefined && status >= 300) {
    return `HTTP ${status}`;
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Turns a token-endpoint failure into one of the errors the provider acts on. */
export function mapTokenError(error: unknown, log: Log, what: string): Error {
  log.warn(`Token ${what} failed: ${describeError(error)}`);
  const renewal = what === 'refresh';
  const clientRefused = (oauthError: string) =>
    new SignInFailedError(
      l10n.t('the site did not accept the client id or client secret. Check "panopto.clientId" and run "Panopto: Set Client Secret".'),
      false,
      { oauthError },
    );
  // A client refused with HTTP Basic comes back as 401 with a WWW-Authenticate challenge.
  if (isOidcError(error, 'WWWAuthenticateChallengeError') && error.status === 401) {
    return clientRefused('invalid_client');
  }
  if (isOidcError(error, 'ResponseBodyError')) {
    if (error.error === 'invalid_grant') {
      // A refused refresh means the grant is gone; a refused code is a failed sign-in (often PKCE).
      return what === 'code exchange'
        ? new SignInFailedError(
            l10n.t(
              'the site refused the authorization code ({0}). If this site rejects PKCE, turn off "panopto.usePkce".',
              describeError(error),
            ),
            false,
            { oauthError: 'invalid_grant' },
          )
        : new GrantRevokedError();
    }
    if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
      return clientRefused(error.error);
    }
    if (error.status >= 500) {
      return new TokenServiceUnavailableError(`HTTP ${error.status}`);
    }
    return new SignInFailedError(describeError(error), renewal, { oauthError: error.error });
  }
  const status = statusOf(error);
  if ((status !== undefined && (status >= 500 || status === 429)) || isNetworkError(error)) {
    return new TokenServiceUnavailableError(describeError(error));
  }
  if (isOidcError(error, 'AuthorizationResponseError') || isOidcError(error, 'ClientError')) {
    return new SignInFailedError(describeError(error), renewal, { cause: error });
  }
  return new SignInFailedError(error instanceof Error ? describeError(error) : String(error), renewal, { cause: error });
}
