// Entry point and the one place the areas are connected. Each area builds its parts and returns
// them with their disposables (sign-in: src/authModule.ts; Folders view: src/views/foldersTree.ts;
// uploads: src/uploadsModule.ts); every command is listed below, with what it needs passed in, and
// registered behind the one error handler (src/commands/register.ts).
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import type { PanoptoApi } from './api';
import { createPanoptoApi } from './apiFactory';
import { createAuthModule } from './authModule';
import { createAuthoringModule } from './authoring/authoringModule';
import { siteSourceOf } from './authoring/site';
import { signInWithApplicationKey } from './commands/applicationKey';
import { setClientSecret } from './commands/credentials';
import { copyLink, openInBrowser, refreshFolders, searchFolders, switchAccount } from './commands/folders';
import { importEnvFile } from './commands/importEnvFile';
import { createRecordingsWiring } from './commands/recordingCommands';
import { registerCommands } from './commands/register';
import { signIn, signOut } from './commands/signIn';
import { uploadCommand } from './commands/upload';
import { createSetupModule } from './setup/setupModule';
import { PanoptoClient } from './panopto/client';
import { FolderService } from './panopto/folders';
import { registerTools } from './lmTools/tools';
import { SessionService } from './panopto/sessions';
import { createUploadsModule } from './uploadsModule';
import { createLog } from './util/log';
import type { ErrorNode, LoadMoreNode, TreeNode } from './views/folderModel';
import { LOAD_MORE_COMMAND, RETRY_COMMAND } from './views/folderItems';
import { createFoldersView } from './views/foldersTree';

export function activate(context: vscode.ExtensionContext): PanoptoApi {
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const channel = vscode.window.createOutputChannel('Panopto', { log: true });
  context.subscriptions.push(channel);
  const log = createLog(channel);

  // Sign-in first, synchronously, before any I/O: other extensions may be waiting for the `panopto`
  // provider. Its quiet getSession (the Accounts menu's "Sign in with Panopto") is the first read.
  const auth = createAuthModule(context, log);
  context.subscriptions.push(...auth.disposables);
  // Check Setup, Set Site…, the walkthrough (opened once on first install) and the check of a newly entered site.
  const setup = createSetupModule(auth, log, context.globalState);
  context.subscriptions.push(...setup.disposables);

  // One Panopto client for everything: one refresh per token expiry however many calls were in flight.
  const client = new PanoptoClient({ access: auth.core, log });
  const folders = new FolderService(client);
  const sessions = new SessionService(client);

  const uploads = createUploadsModule({ client, log, storage: context, accounts: auth.core });
  // Managing recordings in the Folders view (src/commands/recordingCommands.ts).
  const { globalState } = context;
  const recordings = createRecordingsWiring({ client, folders, sessions, globalState, onDidChangeSessions: auth.onDidChangeSessions, log });
  const foldersView = createFoldersView({
    auth: auth.core,
    folders,
    sessions,
    globalState,
    log,
    dragAndDropController: recordings.dragAndDrop(uploads.dragAndDropController),
  });
  recordings.attach(foldersView);
  context.subscriptions.push(
    ...recordings.disposables,
    ...uploads.disposables,
    ...foldersView.disposables,
    // A folder that received an upload shows it without a manual refresh.
    uploads.onDidUpload(({ folderId }) => foldersView.refreshFolder(folderId)),
  );

  // Where you write (src/authoring/) and what a chat agent may call (src/lmTools/).
  const authoring = createAuthoringModule({ sessions, site: siteSourceOf(auth.core), onDidChangeSessions: auth.onDidChangeSessions, log });
  context.subscriptions.push(...authoring.disposables, ...registerTools({ sessions, folders, upload: uploads.upload }));

  context.subscriptions.push(
    ...registerCommands(log, {
      // sign-in
      'panopto.signIn': () => signIn(auth.provider),
      'panopto.signOut': (sessionId?: string) => signOut(auth.core, sessionId),
      'panopto.signInWithApplicationKey': () => signInWithApplicationKey(auth),
      'panopto.setClientSecret': () => setClientSecret({ settings: auth.settings, clientSecrets: auth.core.clientSecrets, log }),
      'panopto.importEnvFile': (file?: vscode.Uri) => importEnvFile(auth.core.clientSecrets, log, file),
      // the Folders view
      'panopto.refreshFolders': (node?: TreeNode) => refreshFolders(foldersView, node),
      [LOAD_MORE_COMMAND]: (node: LoadMoreNode) => foldersView.model.loadMore(node),
      [RETRY_COMMAND]: (node: ErrorNode) => foldersView.model.loadMore(node),
      'panopto.searchFolders': () => searchFolders(foldersView, folders, log),
      'panopto.openInBrowser': (node?: TreeNode) => openInBrowser(foldersView, log, node),
      'panopto.copyLink': (node?: TreeNode) => copyLink(foldersView, log, node),
      'panopto.switchAccount': () => switchAccount(auth.core, log),
      ...recordings.commands,
      // uploads
      'panopto.upload': (uri?: unknown, uris?: unknown, folder?: unknown) => uploadCommand({ uploads, folders, log }, uri, uris, folder),
      'panopto.uploadHere': (node?: unknown) => uploadCommand({ uploads, folders, log }, undefined, undefined, node),
      // the Uploads view
      ...uploads.commands,
      // authoring
      ...authoring.commands,
      // setup and the walkthrough
      ...setup.commands,
      // the log
      'panopto.showLog': () => channel.show(),
    }),
  );

  log.info(`Panopto for VS Code ${(context.extension.packageJSON as { version: string }).version} activated`);
  return createPanoptoApi({ onDidChangeSessions: auth.onDidChangeSessions, folders, sessions, upload: uploads.upload });
}

export function deactivate(): void {}
