// panopto.signInWithApplicationKey: Panopto's "ID provider integration" sign-in. Asks for the
// site's "User Based Server Application" client (its secret if none is stored), the user key with
// its provider prefix (NetID\John) and the ID provider's application key, then signs in with the
// password grant (src/auth/applicationKeySignIn.ts). The prompts warn that the key can act as any
// user of its provider; the key goes to SecretStorage only after the site accepted it.
// Failures (unusable settings, a refused key) are thrown to the command wrapper (src/commands/register.ts).
import * as vscode from 'vscode';
import { applicationKeyProblem, signInWithApplicationKey as signInWithKey, userKeyProblem } from '../auth/applicationKeySignIn';
import type { AuthCore } from '../auth/authCore';
import { resolveSite, type AuthSettings, type Site } from '../auth/site';
import { askClientSecret } from '../ui/clientSecretPrompt';
import { registerSecret } from '../util/log';

export interface ApplicationKeySignInDeps {
  core: AuthCore;
  settings(): AuthSettings;
}

const WARNING = () =>
  vscode.l10n.t('An application key can act as ANY user of its ID provider: use it only for your own integration, and keep it private.');

export async function signInWithApplicationKey(auth: ApplicationKeySignInDeps): Promise<vscode.AuthenticationSession | undefined> {
  const settings = auth.settings();
  // The client id is asked below; resolve the site with a placeholder so that only serverUrl is checked here.
  const configured = resolveSite({ ...settings, clientId: settings.clientId || '-' });
  const title = vscode.l10n.t('Sign in to {0} with an ID provider application key', configured.serverUrl);
  const clientId = (
    await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('The id of the site\'s "User Based Server Application" API client.'),
      value: settings.clientId,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter the API client id.')),
    })
  )?.trim();
  if (!clientId) {
    return undefined;
  }
  const site: Site = { ...configured, clientId };

  if (!(await auth.core.clientSecrets.get(site))) {
    const secret = await askClientSecret(site, { title, required: true });
    if (!secret) {
      return undefined;
    }
    await auth.core.clientSecrets.set(site, secret);
  }

  const userKey = (
    await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('The Panopto user key, with its ID provider before a backslash.'),
      placeHolder: 'NetID\\John',
      ignoreFocusOut: true,
      validateInput: (text) => userKeyProblem(text),
    })
  )?.trim();
  if (!userKey) {
    return undefined;
  }

  const stored = await auth.core.applicationKeys.get(site.serverUrl, userKey);
  const typed = await vscode.window.showInputBox({
    title,
    prompt: `${WARNING()} ${vscode.l10n.t("It is kept in VS Code's secret storage and renews the sign-in when the token nears expiry.")}`,
    placeHolder: stored
      ? vscode.l10n.t('Leave empty to use the stored key of this ID provider')
      : vscode.l10n.t('Application key (System → Identity Providers)'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (stored ? undefined : applicationKeyProblem(text)),
  });
  registerSecret(typed);
  if (typed === undefined) {
    return undefined;
  }
  const applicationKey = typed.trim() || stored;
  if (!applicationKey) {
    return undefined;
  }

  const session = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to Panopto as {0}…', userKey) },
    () => signInWithKey(auth.core, { site, userKey, applicationKey }),
  );
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Panopto as {0}.', session.account.label));
  return session;
}
