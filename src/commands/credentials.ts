// panopto.setClientSecret: the API client's secret goes to SecretStorage, keyed by the configured
// site and client id (so it is never sent to another site), never to settings.
import * as vscode from 'vscode';
import type { AuthRegistration } from '../authProvider';
import { ConfigurationError } from '../auth/errors';
import { resolveSite, type Site } from '../auth/site';
import { registerSecret, type Log } from '../util/log';

export function registerCredentialCommands(context: vscode.ExtensionContext, auth: AuthRegistration, log: Log): void {
  context.subscriptions.push(vscode.commands.registerCommand('panopto.setClientSecret', () => setClientSecret(auth, log)));
}

async function setClientSecret(auth: AuthRegistration, log: Log): Promise<boolean> {
  let site;
  try {
    site = resolveSite(auth.settings());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const open = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showErrorMessage(message, open);
    if (choice === open) {
      const setting = error instanceof ConfigurationError ? error.setting : undefined;
      await vscode.commands.executeCommand('workbench.action.openSettings', setting ?? 'panopto');
    }
    return false;
  }
  if (!(await askForClientSecret(auth, site, vscode.l10n.t('Panopto client secret')))) {
    return false;
  }
  log.info(`Saved the client secret for client ${site.clientId} at ${site.serverUrl}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the client secret for {0}.', site.serverUrl));
  return true;
}

/**
 * Asks for the secret of the site's API client and keeps it in SecretStorage.
 * Shared by panopto.setClientSecret and the application-key sign-in. False when the user cancelled.
 */
export async function askForClientSecret(auth: AuthRegistration, site: Site, title: string): Promise<boolean> {
  const secret = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The secret of API client {0} at {1}. It is kept in VS Code\'s secret storage, never in settings.', site.clientId, site.serverUrl),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter the client secret, or press Escape to cancel.')),
  });
  registerSecret(secret);
  if (!secret?.trim()) {
    return false;
  }
  await auth.core.clientSecrets.set(site, secret);
  return true;
}
