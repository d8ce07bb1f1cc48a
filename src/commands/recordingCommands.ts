// The commands that manage recordings and folders from the Folders view, wired in one place so
// src/extension.ts adds them with one spread: rename, describe, new folder, move (also by drag and
// drop), delete, embed code, recording search, captions, and the recordings' order. Each command's
// logic lives in its own file; this file only connects them to the services and the view.
import type * as vscode from 'vscode';
import { CaptionService } from '../panopto/captions';
import type { PanoptoClient } from '../panopto/client';
import type { FolderService } from '../panopto/folders';
import type { SessionService } from '../panopto/sessions';
import { reportError } from '../ui/errors';
import type { Log } from '../util/log';
import type { TreeNode } from '../views/folderModel';
import type { FoldersView } from '../views/foldersTree';
import { linkOfNode } from '../views/treeTargets';
import { linksDrag, recordingsDrag, withTreeMoves } from '../views/uploadDropController';
import { downloadCaptions, uploadCaptions } from './captions';
import { deleteItems, moveDroppedNodes, moveTo, newFolder, type FolderChangeDeps } from './folderChanges';
import { copyEmbedCode, editDescription, rename, type RecordingCommandDeps } from './recordings';
import type { CommandHandler } from './register';
import { searchSessions } from './searchSessions';

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
  const captions = new CaptionService(deps.client);
  let attached: FoldersView | undefined;
  const view = (): FoldersView => {
    if (!attached) throw new Error('The Folders view is not ready yet.');
    return attached;
  };
  const site = () => deps.client.site();
  const changes = (): FolderChangeDeps => ({ view: view(), folders, sessions, site, log });
  const edits = (): RecordingCommandDeps => ({ view: view(), folders, sessions, log });
  const captionDeps = () => ({ view: view(), sessions, captions, globalState: deps.globalState, log });

  return {
    dragAndDrop: (files) =>
      withTreeMoves<TreeNode>(
        files,
        (nodes, folder) =>
          moveDroppedNodes(changes(), (error) => reportError(error, log, { action: 'Move by drag and drop' }))(nodes, folder),
        [linksDrag(linkOfNode), recordingsDrag()],
        log,
      ),
    attach(v) {
      attached = v;
    },
    commands: {
      'panopto.newFolder': (node?: unknown, selected?: unknown, name?: unknown) => newFolder(changes(), node, selected, name),
      'panopto.rename': (node?: unknown, selected?: unknown, name?: unknown) => rename(edits(), node, selected, name),
      'panopto.editDescription': (node?: unknown, selected?: unknown, text?: unknown) => editDescription(edits(), node, selected, text),
      'panopto.moveTo': (node?: unknown, selected?: unknown, folderId?: unknown) => moveTo(changes(), node, selected, folderId),
      'panopto.delete': (node?: unknown, selected?: unknown) => deleteItems(changes(), node, selected),
      'panopto.copyEmbedCode': (node?: unknown, selected?: unknown) => copyEmbedCode(edits(), node, selected),
      'panopto.searchSessions': (query?: unknown, action?: unknown) => searchSessions({ view: view(), sessions, log }, query, action),
      'panopto.downloadCaptions': (node?: unknown, selected?: unknown, language?: unknown) =>
        downloadCaptions(captionDeps(), node, selected, language),
      'panopto.uploadCaptions': (first?: unknown, selected?: unknown, recording?: unknown, language?: unknown) =>
        uploadCaptions(captionDeps(), first, selected, recording, language),
      'panopto.folders.sortByDate': () => view().setSessionOrder('date'),
      'panopto.folders.sortByName': () => view().setSessionOrder('name'),
    },
    disposables: [deps.onDidChangeSessions(() => captions.forgetCookies())],
  };
}
