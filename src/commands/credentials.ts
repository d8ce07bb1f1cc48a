// panopto.setClientSecret: the API client's secret goes to SecretStorage, keyed by the configured
// site and client id (so it is never sent to another site), never to settings. Unusable settings
// throw a ConfigurationError, which the command wrapper shows with Open Settings.
import * as vscode from 'vscode';
import type { ClientSecrets } from '../auth/clientSecrets';
import { resolveSite, type AuthSettings } from '../auth/site';
import { askClientSecret } from '../ui/clientSecretPrompt';
import type { Log } from '../util/log';

export interface ClientSecretDeps {
  settings(): AuthSettings;
  clientSecrets: Pick<ClientSecrets, 'set'>;
  log: Log;
}

/** True when a secret was saved; false when the user cancelled. */
export async function setClientSecret(deps: ClientSecretDeps): Promise<boolean> {
  const site = resolveSite(deps.settings());
  const secret = await askClientSecret(site, { required: true });
  if (!secret) {
    return false;
  }
  await deps.clientSecrets.set(site, secret);
  deps.log.info(`Saved the client secret for client ${site.clientId} at ${site.serverUrl}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the client secret for {0}.', site.serverUrl));
  return true;
}
