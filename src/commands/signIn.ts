// panopto.signIn and panopto.signOut. Sign-in is the provider's own interactive sign-in (the same as
// the Accounts menu); when an account is already signed in it adds another one (the Folders view's
// "Sign in to another account…" uses this). Failures go to the command wrapper (src/commands/register.ts).
import * as vscode from 'vscode';
import { errorMessage } from '../util/errorMessage';
import type { TreeAccountSummary } from '../views/foldersTree';

export interface InteractiveSignIn {
  signIn(scopes: readonly string[]): Promise<vscode.AuthenticationSession>;
}

export async function signIn(provider: InteractiveSignIn): Promise<vscode.AuthenticationSession> {
  const session = await provider.signIn([]);
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Panopto as {0}.', session.account.label));
  return session;
}

export interface SignedInAccounts {
  listAccounts(): Promise<TreeAccountSummary[]>;
  /** Removes the session and revokes its refresh token on the server (best effort). */
  removeSession(sessionId: string): Promise<void>;
}

/** Signs out of the given session, the only one, or one the user picks. */
export async function signOut(accounts: SignedInAccounts, sessionId?: string): Promise<void> {
  const signedIn = await accounts.listAccounts();
  let chosen = signedIn.find((a) => a.sessionId === sessionId);
  if (!chosen) {
    if (signedIn.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to Panopto.'));
      return;
    }
    if (signedIn.length === 1) {
      chosen = signedIn[0];
    } else {
      const pick = await vscode.window.showQuickPick(
        signedIn.map((a) => ({ label: a.account.label, description: a.serverUrl, summary: a })),
        { placeHolder: vscode.l10n.t('Sign out of which Panopto account?') },
      );
      chosen = pick?.summary;
    }
  }
  if (!chosen) {
    return;
  }
  try {
    await accounts.removeSession(chosen.sessionId);
  } catch (error) {
    throw new Error(vscode.l10n.t('Could not sign out of Panopto: {0}', errorMessage(error)), { cause: error });
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Panopto ({0}).', chosen.account.label));
}
