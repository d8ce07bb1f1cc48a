// Drop a recording from the Folders tree into an editor: it is written like Insert Panopto Video
// writes it (the configured format first), and the drop widget offers the other formats.
// The tree puts its dragged nodes under its MIME type (src/views/uploadDropController.ts); a drop
// from another window only has text/uri-list, which VS Code already inserts as text.
import * as vscode from 'vscode';
import { FOLDERS_TREE_MIME } from '../views/uploadDropController';
import type { RecordingSummary } from './recordings';
import { configuredFormat, formatLabel, formatsFor, snippetFor, videoRefOf } from './snippet';
import { partsToText, render, syntaxOf } from './syntax';

const DROP_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('panopto', 'recording');

/** The recordings in a drag from the tree (session nodes only; folders are not written anywhere). */
export async function draggedRecordings(dataTransfer: vscode.DataTransfer): Promise<RecordingSummary[]> {
  const item = dataTransfer.get(FOLDERS_TREE_MIME);
  if (!item) return [];
  let nodes: unknown = item.value;
  if (!Array.isArray(nodes)) {
    // Outside the tree's own process the value may arrive only as its JSON text.
    try {
      nodes = JSON.parse(await item.asString()) as unknown;
    } catch {
      return [];
    }
  }
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((node: unknown) => {
    const n = node as { kind?: unknown; session?: RecordingSummary };
    return n?.kind === 'session' && n.session && typeof n.session.id === 'string' ? [n.session] : [];
  });
}

export function createDropProvider(): vscode.DocumentDropEditProvider {
  return {
    async provideDocumentDropEdits(document, _position, dataTransfer, token) {
      const videos = (await draggedRecordings(dataTransfer)).flatMap((r) => videoRefOf(r) ?? []);
      if (!videos.length || token.isCancellationRequested) return undefined;
      const formats = formatsFor(document.languageId, configuredFormat(document), videos[0]);
      return formats.map((format) => {
        // One recording: its title is the placeholder to edit; several: plain text, one per line
        // (a shared placeholder would make every title change together).
        const snippet =
          videos.length === 1
            ? snippetFor(videos[0], document.languageId, format)
            : videos.map((video) => partsToText(render(video, syntaxOf(document.languageId), format))).join('\n');
        return new vscode.DocumentDropEdit(snippet, formatLabel(format), DROP_KIND.append(format));
      });
    },
  };
}

export function registerDropProvider(): vscode.Disposable {
  return vscode.languages.registerDocumentDropEditProvider('*', createDropProvider(), {
    dropMimeTypes: [FOLDERS_TREE_MIME],
    providedDropEditKinds: [DROP_KIND],
  });
}
