// Puts src/auth/windowPeers.ts between the auth core and context.secrets where the extension host
// runs in Node with a file-system global storage (desktop, remote, code-server). It is needed
// because in a browser workbench (code-server) SecretStorage is each tab's own copy: another window
// gets no secrets.onDidChange and reads its stale copy, so it would neither show a sign-in made
// elsewhere nor see a rotated refresh token (and would spend the old one, which revokes the grant).
// globalState does not help either: it tells other windows nothing, and it must never hold a token.
// In a web extension host (no Node, no shared folder) the store is used as it is.
import type * as vscode from 'vscode';
import type { SecretStore } from './auth/secretStore';
import { createWindowPeers } from './auth/windowPeers';
import { errorMessage } from './util/errorMessage';
import type { Log } from './util/log';

export function shareAcrossWindows(
  secrets: SecretStore,
  globalStorageUri: vscode.Uri,
  log: Log,
): { secrets: SecretStore; disposable?: vscode.Disposable } {
  if (typeof process === 'undefined' || !process.versions?.node || globalStorageUri.scheme !== 'file') {
    return { secrets };
  }
  try {
    const peers = createWindowPeers({ inner: secrets, dir: globalStorageUri.fsPath, log });
    return { secrets: peers, disposable: peers };
  } catch (error) {
    log.warn(`Other windows will learn of sign-ins only after a reload: ${errorMessage(error)}`);
    return { secrets };
  }
}
