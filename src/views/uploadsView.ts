// The Uploads view (`panopto.uploads`): the upload queue (src/uploads/queue.ts), one row per file,
// with a badge counting the uploads not finished. Rows refresh at most four times a second however
// fast progress arrives.
import * as vscode from 'vscode';
import type { UploadItem, UploadQueue } from '../uploads/queue';
import { uploadTreeItem } from './uploadItems';

export const UPLOADS_VIEW_ID = 'panopto.uploads';
const REFRESH_MS = 250;

class UploadsProvider implements vscode.TreeDataProvider<UploadItem> {
  private readonly emitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly queue: UploadQueue) {}

  getTreeItem(item: UploadItem): vscode.TreeItem {
    return uploadTreeItem(item);
  }

  getChildren(item?: UploadItem): UploadItem[] {
    return item ? [] : [...this.queue.items()];
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
  readonly disposables: vscode.Disposable[];
}

export function createUploadsView(queue: UploadQueue): UploadsView {
  const provider = new UploadsProvider(queue);
  const view = vscode.window.createTreeView(UPLOADS_VIEW_ID, { treeDataProvider: provider });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    timer = undefined;
    provider.refresh();
    const count = queue.inProgress();
    view.badge = count ? { value: count, tooltip: vscode.l10n.t('{0} uploads in progress', count) } : undefined;
  };
  const subscription = queue.onDidChange(() => {
    timer ??= setTimeout(update, REFRESH_MS);
  });
  update();
  return {
    view,
    disposables: [view, provider, subscription, { dispose: () => clearTimeout(timer) }],
  };
}
