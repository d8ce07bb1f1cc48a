// The Folders tree's data, without VS Code: which nodes a folder shows, page by page.
// foldersTree.ts turns these nodes into TreeItems; tests drive this model directly in Node.
//
// - A folder shows its subfolders (Panopto's order), then its sessions, then "Load more…" while
//   either list has pages left, or one error node (with Retry) if the last load failed.
// - Each list is fetched one page at a time with one page of lookahead (the first two pages in
//   parallel), so "Load more…" appears exactly when there is more, without a click that adds nothing.
// - Node objects are cached by id and reused across refreshes, so VS Code keeps expansion state.
// - Every child appears once even if Panopto's pages overlap (an item added while paging shifts them).
import * as l10n from '@vscode/l10n';
import { Listing, PagedList } from './pagedListing';
import { sortSessions, type SessionOrder } from './sessionOrder';
import type { FolderInfo, SessionInfo } from '../panopto/wire';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

/** What the model needs from Panopto (FolderService satisfies it). */
export interface FolderSource {
  readonly pageLimit: number;
  childFoldersPage(parentId: string | undefined, pageNumber: number): Promise<FolderInfo[]>;
  sessionsPage(folderId: string, pageNumber: number): Promise<SessionInfo[]>;
  getFolder(folderId: string): Promise<FolderInfo>;
}

export interface FolderNode {
  readonly kind: 'folder';
  /** Unique in the tree: the folder GUID. */
  readonly id: string;
  folder: FolderInfo;
  parent: FolderNode | undefined;
}

export interface SessionNode {
  readonly kind: 'session';
  readonly id: string;
  session: SessionInfo;
  parent: FolderNode;
}

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly parent: FolderNode | undefined;
}

export interface ErrorNode {
  readonly kind: 'error';
  readonly id: string;
  readonly message: string;
  readonly parent: FolderNode | undefined;
}

/** Shown alone at the top level when Panopto lists no folder for this account. */
export interface EmptyNode {
  readonly kind: 'empty';
  readonly id: string;
  readonly message: string;
  readonly parent: undefined;
}

export type TreeNode = FolderNode | SessionNode | LoadMoreNode | ErrorNode | EmptyNode;

const ROOT_KEY = '';

export class FolderModel {
  private listings = new Map<string, Listing>();
  private folderNodes = new Map<string, FolderNode>();
  private sessionNodes = new Map<string, SessionNode>();
  private order: SessionOrder = 'name';

  constructor(
    private readonly source: FolderSource,
    /** Called when a node or a container's children changed (undefined = the top level). */
    private readonly onDidChange: (node: TreeNode | undefined) => void,
    private readonly log?: Log,
  ) {}

  /** How recordings are ordered inside each folder (the loaded ones; folders keep Panopto's order). */
  get sessionOrder(): SessionOrder {
    return this.order;
  }

  set sessionOrder(order: SessionOrder) {
    if (order === this.order) return;
    this.order = order;
    this.onDidChange(undefined);
  }

  findFolder(folderId: string): FolderNode | undefined {
    return this.folderNodes.get(folderId);
  }

  findSession(sessionId: string): SessionNode | undefined {
    return this.sessionNodes.get(`session:${sessionId}`);
  }

  /** The children of the top level (undefined) or of a folder; loads the first page on first call. */
  async getChildren(parent?: FolderNode): Promise<TreeNode[]> {
    const listing = this.listingFor(parent);
    if (!listing.started) {
      await listing.loadNext((e) => this.logError(parent, e));
    } else {
      await listing.idle();
    }
    return this.render(listing, parent);
  }

  getParent(node: TreeNode): FolderNode | undefined {
    return node.parent;
  }

  /** "Load more…" and "Retry" both load the next page of their container. */
  async loadMore(node: LoadMoreNode | ErrorNode): Promise<void> {
    const listing = this.listingFor(node.parent);
    await listing.loadNext((e) => this.logError(node.parent, e));
    this.onDidChange(node.parent);
  }

