// Entry point: builds the pieces, registers them, returns the API for other extensions.
// Each area registers itself through one function, so this file stays a table of contents.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { registerAuthentication } from './authProvider';
import { createPanoptoApi } from './apiFactory';
import type { PanoptoApi } from './api';
import { registerFolders } from './commands/folders';
import { registerUploads } from './commands/upload';
import { PanoptoClient } from './panopto/client';
import { FolderService } from './panopto/folders';
import { createLog } from './util/log';

export function activate(context: vscode.ExtensionContext): PanoptoApi {
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const channel = vscode.window.createOutputChannel('Panopto', { log: true });
  context.subscriptions.push(channel);
  const log = createLog(channel);
  // First, before any I/O: the `panopto` provider (other extensions may be waiting for it).
  // Returns core (AccessSource, accounts), getSession and onDidChangeSessions for the exported API.
  const auth = registerAuthentication(context, log);
  context.subscriptions.push(vscode.commands.registerCommand('panopto.showLog', () => channel.show()));

  // One Panopto client for everything: one refresh per token expiry however many calls were in flight.
  const client = new PanoptoClient({ access: auth.core, log });
  const folders = new FolderService(client);
  const uploads = registerUploads(context, {
    client: () => client,
    folders,
    log,
    onUploaded: (folderId) => foldersView.refreshFolder(folderId),
  });
  const foldersView = registerFolders(context, { auth: auth.core, folders, log, dragAndDropController: uploads.dragAndDropController });

  log.info(`Panopto for VS Code ${context.extension.packageJSON.version as string} activated`);
  return createPanoptoApi({
    getSession: auth.getSession,
    onDidChangeSessions: auth.onDidChangeSessions,
    folders,
    upload: uploads.upload,
  });
}

export function deactivate(): void {}
