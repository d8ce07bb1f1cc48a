// The Folders feature's commands, and the one call extension.ts makes to set the feature up:
// panopto.refreshFolders, panopto.searchFolders, panopto.openInBrowser, panopto.copyLink,
// panopto.switchAccount, plus the tree items' own Load more / Retry.
import * as vscode from 'vscode';
import type { FolderService } from '../panopto/folders';
import type { FolderInfo } from '../panopto/wire';
import type { Log } from '../util/log';
import { LOAD_MORE_COMMAND, RETRY_COMMAND } from '../views/folderItems';
import type { ErrorNode, FolderNode, LoadMoreNode, TreeNode } from '../views/folderModel';
import { createFoldersView, FOLDERS_VIEW_ID, type FolderTreeAuth, type FoldersView } from '../views/foldersTree';

interface FoldersDeps {
  auth: FolderTreeAuth;
  folders: FolderService;
  log: Log;
}

/** Sets up the Folders tree and its commands. */
export function registerFolders(
  context: vscode.ExtensionContext,
  options: {
    auth: FolderTreeAuth;
    /** Shared with the exported API and the upload feature. */
    folders: FolderService;
    log: Log;
    /** Drops onto folders (the upload feature's controller). */
    dragAndDropController?: vscode.TreeDragAndDropController<TreeNode>;
  },
): FoldersView {
  const deps: FoldersDeps = { auth: options.auth, folders: options.folders, log: options.log };
  const view = createFoldersView(context, { ...deps, dragAndDropController: options.dragAndDropController });
  const { log } = deps;
  const register = (id: string, handler: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  register('panopto.refreshFolders', (node?: TreeNode) => {
    view.model.refresh(node?.kind === 'folder' ? node : undefined);
  });
  register(LOAD_MORE_COMMAND, (node: LoadMoreNode) => view.model.loadMore(node));
  register(RETRY_COMMAND, (node: ErrorNode) => view.model.loadMore(node));
  register('panopto.openInBrowser', (node?: TreeNode) => openInBrowser(view, node, log));
  register('panopto.copyLink', (node?: TreeNode) => copyLink(view, node, log));
  register('panopto.searchFolders', () => searchFolders(view, deps));
  register('panopto.switchAccount', () => switchAccount(deps));
  return view;
}

/** The web address of a folder or session node (the clicked one, else the selection). */
function linkOf(view: FoldersView, node: TreeNode | undefined): string | undefined {
  const target = node ?? view.treeView.selection[0];
  if (target?.kind === 'folder') return target.folder.url;
  if (target?.kind === 'session') return target.session.viewerUrl;
  return undefined;
}

async function openInBrowser(view: FoldersView, node: TreeNode | undefined, log: Log): Promise<void> {
  const link = linkOf(view, node);
  if (!link) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Choose a folder or session in the Panopto view first; Panopto sent no link for this item.'));
    return;
  }
  log.info(`Opening ${link}`);
  await vscode.env.openExternal(vscode.Uri.parse(link, true));
}

async function copyLink(view: FoldersView, node: TreeNode | undefined, log: Log): Promise<void> {
  const link = linkOf(view, node);
  if (!link) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Choose a folder or session in the Panopto view first; Panopto sent no link for this item.'));
    return;
  }
  await vscode.env.clipboard.writeText(link);
  log.debug(`Copied ${link}`);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Panopto link copied.'), 3000);
}

interface FolderPick extends vscode.QuickPickItem {
  folder: FolderInfo;
}

/** A quick pick that searches as the user types (debounced), then reveals the chosen folder. */
async function searchFolders(view: FoldersView, deps: FoldersDeps): Promise<FolderNode | undefined> {
  const pick = vscode.window.createQuickPick<FolderPick>();
  pick.placeholder = vscode.l10n.t('Type part of a folder name');
  pick.matchOnDescription = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const search = async (query: string) => {
    const mine = ++generation;
    if (query.trim().length === 0) {
      pick.items = [];
      pick.busy = false;
      return;
    }
    pick.busy = true;
    try {
      const found = await deps.folders.searchFolders(query);
      if (mine !== generation) return; // a newer query is on its way
      pick.items = found.map((folder) => ({
        label: `$(folder) ${folder.name}`,
        description: folder.parentName,
        detail: folder.description,
        folder,
        alwaysShow: true,
      }));
      if (found.length === 0) {
        pick.title = vscode.l10n.t('No folder matches "{0}".', query);
      } else {
        pick.title = undefined;
      }
    } catch (error) {
      if (mine !== generation) return;
      const message = error instanceof Error ? error.message : String(error);
      deps.log.error(`Folder search failed: ${message}`);
      pick.items = [];
      pick.title = message;
    } finally {
      if (mine === generation) pick.busy = false;
    }
  };

  const chosen = await new Promise<FolderInfo | undefined>((resolve) => {
    pick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => void search(value), 300);
    });
    pick.onDidAccept(() => {
      const folder = pick.selectedItems[0]?.folder;
      if (folder) {
        resolve(folder);
        pick.hide();
      }
    });
    pick.onDidHide(() => {
      clearTimeout(timer);
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
  if (!chosen) return undefined;

  try {
    const node = await vscode.window.withProgress(
      { location: { viewId: FOLDERS_VIEW_ID }, title: vscode.l10n.t('Finding "{0}"…', chosen.name) },
      () => view.model.locate(chosen),
    );
    await view.treeView.reveal(node, { select: true, focus: true, expand: true });
    return node;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error(`Could not show folder ${chosen.id}: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not show "{0}" in the tree: {1}', chosen.name, message));
    return undefined;
  }
}

interface AccountPick extends vscode.QuickPickItem {
  sessionId?: string;
}

async function switchAccount(deps: FoldersDeps): Promise<void> {
  const accounts = await deps.auth.listAccounts();
  const items: AccountPick[] = accounts.map((a) => ({
    label: `${a.active ? '$(check) ' : ''}${a.account.label}`,
    description: a.serverUrl,
    sessionId: a.sessionId,
  }));
  items.push({ label: `$(add) ${vscode.l10n.t('Sign in to another account…')}` });
  const chosen = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Show the folders of which Panopto account?') });
  if (!chosen) return;
  if (!chosen.sessionId) {
    await vscode.commands.executeCommand('panopto.signIn');
    return;
  }
  await deps.auth.setActiveAccount(chosen.sessionId);
  deps.log.info(`Switched the Folders view to account ${chosen.sessionId}`);
}
