// `panopto.insertVideo`: search, pick, and insert the recording at every cursor of the active
// editor in the document's own syntax, as one undo step, the title an editable placeholder.
// Called with `{ sessionId, format? }` (by a quick fix or a test) it skips the search.
import * as vscode from 'vscode';
import { NotSignedInError } from '../panopto/access';
import type { RecordingSource, RecordingSummary, SiteSource } from './recordings';
import { pickSession } from '../ui/sessionPicker';
import { configuredFormat, snippetFor, videoRefOf } from './snippet';
import { INSERT_FORMATS, type InsertFormat } from './syntax';

export interface InsertVideoArgs {
  sessionId?: string;
  format?: InsertFormat;
  /** Replace this range instead of the selections (the link checker's quick fix). */
  uri?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Prefill the search (the quick fix passes the old link's text). */
  query?: string;
}

function parseArgs(value: unknown): InsertVideoArgs {
  if (typeof value !== 'object' || value === null || value instanceof vscode.Uri) return {};
  const v = value as Record<string, unknown>;
  return {
    sessionId: typeof v.sessionId === 'string' ? v.sessionId : undefined,
    format: INSERT_FORMATS.find((f) => f === v.format),
    uri: typeof v.uri === 'string' ? v.uri : undefined,
    range: (v.range as InsertVideoArgs['range']) ?? undefined,
    query: typeof v.query === 'string' ? v.query : undefined,
  };
}

async function targetEditor(args: InsertVideoArgs): Promise<vscode.TextEditor | undefined> {
  if (!args.uri) return vscode.window.activeTextEditor;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri, true));
  return vscode.window.showTextDocument(document);
}

/** Resolves to true when something was inserted. */
export async function insertVideo(source: RecordingSource, site: SiteSource, rawArgs?: unknown): Promise<boolean> {
  const args = parseArgs(rawArgs);
  // Signed out, say so with a Sign In button (src/ui/errors.ts) instead of a search that cannot answer.
  if (!(await site.signedInOrigin())) {
    throw new NotSignedInError(vscode.l10n.t('Sign in to Panopto to insert a recording.'));
  }
  const editor = await targetEditor(args);
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a document to insert a Panopto video into.'));
    return false;
  }
  let recording: RecordingSummary | undefined;
  if (args.sessionId) {
    recording = await source.getSessionDetails(args.sessionId);
  } else {
    const picked = await pickSession(source, {
      title: vscode.l10n.t('Insert Panopto Video'),
      initialQuery: args.query,
    });
    recording = picked?.session;
  }
  if (!recording) return false;
  const video = videoRefOf(recording);
  if (!video) {
    throw new Error(vscode.l10n.t('Panopto sent no link for "{0}", so it cannot be inserted.', recording.name));
  }
  const format = args.format ?? configuredFormat(editor.document);
  const snippet = snippetFor(video, editor.document.languageId, format);
  const at = args.range
    ? new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character)
    : editor.selections;
  // insertSnippet makes one edit (one undo step) at every location.
  return editor.insertSnippet(snippet, at);
}
