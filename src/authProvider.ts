// The `panopto` authentication provider: a thin vscode.AuthenticationProvider over AuthCore
// (src/auth/, which holds all the logic and runs without VS Code in tests). It adds only the
// progress notification around an interactive sign-in and VS Code's event and error types.
// src/authModule.ts builds the core and registers this provider.
import * as vscode from 'vscode';
import type { AuthCore } from './auth/authCore';
import { isCancellation, reportError } from './ui/errors';
import { errorMessage } from './util/errorMessage';
import type { Log } from './util/log';
import { features } from './features/load';

export const AUTH_PROVIDER_ID = 'panopto';
export const AUTH_PROVIDER_LABEL = 'Panopto';
/** How long a sign-in waits before its "Having trouble?" notification appears. */
const SIGN_IN_HELP_DELAY_MS = 8000;

export class PanoptoAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly core: AuthCore,
    private readonly log: Log,
    /** The site and redirect URL, for the "Having trouble?" list while a sign-in waits. */
    private readonly settings?: () => { serverUrl: string; redirectUri: string },
  ) {
    this.subscription = core.onDidChangeSessions((e) => {
      if (e.added.length || e.removed.length || e.changed.length) {
        this.changes.fire(e);
      }
    });
  }

  getSessions(
    scopes: readonly string[] | undefined,
    options?: vscode.AuthenticationProviderSessionOptions,
  ): Promise<vscode.AuthenticationSession[]> {
    return this.core.getSessions(scopes, { account: options?.account });
  }

  /**
   * VS Code's entry (the Accounts menu, another extension's getSession with createIfNone): no
   * command wrapper is around it, so the failure is shown here, then passed on to VS Code.
   */
  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    try {
      return await this.signIn(scopes);
    } catch (error) {
      reportError(error, this.log, { action: 'Sign-in' });
      if (isCancellation(error)) {
        throw new vscode.CancellationError();
      }
      throw error instanceof Error ? error : new Error(errorMessage(error));
    }
  }

  /** The interactive sign-in, under a cancellable notification (5-minute limit in the core). Throws; the caller shows the failure. */
  signIn(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          cancellable: true,
          title: vscode.l10n.t('Signing in to Panopto… Finish in your browser.'),
        },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          // A sign-in still waiting after a while may be stuck on Panopto's own error page: offer help then.
          const settings = this.settings;
          const help = settings ? setTimeout(() => features().offerSignInHelp(settings), SIGN_IN_HELP_DELAY_MS) : undefined;
          return this.core.createSession(scopes, { signal: abort.signal }).finally(() => clearTimeout(help));
        },
      ),
    );
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.core.removeSession(sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }
}
