// The Folders tree (view `panopto.folders`): a thin vscode.TreeDataProvider over FolderModel.
//
// What the tree needs from sign-in (FolderTreeAuth below; AuthCore satisfies it structurally):
//   - listAccounts()                     the signed-in accounts of the configured site, one `active`;
//   - onDidChangeSessions(listener)      fired on sign-in, sign-out and token renewal;
//   - onDidChangeActiveAccount(listener) fired when another signed-in account becomes the active one.
// The tree refills itself only when the active account (or its site) changes, not on every token
// renewal, so expanded folders and loaded pages survive a refresh of the token.
import * as vscode from 'vscode';
import { features } from '../features/load';
import type { FolderModel, FolderNode, FolderSource, TreeNode } from './folderModel';
import { isSessionOrder, type SessionOrder } from './sessionOrder';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

export interface TreeAccountSummary {
  sessionId: string;
  account: { id: string; label: string };
  serverUrl: string;
  active: boolean;
}

type Subscribe = (listener: () => void) => { dispose(): void };

export interface FolderTreeAuth {
  readonly onDidChangeSessions: Subscribe;
  readonly onDidChangeActiveAccount: Subscribe;
  listAccounts(): Promise<TreeAccountSummary[]>;
}

export const FOLDERS_VIEW_ID = 'panopto.folders';
/** globalState key of the recordings' order (a preference, nothing secret). */
const SESSION_ORDER_KEY = 'panopto.folders.sessionOrder';
/** Context key the view title uses to offer the other order. */
const SESSION_ORDER_CONTEXT = 'panopto.folders.sessionOrder';

/** A recording's thumbnail and description, fetched when its hover first opens (listings carry neither). */
export interface SessionDetailsSource {
  getSessionDetails(id: string): Promise<{ thumbnailUrl?: string; description?: string; folderName?: string }>;
}

class FoldersTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  signedIn = false;
  private sessionOrder: SessionOrder = 'name';
  private modelPart: FolderModel | undefined;

  constructor(
    private readonly source: FolderSource,
    private readonly log: Log,
    private readonly details?: SessionDetailsSource,
  ) {}

  /**
   * The tree's model, made on first use with its code (dist/features.js, src/features/load.ts): the
   * first listing, or a command on the tree. A tree that has listed nothing needs none at activation
   * (bench figure 6: start-up), and the first listing loads that code for the Panopto client anyway.
   */
  get model(): FolderModel {
    if (!this.modelPart) {
      this.modelPart = new (features().FolderModel)(this.source, (node) => this.changeEmitter.fire(node), this.log);
      this.modelPart.sessionOrder = this.sessionOrder;
    }
    return this.modelPart;
  }

  /** The model if it is made: before that no folder has been listed to refresh. */
  get madeModel(): FolderModel | undefined {
    return this.modelPart;
  }

  /**
   * Another account (or none): forget what was listed and ask VS Code for the roots again. Without a
   * model nothing was listed, but the tree may still show the empty root it had while signed out, so
   * the change is announced all the same.
   */
  reset(): void {
    if (this.modelPart) this.modelPart.reset();
    else this.changeEmitter.fire(undefined);
  }

  get order(): SessionOrder {
    return this.sessionOrder;
  }

  set order(order: SessionOrder) {
    this.sessionOrder = order;
    if (this.modelPart) this.modelPart.sessionOrder = order;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = features().treeItemFor(node);
    // VS Code asks resolveTreeItem (below) on hover only for a tooltip left undefined here.
    if (node.kind === 'session' && this.details && !('thumbnailUrl' in node.session)) item.tooltip = undefined;
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'session' || !this.details || 'thumbnailUrl' in node.session) return item;
    const { sessionTooltip } = features();
    item.tooltip = sessionTooltip(node.session, node.parent.folder.name);
    try {
      const details = await this.details.getSessionDetails(node.session.id);
      if (token.isCancellationRequested) return item;
      // Kept on the node (and so in later tooltips); an empty string records "asked, none sent".
      node.session = { ...node.session, ...details, thumbnailUrl: details.thumbnailUrl ?? '' };
      item.tooltip = sessionTooltip(node.session, details.folderName ?? node.parent.folder.name);
    } catch (error) {
      this.log.debug(`Folders tree: no details for the hover of ${node.session.id}: ${errorMessage(error)}`);
    }
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      // Empty while signed out, so the welcome view (Sign In) shows instead.
      return this.signedIn ? this.model.getChildren() : [];
    }
    return node.kind === 'folder' ? this.model.getChildren(node) : [];
  }

  getParent(node: TreeNode): FolderNode | undefined {
    return this.model.getParent(node);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export interface FoldersView {
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly model: FolderModel;
  /** Orders the recordings by name or date, and remembers it. */
  setSessionOrder(order: SessionOrder): Promise<void>;
  /** Reloads one folder's children if the tree has shown it (e.g. after an upload into it). */
  refreshFolder(folderId: string): void;
  readonly disposables: vscode.Disposable[];
}

export interface FoldersViewDeps {
  auth: FolderTreeAuth;
  folders: FolderSource;
  log: Log;
  /** Drops onto folders: files to upload, tree items to move (src/views/uploadDropController.ts). */
  dragAndDropController?: vscode.TreeDragAndDropController<TreeNode>;
  /** Where the recordings' order is remembered (ExtensionContext.globalState). */
  globalState?: vscode.Memento;
  sessions?: SessionDetailsSource;
}

export function createFoldersView(deps: FoldersViewDeps): FoldersView {
  const provider = new FoldersTreeProvider(deps.folders, deps.log, deps.sessions);
  const treeView = vscode.window.createTreeView(FOLDERS_VIEW_ID, {
    treeDataProvider: provider,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: deps.dragAndDropController,
  });
  const remembered = deps.globalState?.get<unknown>(SESSION_ORDER_KEY);
  provider.order = isSessionOrder(remembered) ? remembered : 'name';
  void vscode.commands.executeCommand('setContext', SESSION_ORDER_CONTEXT, provider.order);
  const setSessionOrder = async (order: SessionOrder) => {
    provider.order = order;
    await vscode.commands.executeCommand('setContext', SESSION_ORDER_CONTEXT, order);
    await deps.globalState?.update(SESSION_ORDER_KEY, order);
  };

  let activeKey: string | undefined;
  const syncAccounts = async () => {
    let accounts: TreeAccountSummary[] = [];
    try {
      accounts = await deps.auth.listAccounts();
    } catch (error) {
      deps.log.warn(`Folders tree: could not read the accounts: ${errorMessage(error)}`);
    }
    const active = accounts.find((a) => a.active);
    const key = active ? `${active.serverUrl}\n${active.sessionId}` : undefined;
    provider.signedIn = active !== undefined;
    // The description shows when the view has its own header; in a container with only this view
    // VS Code hides it, so with several accounts the message line names the active one too.
    treeView.description = active ? active.account.label : undefined;
    treeView.message =
      active && accounts.length > 1
        ? vscode.l10n.t('Showing {0} ({1} accounts signed in)', active.account.label, accounts.length)
        : undefined;
    if (key !== activeKey) {
      activeKey = key;
      provider.reset();
    }
  };
  const disposables: vscode.Disposable[] = [
    provider,
    treeView,
    deps.auth.onDidChangeSessions(() => void syncAccounts()),
    deps.auth.onDidChangeActiveAccount(() => void syncAccounts()),
  ];
  void syncAccounts();

  return {
    treeView,
    get model() {
      return provider.model;
    },
    setSessionOrder,
    refreshFolder: (id) => provider.madeModel?.refreshFolder(id),
    disposables,
  };
}
