// Reading the `panopto.*` settings (package.json "configuration" declares them). Read only: the one
// place that writes settings is the .env import (src/commands/importEnvFile.ts).
import * as vscode from 'vscode';
import { DEFAULT_SCOPES, type AuthSettings } from './auth/site';
import { DEFAULT_CONCURRENCY, MIB } from './panopto/uploader';

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

export function readUploadSettings(): { partSizeBytes: number; concurrency: number } {
  const config = vscode.workspace.getConfiguration('panopto.upload');
  return {
    partSizeBytes: config.get<number>('partSizeMiB', 10) * MIB,
    concurrency: config.get<number>('concurrency', DEFAULT_CONCURRENCY),
  };
}
