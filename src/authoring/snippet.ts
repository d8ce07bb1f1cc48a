// From a recording and a document to what goes into it: the parts of src/authoring/syntax.ts as a
// SnippetString (the title one editable placeholder), in the format the settings ask for.
import * as vscode from 'vscode';
import type { RecordingSummary } from './recordings';
import { INSERT_FORMATS, render, syntaxOf, supportsFormat, type InsertFormat, type Part, type VideoRef } from './syntax';

export function configuredFormat(scope?: vscode.ConfigurationScope): InsertFormat {
  const value = vscode.workspace.getConfiguration('panopto.insert', scope).get<string>('format', 'link');
  return (INSERT_FORMATS as readonly string[]).includes(value) ? (value as InsertFormat) : 'link';
}

export function videoRefOf(recording: RecordingSummary): VideoRef | undefined {
  if (!recording.viewerUrl) return undefined;
  return { title: recording.name, viewerUrl: recording.viewerUrl, thumbnailUrl: recording.thumbnailUrl };
}

export function snippetOf(parts: readonly Part[]): vscode.SnippetString {
  const snippet = new vscode.SnippetString();
  for (const part of parts) {
    if (part.kind === 'title') snippet.appendPlaceholder(part.value, 1);
    else snippet.appendText(part.value);
  }
  return snippet;
}

/** The snippet for a recording in a document's language and a format. */
export function snippetFor(video: VideoRef, languageId: string, format: InsertFormat): vscode.SnippetString {
  return snippetOf(render(video, syntaxOf(languageId), format));
}

/** The formats worth offering in a language, the preferred one first. */
export function formatsFor(languageId: string, preferred: InsertFormat, video: VideoRef): InsertFormat[] {
  const syntax = syntaxOf(languageId);
  const usable = INSERT_FORMATS.filter((f) => supportsFormat(syntax, f) && (f !== 'thumbnail' || video.thumbnailUrl));
  return usable.includes(preferred) ? [preferred, ...usable.filter((f) => f !== preferred)] : usable;
}

export function formatLabel(format: InsertFormat): string {
  switch (format) {
    case 'link':
      return vscode.l10n.t('Insert Panopto link');
    case 'thumbnail':
      return vscode.l10n.t('Insert Panopto thumbnail');
    case 'embed':
      return vscode.l10n.t('Insert Panopto embed player');
  }
}
