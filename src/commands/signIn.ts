// panopto.signIn and panopto.signOut. Sign-in is the provider's own createSession (the same as the
// Accounts menu); when an account is already signed in it adds another one (the Folders view's
// "Sign in to another account…" uses this).
import * as vscode from 'vscode';
import type { AuthRegistration } from '../authProvider';
import type { Log } from '../util/log';
import { registerApplicationKeyCommand } from './applicationKey';
import { registerImportEnvFileCommand } from './importEnvFile';

export function registerSignInCommands(context: vscode.ExtensionContext, auth: AuthRegistration, log: Log): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('panopto.signIn', () => signIn(auth, log)),
    vscode.commands.registerCommand('panopto.signOut', (sessionId?: string) => signOut(auth, log, sessionId)),
  );
  // Issue 6's other ways in: ID-provider application key, and settings from a .env file.
  registerApplicationKeyCommand(context, auth, log);
  registerImportEnvFileCommand(context, auth, log);
}

async function signIn(auth: AuthRegistration, log: Log): Promise<vscode.AuthenticationSession | undefined> {
  try {
    const session = await auth.provider.createSession([]);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Panopto as {0}.', session.account.label));
    return session;
  } catch (error) {
    // The provider has already shown the error (or nothing, for a cancellation).
    log.info(`panopto.signIn ended without a session: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function signOut(auth: AuthRegistration, log: Log, sessionId?: string): Promise<void> {
  const accounts = await auth.core.listAccounts();
  let chosen = accounts.find((a) => a.sessionId === sessionId);
  if (!chosen) {
    if (accounts.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to Panopto.'));
      return;
    }
    if (accounts.length === 1) {
      chosen = accounts[0];
    } else {
      const pick = await vscode.window.showQuickPick(
        accounts.map((a) => ({ label: a.account.label, description: a.serverUrl, summary: a })),
        { placeHolder: vscode.l10n.t('Sign out of which Panopto account?') },
      );
      chosen = pick?.summary;
    }
  }
  if (!chosen) {
    return;
  }
  try {
    await auth.core.removeSession(chosen.sessionId);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Panopto ({0}).', chosen.account.label));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Sign-out failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not sign out of Panopto: {0}', message));
  }
}