  /** Forgets what a folder (or, without argument, the whole tree) loaded; node objects are kept. */
  refresh(node?: FolderNode): void {
    if (!node) {
      this.listings.clear();
    } else {
      this.listings.delete(node.id);
      for (const [key] of this.listings) {
        if (key !== ROOT_KEY && this.isDescendant(this.folderNodes.get(key), node)) {
          this.listings.delete(key);
        }
      }
    }
    this.onDidChange(node);
  }

  /** Reloads a folder by id if the tree knows it; otherwise there is nothing loaded to update. */
  refreshFolder(folderId: string): void {
    const node = this.folderNodes.get(folderId);
    if (node) {
      this.refresh(node);
    }
  }

  /** Loads a container's list again (the top level when undefined), keeping what its subfolders loaded. */
  reloadChildren(folderId: string | undefined): void {
    const node = folderId === undefined ? undefined : this.folderNodes.get(folderId);
    if (folderId !== undefined && !node) return; // never shown: nothing loaded to update
    this.listings.delete(node?.id ?? ROOT_KEY);
    this.onDidChange(node);
  }

  /**
   * A recording changed on Panopto (renamed, described, moved): its folder redraws from what it has
   * loaded, without a request; if it moved, it leaves its old folder and the new folder reloads.
   */
  sessionChanged(info: SessionInfo): void {
    const node = this.findSession(info.id);
    if (node && node.parent.id !== info.folderId) {
      this.sessionRemoved(info.id);
      this.reloadChildren(info.folderId);
    } else if (node) {
      node.session = { ...node.session, ...info };
      this.listings.get(node.parent.id)?.sessions?.replace(node.session);
      this.onDidChange(node.parent);
    }
  }

  sessionRemoved(sessionId: string): void {
    const node = this.findSession(sessionId);
    if (!node) return;
    this.listings.get(node.parent.id)?.sessions?.remove(sessionId);
    this.sessionNodes.delete(node.id);
    this.onDidChange(node.parent);
  }

  /** A folder changed on Panopto: redrawn in place, or moved from its old parent to its new one. */
  folderChanged(info: FolderInfo): void {
    const node = this.folderNodes.get(info.id);
    if (node && node.parent?.id !== info.parentId) {
      this.folderRemoved(info.id);
      this.reloadChildren(info.parentId);
    } else if (node) {
      node.folder = { ...node.folder, ...info };
      this.listings.get(node.parent?.id ?? ROOT_KEY)?.folders.replace(node.folder);
      this.onDidChange(node.parent);
    }
  }

  /** A folder went away with everything in it. */
  folderRemoved(folderId: string): void {
    const node = this.folderNodes.get(folderId);
    if (!node) return;
    this.listings.get(node.parent?.id ?? ROOT_KEY)?.folders.remove(folderId);
    for (const [key, listing] of this.listings) {
      const owner = this.folderNodes.get(key);
      if (owner === node || this.isDescendant(owner, node)) {
        this.listings.delete(key);
        for (const session of listing.sessions?.items ?? []) this.sessionNodes.delete(`session:${session.id}`);
      }
    }
    this.folderNodes.delete(folderId);
    this.onDidChange(node.parent);
  }

  /** Makes a recording reachable in the tree (its folder located, its folder's pages loaded until it appears). */
  async locateSession(session: SessionInfo): Promise<SessionNode> {
    const folder = await this.locate(await this.source.getFolder(session.folderId));
    const listing = this.listingFor(folder);
    while (!listing.sessions?.has(session.id) && !listing.done) {
      await listing.loadNext((e) => this.logError(folder, e));
      if (listing.error) throw new Error(listing.error);
    }
    this.onDidChange(folder);
    const node = this.findSession(session.id) ?? (listing.sessions?.has(session.id) ? this.sessionNode(session, folder) : undefined);
    if (!node) throw new Error(l10n.t('"{0}" is no longer in "{1}".', session.name, folder.folder.name));
    return node;
  }

  /** Forgets everything, nodes too (another account sees other folders). */
  reset(): void {
    this.listings.clear();
    this.folderNodes.clear();
    this.sessionNodes.clear();
    this.onDidChange(undefined);
  }

