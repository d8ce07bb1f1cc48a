// The quick fix of a broken recording link (linkCheck.ts): pick another recording with the search
// of Insert Panopto Video, and its link replaces the old one (the embed player's link for an embed).
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, REPLACE_LINK_COMMAND } from './ids';
import { findRecordingLinks } from './links';
import type { RecordingSource } from './recordings';
import { pickSession } from '../ui/sessionPicker';
import { embedUrlOf } from './syntax';

export function createLinkFixProvider(): vscode.CodeActionProvider {
  return {
    provideCodeActions(document, _range, context) {
      return context.diagnostics
        .filter((d) => d.source === DIAGNOSTIC_SOURCE)
        .map((diagnostic) => {
          const action = new vscode.CodeAction(vscode.l10n.t('Replace with another Panopto recording…'), vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          action.command = {
            command: REPLACE_LINK_COMMAND,
            title: action.title,
            arguments: [document.uri, diagnostic.range],
          };
          return action;
        });
    },
  };
}

/** Resolves to true when the link was replaced. `sessionId` skips the search (tests, other callers). */
export async function replaceLink(source: RecordingSource, uri: vscode.Uri, range: vscode.Range, sessionId?: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const old = document.getText(range);
  const [link] = findRecordingLinks(old);
  const recording = sessionId
    ? await source.getSessionDetails(sessionId)
    : (await pickSession(source, { title: vscode.l10n.t('Replace Panopto Link') }))?.session;
  if (!recording?.viewerUrl) return false;
  let url = link?.page === 'embed' ? embedUrlOf(recording.viewerUrl) : recording.viewerUrl;
  // The old link was HTML-escaped (`&amp;`): keep the document's escaping.
  if (old.includes('&amp;')) url = url.replace(/&/g, '&amp;');
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, url);
  return vscode.workspace.applyEdit(edit);
}
