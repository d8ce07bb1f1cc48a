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
import { createRecordingsWiring } from './commands/recordingCommands';
import { registerCommands } from './commands/register';
import { signIn, signOut } from './commands/signIn';
import { features } from './features/load';
import { createSetupModule } from './setup/setupModule';
import { registerTools } from './lmTools/register';
import { createUploadsModule } from './uploadsModule';
import { deferred } from './util/deferred';
import { createLog } from './util/log';
import { lazy } from './vendor/lazy';
import type { ErrorNode, LoadMoreNode, TreeNode } from './views/folderModel';
import { LOAD_MORE_COMMAND, RETRY_COMMAND } from './views/folderCommands';
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
  // Made when first used (a listing, a command, the API), with its code (src/features/load.ts).
  const panopto = lazy(() => features().createPanoptoServices({ access: auth.core, log }));
  const client = deferred(() => panopto().client);
  const folders = deferred(() => panopto().folders);
  const sessions = deferred(() => panopto().sessions);

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
      'panopto.signInWithApplicationKey': () => features().signInWithApplicationKey(auth),
      'panopto.setClientSecret': () => features().setClientSecret({ settings: auth.settings, clientSecrets: auth.core.clientSecrets, log }),
      'panopto.importEnvFile': (file?: vscode.Uri) => features().importEnvFile(auth.core.clientSecrets, log, file),
      // the Folders view
      'panopto.refreshFolders': (node?: TreeNode) => features().refreshFolders(foldersView, node),
      [LOAD_MORE_COMMAND]: (node: LoadMoreNode) => foldersView.model.loadMore(node),
      [RETRY_COMMAND]: (node: ErrorNode) => foldersView.model.loadMore(node),
      'panopto.searchFolders': () => features().searchFolders(foldersView, folders, log),
      'panopto.openInBrowser': (node?: TreeNode) => features().openInBrowser(foldersView, log, node),
      'panopto.copyLink': (node?: TreeNode) => features().copyLink(foldersView, log, node),
      'panopto.switchAccount': () => features().switchAccount(auth.core, log),
      ...recordings.commands,
      // uploads
      'panopto.upload': (uri?: unknown, uris?: unknown, folder?: unknown) =>
        features().uploadCommand({ uploads, folders, log }, uri, uris, folder),
      'panopto.uploadHere': (node?: unknown) => features().uploadCommand({ uploads, folders, log }, undefined, undefined, node),
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
