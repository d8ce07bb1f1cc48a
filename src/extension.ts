// Entry point: builds the pieces, registers them, returns the API for other extensions.
// Each area registers itself through one function, so this file stays a table of contents.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { registerAuthentication } from './authProvider';
import { createLog } from './util/log';

export function activate(context: vscode.ExtensionContext) {
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const channel = vscode.window.createOutputChannel('Panopto', { log: true });
  context.subscriptions.push(channel);
  const log = createLog(channel);
  // First, before any I/O: the `panopto` provider (other extensions may be waiting for it).
  // Returns core (AccessSource, accounts), getSession and onDidChangeSessions for the exported API.
  registerAuthentication(context, log);
  context.subscriptions.push(vscode.commands.registerCommand('panopto.showLog', () => channel.show()));
  log.info(`Panopto for VS Code ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {}