  /**
   * Makes a folder reachable in the tree: loads its ancestors from Panopto and pages each
   * ancestor's children until the next one appears. Returns the folder's node, for TreeView.reveal.
   */
  async locate(folder: FolderInfo): Promise<FolderNode> {
    const chain: FolderInfo[] = [folder];
    for (let parentId = folder.parentId; parentId !== undefined;) {
      if (chain.length > 64) {
        throw new Error(l10n.t('The folder "{0}" is nested too deeply to show.', folder.name));
      }
      const parent = await this.source.getFolder(parentId);
      chain.unshift(parent);
      parentId = parent.parentId;
    }
    let parent: FolderNode | undefined;
    for (const info of chain) {
      const listing = this.listingFor(parent);
      while (!listing.folders.has(info.id) && !listing.folders.done) {
        await listing.loadNext((e) => this.logError(parent, e));
        if (listing.error) {
          throw new Error(listing.error);
        }
      }
      parent = this.folderNode(info, parent);
    }
    this.onDidChange(undefined);
    return parent!;
  }

  private listingFor(parent: FolderNode | undefined): Listing {
    const key = parent?.id ?? ROOT_KEY;
    let listing = this.listings.get(key);
    if (!listing) {
      const where = parent ? parent.folder.name : l10n.t('the top level');
      const folders = new PagedList<FolderInfo>(
        (page) => this.source.childFoldersPage(parent?.id, page),
        this.source.pageLimit,
        l10n.t('folders in {0}', where),
      );
      // The top level (the zero GUID) holds folders only.
      const sessions = parent
        ? new PagedList<SessionInfo>(
            (page) => this.source.sessionsPage(parent.id, page),
            this.source.pageLimit,
            l10n.t('sessions in {0}', where),
          )
        : undefined;
      listing = new Listing(folders, sessions);
      this.listings.set(key, listing);
    }
    return listing;
  }

  private render(listing: Listing, parent: FolderNode | undefined): TreeNode[] {
    const nodes: TreeNode[] = listing.folders.items.map((f) => this.folderNode(f, parent));
    if (parent && listing.sessions) {
      nodes.push(...sortSessions(listing.sessions.items, this.order).map((s) => this.sessionNode(s, parent)));
    }
    const key = parent?.id ?? 'root';
    if (!parent && nodes.length === 0 && listing.done && listing.error === undefined) {
      nodes.push({
        kind: 'empty',
        id: 'empty:root',
        message: l10n.t('No Panopto folders are shared with this account.'),
        parent: undefined,
      });
    }
    if (listing.error !== undefined) {
      nodes.push({ kind: 'error', id: `error:${key}`, message: listing.error, parent });
    } else if (!listing.done) {
      nodes.push({ kind: 'loadMore', id: `loadMore:${key}`, parent });
    }
    return nodes;
  }

  private folderNode(info: FolderInfo, parent: FolderNode | undefined): FolderNode {
    let node = this.folderNodes.get(info.id);
    if (!node) {
      node = { kind: 'folder', id: info.id, folder: info, parent };
      this.folderNodes.set(info.id, node);
    } else {
      node.folder = info;
      node.parent = parent;
    }
    return node;
  }

  private sessionNode(info: SessionInfo, parent: FolderNode): SessionNode {
    const id = `session:${info.id}`;
    let node = this.sessionNodes.get(id);
    if (!node) {
      node = { kind: 'session', id, session: info, parent };
      this.sessionNodes.set(id, node);
    } else {
      node.session = info;
      node.parent = parent;
    }
    return node;
  }

  private isDescendant(candidate: FolderNode | undefined, ancestor: FolderNode): boolean {
    for (let n = candidate?.parent; n; n = n.parent) {
      if (n === ancestor) return true;
    }
    return false;
  }

  private logError(parent: FolderNode | undefined, error: unknown): void {
    const where = parent ? `folder ${parent.id}` : 'the top level';
    this.log?.error(`Folders tree: loading ${where} failed: ${errorMessage(error)}`);
  }
}
