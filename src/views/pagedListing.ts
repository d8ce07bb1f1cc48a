// One container of the Folders tree (the top level or a folder), loaded page by page: its
// subfolders and its sessions, each a PagedList with one page of lookahead (see folderModel.ts).
import * as l10n from '@vscode/l10n';
import type { FolderInfo, SessionInfo } from '../panopto/wire';
import { errorMessage } from '../util/errorMessage';

export class PagedList<T extends { id: string }> {
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

  /** Drops an item that went away (deleted or moved out); true when it was listed. */
  remove(id: string): boolean {
    const index = this.items.findIndex((item) => item.id === id);
    this.seen.delete(id);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  /** Replaces a listed item in place (renamed, new description); true when it was listed. */
  replace(item: T): boolean {
    const index = this.items.findIndex((listed) => listed.id === item.id);
    if (index < 0) return false;
    this.items[index] = item;
    return true;
  }
}

/** What one container (the top level or a folder) has loaded so far. */
export class Listing {
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
