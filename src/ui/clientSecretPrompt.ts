// The one prompt for an API client's secret: asked by the sign-in when none is stored (through the
// auth core's askClientSecret), by panopto.setClientSecret and by the application-key sign-in.
// The caller stores the answer (AuthCore.clientSecrets); it is registered as a secret at once so
// that no log line can show it.
import * as vscode from 'vscode';
import type { SiteIdentity } from '../auth/clientSecrets';
import { registerSecret } from '../util/log';

export interface ClientSecretPromptOptions {
  title?: string;
  /** Refuse an empty answer (Escape still cancels). Off for the sign-in, which then goes on without one. */
  required?: boolean;
}

/** The trimmed secret, or undefined when the user cancelled (or, if not required, left it empty). */
export async function askClientSecret(site: SiteIdentity, options: ClientSecretPromptOptions = {}): Promise<string | undefined> {
  const secret = await vscode.window.showInputBox({
    title: options.title ?? vscode.l10n.t('Panopto client secret'),
    prompt: vscode.l10n.t(
      "The secret of API client {0} at {1}. It is kept in VS Code's secret storage, never in settings.",
      site.clientId,
      site.serverUrl,
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: options.required
      ? (text) => (text.trim() ? undefined : vscode.l10n.t('Enter the client secret, or press Escape to cancel.'))
      : undefined,
  });
  registerSecret(secret);
  return secret?.trim() || undefined;
}
