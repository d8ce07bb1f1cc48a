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

class PagedList<T extends { id: string }> {
  items: T[] = [];
  private readonly seen = new Set<string>();
  private nextPage = 0;
  private lookahead: T[] | undefined;
  done = false;

  constructor(
    private readonly fetchPage: (pageNumber: number) => Promise<T[]>,
    private readonly pageLimit: number,
    private readonly what: string,
  ) {}

  /** Adds the next page (if any) and looks one page ahead. On failure nothing changes, so a retry repeats it. */
  async loadNext(): Promise<void> {
    if (this.done) {
      return;
    }
    let page: T[];
    let ahead: T[] | undefined;
    if (this.lookahead) {
      page = this.lookahead;
      ahead = page.length ? await this.fetch(this.nextPage) : [];
    } else {
      [page, ahead] = await Promise.all([this.fetch(this.nextPage), this.fetch(this.nextPage + 1)]);
      this.nextPage++;
    }
    this.nextPage++;
    this.lookahead = undefined;
    for (const item of page) {
      if (!this.seen.has(item.id)) {
        this.seen.add(item.id);
        this.items.push(item);
      }
    }
    if (page.length === 0 || ahead.length === 0) {
      this.done = true;
    } else {
      this.lookahead = ahead;
    }
  }

  private fetch(pageNumber: number): Promise<T[]> {
    if (pageNumber >= this.pageLimit) {
      return Promise.reject(new Error(l10n.t('Panopto kept sending pages of {0}; stopped after {1} pages.', this.what, this.pageLimit)));
    }
    return this.fetchPage(pageNumber);
  }

  has(id: string): boolean {
    return this.seen.has(id);
  }
}

/** What one container (the top level or a folder) has loaded so far. */
class Listing {
  error: string | undefined;
  private loading: Promise<void> | undefined;
  started = false;

  constructor(
    readonly folders: PagedList<FolderInfo>,
    readonly sessions: PagedList<SessionInfo> | undefined,
  ) {}

  get done(): boolean {
    return this.folders.done && (this.sessions?.done ?? true);
  }

  /** Resolves when no load is running (a caller arriving mid-load then sees its result). */
  async idle(): Promise<void> {
    await this.loading;
  }

  /** Loads the next page of every unfinished list; concurrent callers share one load. */
  loadNext(onError: (error: unknown) => void): Promise<void> {
    this.loading ??= (async () => {
      this.started = true;
      this.error = undefined;
      try {
        // allSettled: one list failing must not leave the other still writing after we return.
        const results = await Promise.allSettled([this.folders.loadNext(), this.sessions?.loadNext()]);
        const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failure) {
          throw failure.reason;
        }
      } catch (error) {
        this.error = errorMessage(error);
        onError(error);
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}

const ROOT_KEY = '';

export class FolderModel {
  private listings = new Map<string, Listing>();
  private folderNodes = new Map<string, FolderNode>();
  private sessionNodes = new Map<string, SessionNode>();

  constructor(
    private readonly source: FolderSource,
    /** Called when a container's children changed (undefined = the top level). */
    private readonly onDidChange: (node: FolderNode | undefined) => void,
    private readonly log?: Log,
  ) {}

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
      nodes.push(...listing.sessions.items.map((s) => this.sessionNode(s, parent)));
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
