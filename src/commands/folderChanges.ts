// Structural changes in the Folders tree: panopto.newFolder, panopto.moveTo (and moves by drag and
// drop, src/views/uploadDropController.ts), panopto.delete. Commands take (node, selectedNodes) as
// VS Code passes them, plus an optional value (name, destination folder id) so no prompt is needed.
// Deleting always asks first (src/ui/deleteConfirmation.ts): there is no argument that skips it.
import * as vscode from 'vscode';
import type { SessionDetails } from '../api';
import type { FolderInfo, SessionInfo } from '../panopto/wire';
import { PanoptoInputError, siteLabel } from '../panopto/serviceErrors';
import { pickFolder } from '../ui/folderPicker';
import { confirmDelete, type FolderContents } from '../ui/deleteConfirmation';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import type { FoldersView } from '../views/foldersTree';
import { folderOfNode, targetsOf, type ChangeTarget } from '../views/treeTargets';
import { changeInTree, containerOf, withViewProgress } from './treeChanges';

export interface FolderStructureServices {
  createFolder(name: string, parentId?: string): Promise<FolderInfo>;
  updateFolder(id: string, changes: { parentId?: string }): Promise<FolderInfo>;
  deleteFolder(id: string): Promise<void>;
  listFolders(parentId?: string, signal?: AbortSignal, options?: { canCreate?: boolean }): Promise<FolderInfo[]>;
  searchFolders(query: string, signal?: AbortSignal, options?: { canCreate?: boolean }): Promise<FolderInfo[]>;
  listSessions(folderId: string): Promise<SessionInfo[]>;
  getFolder(id: string): Promise<FolderInfo>;
}

export interface SessionStructureServices {
  updateSession(id: string, changes: { folderId?: string }): Promise<SessionDetails>;
  deleteSession(id: string): Promise<void>;
}

export interface FolderChangeDeps {
  view: FoldersView;
  folders: FolderStructureServices;
  sessions: SessionStructureServices;
  /** The signed-in site, for the delete question. */
  site(): Promise<string>;
  log: Log;
}

export async function newFolder(
  deps: FolderChangeDeps,
  node?: unknown,
  _selected?: unknown,
  name?: unknown,
): Promise<FolderInfo | undefined> {
  const parent = folderOfNode(node);
  const chosen =
    typeof name === 'string'
      ? name
      : await vscode.window.showInputBox({
          title: parent?.name ? vscode.l10n.t('New folder in "{0}"', parent.name) : vscode.l10n.t('New top-level folder'),
          prompt: vscode.l10n.t('The name of the new Panopto folder'),
          validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('A name is required.')),
        });
  if (chosen === undefined || !chosen.trim()) return undefined;
  const created = await withViewProgress(vscode.l10n.t('Creating "{0}"…', chosen.trim()), () =>
    deps.folders.createFolder(chosen.trim(), parent?.id),
  );
  deps.view.model.reloadChildren(parent?.id);
  deps.log.info(`Created folder ${created.id}`);
  return created;
}

/** True when `folderId` is `ancestorId` or lies inside it, as far as the tree has loaded. */
function isInside(view: FoldersView, folderId: string, ancestorId: string): boolean {
  for (let node = view.model.findFolder(folderId); node; node = node.parent) {
    if (node.id === ancestorId) return true;
  }
  return folderId === ancestorId;
}

/** A folder's id and its ancestors' ids, from Panopto (the tree may not have loaded them). */
async function lineageOf(deps: FolderChangeDeps, folderId: string): Promise<string[]> {
  const ids = [folderId];
  for (let parentId = (await deps.folders.getFolder(folderId)).parentId; parentId && ids.length < 64;) {
    ids.push(parentId);
    parentId = (await deps.folders.getFolder(parentId)).parentId;
  }
  return ids;
}

