// Reading the `panopto.*` settings (package.json "configuration" declares them). Read only: the one
// place that writes settings is the .env import (src/commands/importEnvFile.ts). The upload settings
// are read where uploads start (src/uploads/uploadWork.ts), whose code loads with the first upload.
import * as vscode from 'vscode';
import { DEFAULT_SCOPES, type AuthSettings } from './auth/site';

export function readAuthSettings(): AuthSettings {
  const config = vscode.workspace.getConfiguration('panopto');
  const scopes = config.get<string[]>('scopes');
  return {
    serverUrl: config.get<string>('serverUrl', ''),
    clientId: config.get<string>('clientId', ''),
    redirectUri: config.get<string>('redirectUri', 'http://localhost:9127/redirect'),
    scopes: Array.isArray(scopes) && scopes.length > 0 ? scopes : DEFAULT_SCOPES,
    usePkce: config.get<boolean>('usePkce', false),
  };
}
