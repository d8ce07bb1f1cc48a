// The Folders view's commands: panopto.refreshFolders, panopto.searchFolders, panopto.openInBrowser,
// panopto.copyLink and panopto.switchAccount. Registered in src/extension.ts; each gets the view and
// services it needs as arguments. Failures are thrown to the command wrapper (src/commands/register.ts).
import * as vscode from 'vscode';
import type { Log } from '../util/log';
import type { FolderNode, TreeNode } from '../views/folderModel';
import { FOLDERS_VIEW_ID, type FoldersView, type TreeAccountSummary } from '../views/foldersTree';
import { linkOfNode } from '../views/treeTargets';
import { pickFolder, type FolderPickerSource } from '../ui/folderPicker';
import { errorMessage } from '../util/errorMessage';

export function refreshFolders(view: FoldersView, node?: TreeNode): void {
  view.model.refresh(node?.kind === 'folder' ? node : undefined);
}

/** The link of the node the command was run on, else of the tree's selection. */
function linkOf(view: FoldersView, node: TreeNode | undefined): string | undefined {
  const link = linkOfNode(node ?? view.treeView.selection[0]);
  if (!link) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Choose a folder or session in the Panopto view first; Panopto sent no link for this item.'),
    );
  }
  return link;
}

export async function openInBrowser(view: FoldersView, log: Log, node?: TreeNode): Promise<void> {
  const link = linkOf(view, node);
  if (link) {
    log.info(`Opening ${link}`);
    await vscode.env.openExternal(vscode.Uri.parse(link, true));
  }
}

export async function copyLink(view: FoldersView, log: Log, node?: TreeNode): Promise<void> {
  const link = linkOf(view, node);
  if (link) {
    await vscode.env.clipboard.writeText(link);
    log.debug(`Copied ${link}`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Panopto link copied.'), 3000);
  }
}

/** Search folders by name, then reveal the chosen one in the tree (loading its ancestors). */
export async function searchFolders(view: FoldersView, folders: FolderPickerSource, log: Log): Promise<FolderNode | undefined> {
  const chosen = await pickFolder(folders, log, { placeholder: vscode.l10n.t('Type part of a folder name'), showTopLevel: false });
  if (!chosen) {
    return undefined;
  }
  try {
    const node = await vscode.window.withProgress(
      { location: { viewId: FOLDERS_VIEW_ID }, title: vscode.l10n.t('Finding "{0}"…', chosen.name) },
      () => view.model.locate(chosen),
    );
    await view.treeView.reveal(node, { select: true, focus: true, expand: true });
    return node;
  } catch (error) {
    throw new Error(vscode.l10n.t('Could not show "{0}" in the tree: {1}', chosen.name, errorMessage(error)), { cause: error });
  }
}

export interface AccountSwitcher {
  listAccounts(): Promise<TreeAccountSummary[]>;
  setActiveAccount(sessionId: string): Promise<void>;
}

interface AccountPick extends vscode.QuickPickItem {
  sessionId?: string;
}

/** Which signed-in account the Folders view shows; or sign in to another one. */
export async function switchAccount(accounts: AccountSwitcher, log: Log): Promise<void> {
  const items: AccountPick[] = (await accounts.listAccounts()).map((a) => ({
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
  await accounts.setActiveAccount(chosen.sessionId);
  log.info(`Switched the Folders view to account ${chosen.sessionId}`);
}
