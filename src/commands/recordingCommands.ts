// The commands that manage recordings and folders from the Folders view, wired in one place so
// src/extension.ts adds them with one spread: rename, describe, new folder, move (also by drag and
// drop), delete, embed code, recording search, captions, and the recordings' order. Each command's
// logic lives in its own file; this file only connects them to the services and the view.
import type * as vscode from 'vscode';
import { features } from '../features/load';
import type { CaptionService } from '../panopto/captions';
import type { PanoptoClient } from '../panopto/client';
import type { FolderService } from '../panopto/folders';
import type { SessionService } from '../panopto/sessions';
import { reportError } from '../ui/errors';
import type { Log } from '../util/log';
import type { TreeNode } from '../views/folderModel';
import type { FoldersView } from '../views/foldersTree';
import { linkOfNode } from '../views/treeTargets';
import { linksDrag, recordingsDrag, withTreeMoves } from '../views/uploadDropController';
import type { FolderChangeDeps } from './folderChanges';
import type { RecordingCommandDeps } from './recordings';
import type { CommandHandler } from './register';

export interface RecordingsWiringDeps {
  client: PanoptoClient;
  folders: FolderService;
  sessions: SessionService;
  globalState: vscode.Memento;
  /** Fired on sign-in and sign-out: the captions' legacy cookies belong to the account that got them. */
  onDidChangeSessions: (listener: () => void) => vscode.Disposable;
  log: Log;
}

export interface RecordingsWiring {
  /** The tree's drag and drop: files upload (the given controller), tree items move. */
  dragAndDrop(files: vscode.TreeDragAndDropController<TreeNode>): vscode.TreeDragAndDropController<TreeNode>;
  /** Call once the view exists (the drag and drop controller is needed to create it). */
  attach(view: FoldersView): void;
  readonly commands: Readonly<Record<string, CommandHandler>>;
  readonly disposables: vscode.Disposable[];
}

export function createRecordingsWiring(deps: RecordingsWiringDeps): RecordingsWiring {
  const { folders, sessions, log } = deps;
  // Made on the first captions command (its code loads with the features, src/features/load.ts).
  let captionService: CaptionService | undefined;
  const captions = () => (captionService ??= new (features().CaptionService)(deps.client));
  let attached: FoldersView | undefined;
  const view = (): FoldersView => {
    if (!attached) throw new Error('The Folders view is not ready yet.');
    return attached;
  };
  const site = () => deps.client.site();
  const changes = (): FolderChangeDeps => ({ view: view(), folders, sessions, site, log });
  const edits = (): RecordingCommandDeps => ({ view: view(), folders, sessions, log });
  const captionDeps = () => ({ view: view(), sessions, captions: captions(), globalState: deps.globalState, log });

  return {
    dragAndDrop: (files) =>
      withTreeMoves<TreeNode>(
        files,
        (nodes, folder) =>
          features().moveDroppedNodes(changes(), (error) => reportError(error, log, { action: 'Move by drag and drop' }))(nodes, folder),
        [linksDrag(linkOfNode), recordingsDrag()],
        log,
      ),
    attach(v) {
      attached = v;
    },
    commands: {
      'panopto.newFolder': (node?: unknown, selected?: unknown, name?: unknown) => features().newFolder(changes(), node, selected, name),
      'panopto.rename': (node?: unknown, selected?: unknown, name?: unknown) => features().rename(edits(), node, selected, name),
      'panopto.editDescription': (node?: unknown, selected?: unknown, text?: unknown) =>
        features().editDescription(edits(), node, selected, text),
      'panopto.moveTo': (node?: unknown, selected?: unknown, folderId?: unknown) => features().moveTo(changes(), node, selected, folderId),
      'panopto.delete': (node?: unknown, selected?: unknown) => features().deleteItems(changes(), node, selected),
      'panopto.copyEmbedCode': (node?: unknown, selected?: unknown) => features().copyEmbedCode(edits(), node, selected),
      'panopto.searchSessions': (query?: unknown, action?: unknown) =>
        features().searchSessions({ view: view(), sessions, log }, query, action),
      'panopto.downloadCaptions': (node?: unknown, selected?: unknown, language?: unknown) =>
        features().downloadCaptions(captionDeps(), node, selected, language),
      'panopto.uploadCaptions': (first?: unknown, selected?: unknown, recording?: unknown, language?: unknown) =>
        features().uploadCaptions(captionDeps(), first, selected, recording, language),
      'panopto.folders.sortByDate': () => view().setSessionOrder('date'),
      'panopto.folders.sortByName': () => view().setSessionOrder('name'),
    },
    disposables: [deps.onDidChangeSessions(() => captionService?.forgetCookies())],
  };
}
