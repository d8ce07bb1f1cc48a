// Drag files from the explorer (or the OS) onto a folder of the Folders tree to upload them there;
// drag recordings and folders inside the tree onto another folder to move them (withTreeMoves).
// The tree registers it: createTreeView(…, { dragAndDropController: withTreeMoves(createUploadDropController(…), …) }).
// Dropping on a session uses that session's folder; dropping on nothing does nothing.
import * as vscode from 'vscode';
import { RECORDINGS_MIME, recordingsPayload } from '../authoring/dragPayload';
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

/** VS Code's MIME type for items dragged inside a tree: `application/vnd.code.tree.<view id, lower case>`. */
export const FOLDERS_TREE_MIME = 'application/vnd.code.tree.panopto.folders';

/** Items dragged inside the tree: the movable ones, given to the mover with the target folder. */
export type MoveNodes<T> = (nodes: T[], folder: { id: string; name?: string }) => Promise<unknown>;

/** What a drag out of the tree carries besides the nodes themselves (links for editors and browsers, …). */
export interface TreeDragContents<T> {
  readonly mimeTypes: readonly string[];
  fill(source: readonly T[], dataTransfer: vscode.DataTransfer): void;
}

/** A drag's recordings' and folders' links as text/uri-list, so a drop into a browser or a file gets links. */
export function linksDrag<T>(linkOf: (node: T) => string | undefined): TreeDragContents<T> {
  return {
    mimeTypes: ['text/uri-list'],
    fill(source, dataTransfer) {
      const links = source.map(linkOf).filter((link): link is string => link !== undefined);
      if (links.length) dataTransfer.set('text/uri-list', new vscode.DataTransferItem(links.join('\r\n')));
    },
  };
}

/** The dragged recordings as JSON, for a drop into an editor (src/authoring/dropProvider.ts reads it). */
export function recordingsDrag<T>(): TreeDragContents<T> {
  return {
    mimeTypes: [RECORDINGS_MIME],
    fill(source, dataTransfer) {
      const payload = recordingsPayload(source);
      if (payload) dataTransfer.set(RECORDINGS_MIME, new vscode.DataTransferItem(payload));
    },
  };
}

/**
 * Adds moves inside the tree to a files controller: a drop of tree items on a folder moves them
 * there (instead of uploading anything), and a drag carries what `contents` put in it.
 */
export function withTreeMoves<T extends { kind: string }>(
  files: vscode.TreeDragAndDropController<T>,
  moveNodes: MoveNodes<T>,
  contents: readonly TreeDragContents<T>[],
  log?: { info(message: string): void; warn(message: string): void },
): vscode.TreeDragAndDropController<T> {
  return {
    dropMimeTypes: [FOLDERS_TREE_MIME, ...files.dropMimeTypes],
    dragMimeTypes: contents.flatMap((c) => c.mimeTypes),
    handleDrag(source: readonly T[], dataTransfer: vscode.DataTransfer): void {
      // VS Code itself puts only {id, itemHandles} as JSON under the tree's MIME type; the dragged
      // nodes reach handleDrop only if handleDrag sets them (TreeDragAndDropController.handleDrag in
      // the VS Code API reference recommends this MIME type for the tree's own objects).
      dataTransfer.set(FOLDERS_TREE_MIME, new vscode.DataTransferItem(source));
      for (const c of contents) c.fill(source, dataTransfer);
    },
    async handleDrop(target: T | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
      const dragged = dataTransfer.get(FOLDERS_TREE_MIME);
      if (!dragged) {
        return files.handleDrop?.(target, dataTransfer, token);
      }
      const folder = folderOfNode(target);
      // Not an array: a drag whose handleDrag did not finish (VS Code's JSON string is all there is).
      const draggedNodes: readonly T[] = Array.isArray(dragged.value) ? (dragged.value as readonly T[]) : [];
      const nodes = draggedNodes.filter((n) => n.kind === 'folder' || n.kind === 'session');
      log?.info(`Drop of ${nodes.length} tree item(s) on ${folder ? `folder ${folder.id}` : 'no folder'}`);
      if (!folder || nodes.length === 0 || token.isCancellationRequested) {
        return;
      }
      // Awaited: VS Code shows the tree busy until the move is done; failures are the mover's to report.
      await moveNodes(nodes, folder).catch((error: unknown) => log?.warn(`Move by drag and drop failed: ${errorMessage(error)}`));
    },
  };
}
