// Which site's links the authoring features look at: the active account's (read from the account
// list, so no token renewal and no request), else the configured `panopto.serverUrl` (for the
// hover's Sign In offer).
import * as vscode from 'vscode';
import type { AuthCore } from '../auth/authCore';
import { originOf } from './links';
import type { SiteSource } from './recordings';

export function siteSourceOf(core: Pick<AuthCore, 'listAccounts'>): SiteSource {
  return {
    async signedInOrigin() {
      const accounts = await core.listAccounts().catch(() => []);
      const active = accounts.find((a) => a.active) ?? accounts[0];
      return active ? originOf(active.serverUrl) : undefined;
    },
    configuredOrigin() {
      const configured = vscode.workspace.getConfiguration('panopto').get<string>('serverUrl', '');
      return configured ? originOf(configured) : undefined;
    },
  };
}