/** Moves each target into `destination`, one at a time; returns how many moved. */
export async function moveTargets(
  deps: FolderChangeDeps,
  targets: ChangeTarget[],
  destination: { id: string; name?: string },
): Promise<number> {
  const movable = targets.filter((t) => (t.kind === 'session' ? t.folderId !== destination.id : t.parentId !== destination.id));
  const lineage = movable.some((t) => t.kind === 'folder') ? await lineageOf(deps, destination.id) : [];
  const intoItself = movable.find((t) => t.kind === 'folder' && lineage.includes(t.id));
  if (intoItself) {
    throw new PanoptoInputError(vscode.l10n.t('"{0}" cannot be moved into itself or one of its subfolders.', intoItself.name));
  }
  const where = destination.name ?? vscode.l10n.t('the chosen folder');
  await withViewProgress(vscode.l10n.t('Moving {0} item(s) to "{1}"…', movable.length, where), async () => {
    for (const target of movable) {
      await changeInTree(deps.view, target, async () => {
        if (target.kind === 'session') {
          deps.view.model.sessionChanged(await deps.sessions.updateSession(target.id, { folderId: destination.id }));
        } else {
          deps.view.model.folderChanged(await deps.folders.updateFolder(target.id, { parentId: destination.id }));
        }
      });
    }
  });
  // A destination the tree had not loaded, or one that only now has children, shows them.
  deps.view.model.reloadChildren(destination.id);
  deps.log.info(`Moved ${movable.length} item(s) into folder ${destination.id}`);
  return movable.length;
}

export async function moveTo(deps: FolderChangeDeps, node?: unknown, selected?: unknown, folderId?: unknown): Promise<number> {
  const targets = targetsOf(node, selected, deps.view.treeView.selection);
  if (targets.length === 0) {
    throw new PanoptoInputError(vscode.l10n.t('Choose folders or recordings in the Panopto view to move.'));
  }
  let destination: { id: string; name?: string } | undefined = typeof folderId === 'string' ? { id: folderId } : undefined;
  if (!destination) {
    const canCreate = { canCreate: true };
    destination = await pickFolder(
      {
        listFolders: () => deps.folders.listFolders(undefined, undefined, canCreate),
        searchFolders: (query) => deps.folders.searchFolders(query, undefined, canCreate),
      },
      deps.log,
      {
        title:
          targets.length === 1 ? vscode.l10n.t('Move "{0}" to…', targets[0].name) : vscode.l10n.t('Move {0} items to…', targets.length),
        placeholder: vscode.l10n.t('Folders where you may add recordings; type to search'),
        showTopLevel: true,
      },
    );
  }
  return destination ? moveTargets(deps, targets, destination) : 0;
}

/** For the tree's drag and drop: the dropped nodes move into the folder they were dropped on. */
export function moveDroppedNodes(deps: FolderChangeDeps, onError: (error: unknown) => void) {
  return async (nodes: unknown[], folder: { id: string; name?: string }): Promise<void> => {
    try {
      await moveTargets(deps, targetsOf(undefined, nodes, []), folder);
    } catch (error) {
      onError(error);
    }
  };
}

async function contentsOf(deps: FolderChangeDeps, folderId: string): Promise<FolderContents | undefined> {
  try {
    const [folders, sessions] = await Promise.all([deps.folders.listFolders(folderId), deps.folders.listSessions(folderId)]);
    return { folders: folders.length, sessions: sessions.length };
  } catch (error) {
    deps.log.warn(`Delete: could not count what folder ${folderId} holds: ${errorMessage(error)}`);
    return undefined;
  }
}

export async function deleteItems(deps: FolderChangeDeps, node?: unknown, selected?: unknown): Promise<number> {
  const chosen = targetsOf(node, selected, deps.view.treeView.selection);
  // Whatever sits inside a chosen folder goes with it: it is not asked about or deleted twice.
  const targets = chosen.filter(
    (t) => !chosen.some((f) => f.kind === 'folder' && f !== t && isInside(deps.view, containerOf(t) ?? '', f.id)),
  );
  if (targets.length === 0) {
    throw new PanoptoInputError(vscode.l10n.t('Choose folders or recordings in the Panopto view to delete.'));
  }
  const contents = new Map<string, FolderContents | undefined>();
  const site = await withViewProgress(vscode.l10n.t('Looking inside the folders to delete…'), async () => {
    for (const folder of targets.filter((t) => t.kind === 'folder')) contents.set(folder.id, await contentsOf(deps, folder.id));
    return siteLabel(await deps.site());
  });
  if (!(await confirmDelete(targets, contents, site))) return 0;
  await withViewProgress(vscode.l10n.t('Deleting {0} item(s)…', targets.length), async () => {
    for (const target of targets) {
      await changeInTree(deps.view, target, async () => {
        if (target.kind === 'session') {
          await deps.sessions.deleteSession(target.id);
          deps.view.model.sessionRemoved(target.id);
        } else {
          await deps.folders.deleteFolder(target.id);
          deps.view.model.folderRemoved(target.id);
        }
      });
      deps.log.info(`Deleted ${target.kind} ${target.id}`);
    }
  });
  return targets.length;
}
