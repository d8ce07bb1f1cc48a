// The Uploads view (`panopto.uploads`): the upload queue (src/uploads/queue.ts), one row per file,
// with a badge counting the uploads not finished. Rows refresh at most four times a second however
// fast progress arrives. Registered at activation, it is empty until the queue is made (the first
// upload, or interrupted uploads to resume: src/uploadsModule.ts), which then shows in it.
import * as vscode from 'vscode';
import type { UploadQueue } from '../uploads/queue';
import type { UploadItem } from '../uploads/queueItem';
import { features } from '../features/load';

export const UPLOADS_VIEW_ID = 'panopto.uploads';
const REFRESH_MS = 250;

class UploadsProvider implements vscode.TreeDataProvider<UploadItem> {
  private readonly emitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  queue: UploadQueue | undefined;

  /** A row's look (./uploadItems.ts) loads with dist/features.js: rows exist only once the queue is made, which loads it. */
  getTreeItem(item: UploadItem): vscode.TreeItem {
    return features().uploadTreeItem(item);
  }

  getChildren(item?: UploadItem): UploadItem[] {
    return item || !this.queue ? [] : [...this.queue.items()];
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export interface UploadsView {
  readonly view: vscode.TreeView<UploadItem>;
  /** Shows the queue from now on (called once, when it is made). */
  show(queue: UploadQueue): void;
  readonly disposables: vscode.Disposable[];
}

export function createUploadsView(): UploadsView {
  const provider = new UploadsProvider();
  const view = vscode.window.createTreeView(UPLOADS_VIEW_ID, { treeDataProvider: provider });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let subscription: { dispose(): void } | undefined;
  const update = () => {
    timer = undefined;
    provider.refresh();
    const count = provider.queue?.inProgress() ?? 0;
    view.badge = count ? { value: count, tooltip: vscode.l10n.t('{0} uploads in progress', count) } : undefined;
  };
  return {
    view,
    show(queue) {
      provider.queue = queue;
      subscription = queue.onDidChange(() => {
        timer ??= setTimeout(update, REFRESH_MS);
      });
      update();
    },
    disposables: [view, provider, { dispose: () => subscription?.dispose() }, { dispose: () => clearTimeout(timer) }],
  };
}
