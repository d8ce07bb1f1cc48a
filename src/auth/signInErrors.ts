// What a failed sign-in means and what fixes it: each cause the site or the browser can report is
// mapped to one message that names the setting or command that fixes it, and that command as an
// action (src/ui/errors.ts shows it as a button; the loopback page shows the message). Pure: no
// VS Code, no I/O, so it is unit-tested alone (test/unit/auth/signInErrors.test.ts).
// Panopto's client types and redirect rules: docs/panopto.md.
import * as l10n from '@vscode/l10n';
import { AccessDeniedError, AuthorizationError, SignInFailedError } from './errors';

/** A command that fixes the problem: `title` is the button, `command` and `args` what it runs. */
export interface FixAction {
  title: string;
  command: string;
  args?: unknown[];
}

export type SignInProblem =
  'clientRefused' | 'clientNotAllowed' | 'codeRefusedWithPkce' | 'codeRefused' | 'accessDenied' | 'siteError' | 'clockSkew';

export interface SignInAdvice {
  problem: SignInProblem;
  /** One message fit to show: what happened and what fixes it. No secret, no stack. */
  message: string;
  fix?: FixAction;
}

export interface SignInContext {
  usePkce: boolean;
  /** Now, for naming this computer's clock in a clock-skew message. */
  now: Date;
}

/** The oauth4webapi code of an ID token whose exp/iat/nbf does not fit the local clock. */
const JWT_TIMESTAMP_CHECK = 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED';

export const SET_CLIENT_SECRET_COMMAND = 'panopto.setClientSecret';
export const OPEN_SETTINGS_COMMAND = 'workbench.action.openSettings';

function openSetting(setting: string): FixAction {
  return { title: l10n.t('Open Settings'), command: OPEN_SETTINGS_COMMAND, args: [setting] };
}

function signInAgain(): FixAction {
  return { title: l10n.t('Sign In'), command: 'panopto.signIn' };
}

/** The error and its causes, outermost first (bounded). */
function chain(error: unknown): unknown[] {
  const errors: unknown[] = [];
  for (let current = error; current !== undefined && errors.length < 8; current = current instanceof Error ? current.cause : undefined) {
    errors.push(current);
  }
  return errors;
}

function timestampClaim(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (e instanceof Error && (e as Error & { code?: unknown }).code === JWT_TIMESTAMP_CHECK) {
      const claim = (e.cause as { claim?: unknown } | undefined)?.claim;
      return typeof claim === 'string' ? claim : 'exp';
    }
  }
  return undefined;
}

/** The advice for a sign-in failure, or undefined when no specific fix is known (the caller shows the error as is). */
export function adviseSignInFailure(error: unknown, context: SignInContext): SignInAdvice | undefined {
  const clockClaim = timestampClaim(error);
  if (clockClaim) {
    return {
      problem: 'clockSkew',
      message: l10n.t(
        "Panopto's ID token is not valid by this computer's clock (its \"{0}\" time does not fit; this computer says {1} UTC). The clock of this computer or of the Panopto server is off: set this computer's date, time and time zone to be set automatically, then sign in again.",
        clockClaim,
        context.now.toISOString().slice(0, 19).replace('T', ' '),
      ),
      fix: signInAgain(),
    };
  }
  const accessDenied = chain(error).find((e) => e instanceof AccessDeniedError);
  if (accessDenied) {
    return {
      problem: 'accessDenied',
      message: l10n.t("You declined access on Panopto's page, so VS Code was not signed in. Sign in again and choose Allow to continue."),
      fix: signInAgain(),
    };
  }
  const redirected = chain(error).find((e): e is AuthorizationError => e instanceof AuthorizationError);
  if (redirected) {
    return adviseRedirectError(redirected);
  }
  const failed = chain(error).find((e): e is SignInFailedError => e instanceof SignInFailedError);
  switch (failed?.oauthError) {
    case 'invalid_client':
      return {
        problem: 'clientRefused',
        message: l10n.t(
          'Panopto did not accept the API client\'s id or secret (invalid_client). Check "panopto.clientId" against the API client on your Panopto site, then enter its secret again with "Panopto: Set Client Secret".',
        ),
        fix: { title: l10n.t('Set Client Secret'), command: SET_CLIENT_SECRET_COMMAND },
      };
    case 'unauthorized_client':
      return {
        problem: 'clientNotAllowed',
        message: l10n.t(
          'Panopto does not allow this API client to sign in this way (unauthorized_client). Check "panopto.clientId" and its secret ("Panopto: Set Client Secret"), and that the client\'s type on your Panopto site is "Server-side Web Application".',
        ),
        fix: { title: l10n.t('Set Client Secret'), command: SET_CLIENT_SECRET_COMMAND },
      };
    case 'invalid_grant':
      return context.usePkce
        ? {
            problem: 'codeRefusedWithPkce',
            message: l10n.t(
              'Panopto refused the sign-in code (invalid_grant). Some Panopto sites reject PKCE next to a client secret: turn off "panopto.usePkce" and sign in again.',
            ),
            fix: openSetting('panopto.usePkce'),
          }
        : {
            problem: 'codeRefused',
            message: l10n.t('Panopto refused the sign-in code (invalid_grant); it may have expired or been used already. Sign in again.'),
            fix: signInAgain(),
          };
    default:
      return undefined;
  }
}

