// Drag files from the explorer (or the OS) onto a folder of the Folders tree to upload them there.
// The tree registers it: createTreeView(…, { dragAndDropController: createUploadDropController(…) }).
// Dropping on a session uploads into that session's folder; dropping on nothing does nothing.
import * as vscode from 'vscode';
import { errorMessage } from '../util/errorMessage';
import { folderOfNode } from './treeTargets';

/** `text/uri-list` (RFC 2483): one URI per line, `#` lines are comments. */
export function parseUriList(text: string): vscode.Uri[] {
  const uris: vscode.Uri[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      continue;
    }
    try {
      uris.push(vscode.Uri.parse(trimmed, true));
    } catch {
      // not a URI: ignore this line, keep the others
    }
  }
  return uris;
}

export type StartUpload = (files: vscode.Uri[], folder: { id: string; name?: string }) => Promise<unknown>;

export function createUploadDropController<T>(
  startUpload: StartUpload,
  log?: { warn(message: string): void },
): vscode.TreeDragAndDropController<T> {
  return {
    // 'files' is what VS Code uses for files dragged in from the operating system.
    dropMimeTypes: ['text/uri-list', 'files'],
    dragMimeTypes: [],
    async handleDrop(target: T | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
      const folder = folderOfNode(target);
      if (!folder) {
        return;
      }
      const files: vscode.Uri[] = [];
      const uriList = dataTransfer.get('text/uri-list');
      if (uriList) {
        files.push(...parseUriList(await uriList.asString()));
      }
      dataTransfer.forEach((item) => {
        const file = item.asFile();
        if (file?.uri && !files.some((f) => f.toString() === file.uri!.toString())) {
          files.push(file.uri);
        }
      });
      if (token.isCancellationRequested || files.length === 0) {
        return;
      }
      // Not awaited: the drop finishes now; each upload shows its own progress notification.
      void startUpload(files, folder).catch((error: unknown) => log?.warn(`Drop upload failed: ${errorMessage(error)}`));
    },
  };
}
