// How a failure reaches the user: one function, used by the command wrapper
// (src/commands/register.ts), the provider's createSession and the per-file upload notifications.
//   - a cancellation (Escape, a cancelled notification, SignInCancelledError) is logged, never shown;
//   - "not signed in" (or a sign-in that has ended) is shown with a Sign In button;
//   - a ConfigurationError that names its setting is shown with Open Settings;
//   - a sign-in failure with a known fix (src/auth/signInErrors.ts: a refused secret, PKCE, a declined
//     consent, clock skew…) is shown with that advice and its command as the button, as is a caller's fix;
//   - anything else is shown with Show Log, since the log has the details.
// An error thrown with `{ cause }` is judged by its causes too, so a command can say what it was
// doing ("Could not sign out of Panopto: …") and still get the button the cause calls for.
import * as vscode from 'vscode';
import { ConfigurationError, GrantRevokedError, SignInCancelledError } from '../auth/errors';
import { features } from '../features/load';
import { NotSignedInError } from '../panopto/access';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

export interface ErrorReport {
  /** What failed, for the log line: a command id, or e.g. "Sign-in". */
  action: string;
  /** The message to show instead of the error's own (it should include the error's message). */
  message?: string;
  /** The command that fixes this failure, shown as the button instead of the default one. */
  fix?: { title: string; command: string; args?: unknown[] };
}

/** The error and its causes, outermost first (bounded, in case of a cycle). */
function chain(error: unknown): unknown[] {
  const errors: unknown[] = [];
  for (let current = error; current !== undefined && errors.length < 8; current = current instanceof Error ? current.cause : undefined) {
    errors.push(current);
  }
  return errors;
}

export function isCancellation(error: unknown): boolean {
  return chain(error).some((e) => e instanceof vscode.CancellationError || e instanceof SignInCancelledError);
}

function needsSignIn(error: unknown): boolean {
  return chain(error).some((e) => e instanceof NotSignedInError || e instanceof GrantRevokedError);
}

function misconfiguredSetting(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (e instanceof ConfigurationError && e.setting) {
      return e.setting;
    }
  }
  return undefined;
}

/** Logs the failure and shows it with the one button that helps; nothing is shown for a cancellation. */
export function reportError(error: unknown, log: Log, report: ErrorReport): void {
  if (isCancellation(error)) {
    log.info(`${report.action} cancelled`);
    return;
  }
  // The advice's code loads with dist/features.js: a failure is reported long after activation.
  const advice = features().adviseSignInFailure(error, {
    usePkce: vscode.workspace.getConfiguration('panopto').get('usePkce', false),
    now: new Date(),
  });
  const message = report.message ?? advice?.message ?? errorMessage(error);
  log.error(`${report.action} failed: ${errorMessage(error)}`);
  const setting = misconfiguredSetting(error);
  const fix = report.fix ?? advice?.fix;
  if (fix) {
    showWithAction(message, fix.title, fix.command, ...(fix.args ?? []));
  } else if (needsSignIn(error)) {
    showWithAction(message, vscode.l10n.t('Sign In'), 'panopto.signIn');
  } else if (setting) {
    showWithAction(message, vscode.l10n.t('Open Settings'), 'workbench.action.openSettings', setting);
  } else {
    showWithAction(message, vscode.l10n.t('Show Log'), 'panopto.showLog');
  }
}

/** Not awaited by callers: a command finishes while its message stays up. */
function showWithAction(message: string, action: string, command: string, ...args: unknown[]): void {
  void vscode.window.showErrorMessage(message, action).then((choice) => {
    if (choice === action) {
      void vscode.commands.executeCommand(command, ...args);
    }
  });
}
