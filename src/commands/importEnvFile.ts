// panopto.importEnvFile: reads PANOPTO_SERVER_URL / CLIENT_ID / CLIENT_SECRET / REDIRECT_URI from a
// `.env` file the user picks (the OnTrack guide keeps them there). The logic is in
// src/auth/envImport.ts; this file is the picker, the settings (user level) and the messages.
import * as vscode from 'vscode';
import { EnvImportError, importPanoptoEnv, type ImportedSetting } from '../auth/envImport';
import type { AuthRegistration } from '../authProvider';
import { EnvFileError } from '../util/envFile';
import type { Log } from '../util/log';

export function registerImportEnvFileCommand(context: vscode.ExtensionContext, auth: AuthRegistration, log: Log): void {
  context.subscriptions.push(vscode.commands.registerCommand('panopto.importEnvFile', (file?: vscode.Uri) => importEnvFile(auth, log, file)));
}

async function pickFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import Panopto settings from a .env file'),
    openLabel: vscode.l10n.t('Import'),
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('.env files')]: ['env'], [vscode.l10n.t('All files')]: ['*'] },
  });
  return picked?.[0];
}

async function importEnvFile(auth: AuthRegistration, log: Log, given?: vscode.Uri): Promise<boolean> {
  const file = given instanceof vscode.Uri ? given : await pickFile();
  if (!file) {
    return false;
  }
  const name = vscode.workspace.asRelativePath(file);
  const config = () => vscode.workspace.getConfiguration('panopto');
  try {
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
    const report = await importPanoptoEnv(text, {
      currentSetting: (key) => config().get<string>(key, ''),
      updateSetting: (key, value) => Promise.resolve(config().update(key, value, vscode.ConfigurationTarget.Global)),
      storeClientSecret: (site, secret) => auth.core.clientSecrets.set(site, secret),
    });
    const parts = report.settings.map(({ key, value }) => `panopto.${key} = ${value}`);
    if (report.clientSecretFor) {
      parts.push(vscode.l10n.t('the client secret of {0} (in secret storage, not shown)', report.clientSecretFor.clientId));
    }
    log.info(`Imported ${name}: ${report.settings.map((s) => `panopto.${s.key}`).join(', ') || 'no settings'}${report.clientSecretFor ? ' and a client secret' : ''}`);
    const shadowed = report.settings.map((s) => s.key).filter((key) => overriddenInWorkspace(key));
    const message = vscode.l10n.t('Imported from {0}: {1}.', name, parts.join('; '));
    void vscode.window.showInformationMessage(
      shadowed.length
        ? `${message} ${vscode.l10n.t('Workspace settings override {0}; the imported user settings apply where they do not.', shadowed.map((k) => `panopto.${k}`).join(', '))}`
        : message,
    );
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn(`Import of ${name} failed: ${reason}`);
    // The file's problems are found before anything is written.
    const unchanged = error instanceof EnvFileError || error instanceof EnvImportError;
    void vscode.window.showErrorMessage(
      unchanged ? vscode.l10n.t('Could not import {0}: {1} Nothing was changed.', name, reason) : vscode.l10n.t('Could not import {0}: {1}', name, reason),
    );
    return false;
  }
}

function overriddenInWorkspace(key: ImportedSetting): boolean {
  const inspected = vscode.workspace.getConfiguration('panopto').inspect<string>(key);
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}