/** A redirect that came back with `error=`: show the site's own description, and the fix where the code names one. */
function adviseRedirectError(error: AuthorizationError): SignInAdvice {
  const said = error.description ? `${error.description} (${error.code})` : error.code;
  if (error.code === 'unauthorized_client') {
    return {
      problem: 'siteError',
      message: l10n.t(
        'Panopto refused the sign-in: {0}. The API client must be of type "Server-side Web Application"; create one of that type and put its id in "panopto.clientId".',
        said,
      ),
      fix: openSetting('panopto.clientId'),
    };
  }
  if (error.code === 'invalid_scope') {
    return {
      problem: 'siteError',
      message: l10n.t('Panopto refused the sign-in: {0}. Check "panopto.scopes" (the default is openid api offline_access).', said),
      fix: openSetting('panopto.scopes'),
    };
  }
  return {
    problem: 'siteError',
    message: l10n.t('Panopto refused the sign-in: {0}. "Panopto: Check Setup" checks the site, the API client and the redirect.', said),
    fix: { title: l10n.t('Check Setup'), command: 'panopto.checkSetup' },
  };
}

/** The page the loopback listener shows once the sign-in has ended, so the tab never claims success on a failure. */
export function signInResultPage(error: unknown, context: SignInContext): { title: string; message: string } {
  if (error === undefined) {
    return { title: l10n.t('Signed in to Panopto'), message: l10n.t('You can close this tab and return to VS Code.') };
  }
  const advice = adviseSignInFailure(error, context);
  const message = advice?.message ?? (error instanceof Error ? error.message : l10n.t('The sign-in failed.'));
  return {
    title: l10n.t('Sign-in to Panopto did not complete'),
    message: `${message} ${l10n.t('Return to VS Code: its notification offers the fix.')}`,
  };
}

/** A cause that leaves the browser on Panopto's own error page, so no answer ever reaches VS Code. */
export interface TroubleCause {
  title: string;
  detail: string;
  fix?: FixAction;
}

/** "Having trouble?" while a sign-in waits: what Panopto's error page usually means, and how to fix each. */
export function signInTroubleCauses(settings: { serverUrl: string; redirectUri: string }): TroubleCause[] {
  return [
    {
      title: l10n.t('The redirect URL is not registered exactly'),
      detail: l10n.t(
        'Panopto shows "Invalid redirect_uri". The API client on {0} must list {1} exactly: same scheme, host (localhost and 127.0.0.1 differ), port and path. Edit the client, or set "panopto.redirectUri" to the URL it lists.',
        settings.serverUrl || l10n.t('your site'),
        settings.redirectUri,
      ),
      fix: { title: l10n.t('Copy Redirect URL'), command: 'panopto.copyRedirectUri' },
    },
    {
      title: l10n.t('The API client is of the wrong type'),
      detail: l10n.t(
        'Panopto shows "unauthorized_client". Only a "Server-side Web Application" client can sign in from VS Code; a JavaScript Web Application or User Based Server Application cannot. Create a Server-side Web Application client and put its id in "panopto.clientId".',
      ),
      fix: openSetting('panopto.clientId'),
    },
    {
      title: l10n.t('The API client is disabled or deleted'),
      detail: l10n.t(
        'Panopto shows "invalid_client". Check "panopto.clientId" against the API Clients list in your Panopto user settings, or create a new client and run "Panopto: Set Client Secret" with its secret.',
      ),
      fix: openSetting('panopto.clientId'),
    },
  ];
}
