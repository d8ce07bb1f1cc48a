// Drop a recording from the Folders tree into an editor: it is written like Insert Panopto Video
// writes it (the configured format first), and the drop widget offers the other formats.
// The tree's drag carries the recordings under RECORDINGS_MIME (dragPayload.ts); a drop from
// elsewhere only has text/uri-list, which VS Code already inserts as text.
import * as vscode from 'vscode';
import { parseRecordingsPayload, RECORDINGS_MIME } from './dragPayload';
import { DROP_KIND } from './ids';
import type { RecordingSummary } from './recordings';
import { configuredFormat, formatLabel, formatsFor, snippetFor, videoRefOf } from './snippet';
import { partsToText, render, syntaxOf } from './syntax';

/** The recordings in a drag from the tree. */
export async function draggedRecordings(dataTransfer: vscode.DataTransfer): Promise<RecordingSummary[]> {
  const item = dataTransfer.get(RECORDINGS_MIME);
  return item ? parseRecordingsPayload(await item.asString()) : [];
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
