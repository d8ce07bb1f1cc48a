// panopto.checkSetup: runs the checks of checks.ts under a progress notification, writes each line
// to the log, shows a summary (with the first failure's fix as its button) and resolves to the lines
// (the host test reads them).
import * as vscode from 'vscode';
import type { AuthCore } from '../auth/authCore';
import type { AuthSettings } from '../auth/site';
import type { Log } from '../util/log';
import { runSetupChecks, type CheckLine } from './checks';

export interface CheckSetupDeps {
  core: Pick<AuthCore, 'clientSecrets' | 'listAccounts' | 'getSessions'>;
  settings(): AuthSettings;
  log: Log;
}

const MARK: Record<CheckLine['status'], string> = { passed: '✓', failed: '✗', skipped: '–' };

export function formatCheckLine(line: CheckLine): string {
  return `${MARK[line.status]} ${line.check}: ${line.detail}${line.status === 'failed' && line.fix ? ` → ${line.fix.title}` : ''}`;
}

export async function checkSetup(deps: CheckSetupDeps): Promise<CheckLine[]> {
  const settings = deps.settings();
  const lines = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the Panopto setup…') },
    () =>
      runSetupChecks({
        settings,
        clientSecret: (site) => deps.core.clientSecrets.get(site),
        accounts: () => deps.core.listAccounts(),
        freshSession: async (account) => (await deps.core.getSessions([], { account: account.account })).length > 0,
      }),
  );
  deps.log.info(`Check Setup for ${settings.serverUrl || '(no site)'}:`);
  for (const line of lines) {
    if (line.status === 'failed') {
      deps.log.warn(formatCheckLine(line));
    } else {
      deps.log.info(formatCheckLine(line));
    }
  }
  const failed = lines.filter((l) => l.status === 'failed');
  const showLog = vscode.l10n.t('Show Log');
  if (failed.length === 0) {
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Panopto setup: all {0} checks passed.', lines.filter((l) => l.status === 'passed').length),
        showLog,
      )
      .then((c) => (c === showLog ? vscode.commands.executeCommand('panopto.showLog') : undefined));
    return lines;
  }
  const first = failed[0];
  const buttons = first.fix ? [first.fix.title, showLog] : [showLog];
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t('Panopto setup: {0} of {1} checks failed. {2}: {3}', failed.length, lines.length, first.check, first.detail),
      ...buttons,
    )
    .then((choice) => {
      if (choice === showLog) {
        void vscode.commands.executeCommand('panopto.showLog');
      } else if (choice && first.fix) {
        void vscode.commands.executeCommand(first.fix.command, ...(first.fix.args ?? []));
      }
    });
  return lines;
}
