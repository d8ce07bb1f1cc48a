// The ways a sign-in or a token renewal can fail, as types the adapter can tell apart.
// Every message is already fit to show a user (localised, no secrets, no stack).
import * as l10n from '@vscode/l10n';

/** The user cancelled. Shown as nothing. */
export class SignInCancelledError extends Error {
  constructor() {
    super(l10n.t('Sign-in was cancelled.'));
    this.name = 'SignInCancelledError';
  }
}

export class SignInTimeoutError extends Error {
  constructor(minutes: number) {
    super(l10n.t('Sign-in timed out after {0} minutes without an answer from the browser.', minutes));
    this.name = 'SignInTimeoutError';
  }
}

/** The user (or the site's policy) declined the request on Panopto's consent page. */
export class AccessDeniedError extends Error {
  constructor(description?: string) {
    super(
      description
        ? l10n.t('Panopto did not allow the sign-in: {0}', description)
        : l10n.t('Panopto did not allow the sign-in (access denied). Sign in again and allow access to continue.'),
    );
    this.name = 'AccessDeniedError';
  }
}

/** Panopto's authorize endpoint answered with an OAuth error other than access_denied. */
export class AuthorizationError extends Error {
  /** The site's error_description, as one short line (signInErrors.ts shows it). */
  readonly description?: string;

  constructor(
    readonly code: string,
    description?: string,
  ) {
    // Both come from the redirect URL, which anyone can craft: keep the message one short line.
    super(l10n.t('Panopto refused the sign-in ({0}){1}', clip(code, 60), description ? `: ${clip(description, 200)}` : '.'));
    this.name = 'AuthorizationError';
    this.description = description ? clip(description, 200) : undefined;
  }
}

/** A setting is missing or unusable; `setting` names it so the UI can open it. */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly setting?: string,
  ) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export class LoopbackPortBusyError extends Error {
  constructor(readonly port: number) {
    super(
      l10n.t(
        'Port {0} on 127.0.0.1 is in use by another program, so the sign-in redirect cannot be received there. Close the other program or register another redirect URL.',
        port,
      ),
    );
    this.name = 'LoopbackPortBusyError';
  }
}

/** The grant behind a session is gone (revoked, expired, reused): only a new sign-in helps. */
export class GrantRevokedError extends Error {
  constructor() {
    super(l10n.t('Your Panopto sign-in has expired or was revoked. Sign in again to continue.'));
    this.name = 'GrantRevokedError';
  }
}

/** The token endpoint could not be reached or answered 5xx; the session is kept. */
export class TokenServiceUnavailableError extends Error {
  constructor(detail: string) {
    super(l10n.t('Could not renew the Panopto sign-in ({0}). Try again in a moment.', detail));
    this.name = 'TokenServiceUnavailableError';
  }
}

/** Any other failure of the token exchange or discovery, with a short cause. `renewal` when it
 *  happened while renewing a session, so the message does not speak of a sign-in the user never started. */
export class SignInFailedError extends Error {
  /** The site's OAuth error code (`invalid_client`, `invalid_grant`, …) when it sent one; signInErrors.ts maps it to a fix. */
  readonly oauthError?: string;

  constructor(detail: string, renewal = false, details: { oauthError?: string; cause?: unknown } = {}) {
    super(renewal ? l10n.t('Renewing the Panopto sign-in failed: {0}', detail) : l10n.t('Sign-in to Panopto failed: {0}', detail), {
      cause: details.cause,
    });
    this.name = 'SignInFailedError';
    this.oauthError = details.oauthError;
  }
}

function clip(text: string, max: number): string {
  // Line breaks and other control characters would break the one line (and can fake a stack trace).
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
