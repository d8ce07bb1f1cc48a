// panopto.importEnvFile: reads PANOPTO_SERVER_URL / CLIENT_ID / CLIENT_SECRET / REDIRECT_URI from a
// `.env` file the user picks (the OnTrack guide keeps them there). The logic is in
// src/auth/envImport.ts; this file is the picker, the settings (user level) and the messages.
// A failure is thrown to the command wrapper (src/commands/register.ts), saying whether anything changed.
// The file may come from a workspace someone else wrote, and the values land in the user's own
// settings: they are shown, and nothing is written until the user agrees (a modal dialog).
import * as vscode from 'vscode';
import type { ClientSecrets } from '../auth/clientSecrets';
import { EnvImportError, importPanoptoEnvConfirmed, type EnvImportReport, type ImportedSetting } from '../auth/envImport';
import { EnvFileError } from '../util/envFile';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

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

/** True when the file was imported; false when no file was chosen. */
export async function importEnvFile(clientSecrets: Pick<ClientSecrets, 'set'>, log: Log, given?: vscode.Uri): Promise<boolean> {
  const file = given instanceof vscode.Uri ? given : await pickFile();
  if (!file) {
    return false;
  }
  const name = vscode.workspace.asRelativePath(file);
  const config = () => vscode.workspace.getConfiguration('panopto');
  try {
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
    const report = await importPanoptoEnvConfirmed(
      text,
      {
        currentSetting: (key) => config().get<string>(key, ''),
        updateSetting: (key, value) => Promise.resolve(config().update(key, value, vscode.ConfigurationTarget.Global)),
        storeClientSecret: (site, secret) => clientSecrets.set(site, secret),
      },
      (planned) => confirmImport(name, planned),
    );
    if (!report) {
      log.info(`Did not import ${name}: the user declined`);
      return false;
    }
    const parts = report.settings.map(({ key, value }) => `panopto.${key} = ${value}`);
    if (report.clientSecretFor) {
      parts.push(vscode.l10n.t('the client secret of {0} (in secret storage, not shown)', report.clientSecretFor.clientId));
    }
    log.info(
      `Imported ${name}: ${report.settings.map((s) => `panopto.${s.key}`).join(', ') || 'no settings'}${report.clientSecretFor ? ' and a client secret' : ''}`,
    );
    const shadowed = report.settings.map((s) => s.key).filter((key) => overriddenInWorkspace(key));
    const message = vscode.l10n.t('Imported from {0}: {1}.', name, parts.join('; '));
    void vscode.window.showInformationMessage(
      shadowed.length
        ? `${message} ${vscode.l10n.t('Workspace settings override {0}; the imported user settings apply where they do not.', shadowed.map((k) => `panopto.${k}`).join(', '))}`
        : message,
    );
    return true;
  } catch (error) {
    const reason = errorMessage(error);
    // The file's problems are found before anything is written.
    const unchanged = error instanceof EnvFileError || error instanceof EnvImportError;
    throw new Error(
      unchanged
        ? vscode.l10n.t('Could not import {0}: {1} Nothing was changed.', name, reason)
        : vscode.l10n.t('Could not import {0}: {1}', name, reason),
      { cause: error },
    );
  }
}

/** Shows what would be written (never the secret) and asks; true = write it. */
async function confirmImport(name: string, report: EnvImportReport): Promise<boolean> {
  const lines = report.settings.map(({ key, value }) => `panopto.${key} = ${value}`);
  if (report.clientSecretFor) {
    lines.push(
      vscode.l10n.t(
        'the client secret of {0} at {1} (to secret storage)',
        report.clientSecretFor.clientId,
        report.clientSecretFor.serverUrl,
      ),
    );
  }
  const importLabel = vscode.l10n.t('Import');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Import these Panopto settings from {0} into your user settings?', name),
    {
      modal: true,
      detail: `${lines.join('\n')}\n\n${vscode.l10n.t('They decide which site you sign in to and where the sign-in is sent. Import them only if you trust this file.')}`,
    },
    importLabel,
  );
  return choice === importLabel;
}

function overriddenInWorkspace(key: ImportedSetting): boolean {
  const inspected = vscode.workspace.getConfiguration('panopto').inspect<string>(key);
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}
