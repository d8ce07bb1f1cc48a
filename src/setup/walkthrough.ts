// The "Get started with Panopto" walkthrough's glue: the commands its steps' buttons run (copy the
// exact values the API client form needs) and opening it once, on first install.
import * as vscode from 'vscode';
import { readAuthSettings } from '../settings';

export const WALKTHROUGH_ID = 'panopto-community.vscode-panopto#panopto.getStarted';
const SHOWN_KEY = 'panopto.walkthroughShown';
/** What Panopto's samples enter as the client's CORS Origin URL (docs/panopto.md#client-types). */
export const CORS_ORIGIN = 'https://localhost';

export async function copyToClipboard(what: string, value: string): Promise<string> {
  await vscode.env.clipboard.writeText(value);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied the {0}: {1}', what, value));
  return value;
}

export const copyRedirectUri = () => copyToClipboard(vscode.l10n.t('redirect URL'), readAuthSettings().redirectUri);
export const copyCorsOrigin = () => copyToClipboard(vscode.l10n.t('CORS origin'), CORS_ORIGIN);
export const copyClientType = () => copyToClipboard(vscode.l10n.t('client type'), 'Server-side Web Application');

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}

/** Opens the walkthrough the first time the extension runs (and never again), unless a site is set already. */
export function openWalkthroughOnFirstInstall(state: vscode.Memento): void {
  if (state.get<boolean>(SHOWN_KEY) || readAuthSettings().serverUrl.trim()) {
    return;
  }
  void state.update(SHOWN_KEY, true);
  void openWalkthrough();
}
