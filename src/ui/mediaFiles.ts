// Which files count as video or audio: the file picker's filter, the explorer menu's `when` clause
// in package.json (keep the two lists alike) and the filter on files handed to an upload.
import * as vscode from 'vscode';
import { basename, extname } from 'node:path';

export const MEDIA_EXTENSIONS = ['mp4', 'mov', 'm4v', 'mkv', 'avi', 'wmv', 'webm', 'mp3', 'm4a', 'wav'];

export function isMediaFile(uri: vscode.Uri): boolean {
  return MEDIA_EXTENSIONS.includes(extname(uri.path).slice(1).toLowerCase());
}

/** Keeps media files; says which others were left out. */
export function mediaOnly(files: vscode.Uri[]): vscode.Uri[] {
  const media = files.filter(isMediaFile);
  const skipped = files.filter((f) => !isMediaFile(f)).map((f) => basename(f.path));
  if (skipped.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Not uploaded (not a video or audio file): {0}', skipped.join(', ')));
  }
  return media;
}
