// panopto.downloadCaptions (a recording's SRT in an untitled editor) and panopto.uploadCaptions (an
// .srt or .vtt file from the explorer, the active editor or a file dialog, for a recording and a
// language). Arguments let callers skip each prompt: download (node, selected, language); upload
// (fileUri or recording node, selectedUris, recording, language).
import * as vscode from 'vscode';
import type { SessionDetails } from '../api';
import type { CaptionFile, CaptionLanguage, CaptionSource } from '../panopto/captions';
import { PanoptoInputError } from '../panopto/serviceErrors';
import type { SessionInfo } from '../panopto/wire';
import { captionLanguageLabel, isCaptionLanguage, pickCaptionLanguage, rememberCaptionLanguage } from '../ui/captionLanguage';
import { pickSession, type SessionSearchSource } from '../ui/sessionPicker';
import type { Log } from '../util/log';
import type { FoldersView } from '../views/foldersTree';
import { targetOf, targetsOf, type ChangeTarget } from '../views/treeTargets';
import { changeInTree, withViewProgress } from './treeChanges';

export interface CaptionCommandDeps {
  view: FoldersView;
  sessions: SessionSearchSource<SessionInfo> & { getSessionDetails(id: string): Promise<SessionDetails> };
  captions: {
    uploadCaptions(sessionId: string, file: CaptionFile, language: CaptionLanguage): Promise<void>;
    downloadCaptions(session: CaptionSource, language?: CaptionLanguage): Promise<string>;
  };
  globalState: vscode.Memento;
  log: Log;
}

type SessionTarget = Extract<ChangeTarget, { kind: 'session' }>;

function sessionTargetOf(node: unknown, selected: unknown, view: FoldersView): SessionTarget | undefined {
  return targetsOf(node, selected, view.treeView.selection).find((t): t is SessionTarget => t.kind === 'session');
}

/** A recording from the tree, else asked for with the search quick pick. */
async function chooseSession(
  deps: CaptionCommandDeps,
  given: SessionTarget | undefined,
  title: string,
): Promise<SessionTarget | undefined> {
  if (given) return given;
  const picked = await pickSession(deps.sessions, {
    title,
    placeholder: vscode.l10n.t("Type words from the recording's title"),
    log: deps.log,
  });
  return picked && { kind: 'session', id: picked.session.id, name: picked.session.name, folderId: picked.session.folderId };
}

export async function downloadCaptions(deps: CaptionCommandDeps, node?: unknown, selected?: unknown, language?: unknown) {
  const target = await chooseSession(deps, sessionTargetOf(node, selected, deps.view), vscode.l10n.t('Download captions of…'));
  if (!target) return undefined;
  const srt = await withViewProgress(vscode.l10n.t('Downloading the captions of "{0}"…', target.name), () =>
    changeInTree(deps.view, target, async () =>
      deps.captions.downloadCaptions(await deps.sessions.getSessionDetails(target.id), isCaptionLanguage(language) ? language : undefined),
    ),
  );
  if (!srt.trim()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no captions in that language.', target.name));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ content: srt, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

const CAPTION_FILE = /\.(srt|vtt)$/i;

/** The caption file: the explorer's, else the active editor's, else one chosen in a dialog. */
async function captionFile(arg: unknown): Promise<CaptionFile | undefined> {
  if (arg instanceof vscode.Uri) {
    if (!CAPTION_FILE.test(arg.path)) throw new PanoptoInputError(vscode.l10n.t('Captions must be an .srt or .vtt file.'));
    return { name: arg.path.split('/').pop() ?? 'captions.srt', data: await vscode.workspace.fs.readFile(arg) };
  }
  const document = vscode.window.activeTextEditor?.document;
  if (document && (CAPTION_FILE.test(document.uri.path) || document.isUntitled)) {
    const name = CAPTION_FILE.test(document.uri.path)
      ? (document.uri.path.split('/').pop() ?? 'captions.srt')
      : document.getText().trimStart().startsWith('WEBVTT')
        ? 'captions.vtt'
        : 'captions.srt';
    return { name, data: new TextEncoder().encode(document.getText()) };
  }
  const [picked] =
    (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Captions to upload'),
      filters: { [vscode.l10n.t('Captions')]: ['srt', 'vtt'] },
      canSelectMany: false,
    })) ?? [];
  return picked ? captionFile(picked) : undefined;
}

export async function uploadCaptions(
  deps: CaptionCommandDeps,
  first?: unknown,
  _selected?: unknown,
  recording?: unknown,
  language?: unknown,
) {
  const fromTree = first instanceof vscode.Uri ? undefined : sessionTargetOf(first, undefined, deps.view);
  const file = await captionFile(fromTree ? undefined : first);
  if (!file) return false;
  const given = targetOf(recording);
  const target = await chooseSession(
    deps,
    fromTree ?? (given?.kind === 'session' ? given : undefined),
    vscode.l10n.t('Upload {0} as the captions of…', file.name),
  );
  if (!target) return false;
  let chosen: CaptionLanguage | undefined = isCaptionLanguage(language) ? language : undefined;
  if (chosen) await rememberCaptionLanguage(deps.globalState, chosen);
  chosen ??= await pickCaptionLanguage(deps.globalState, vscode.l10n.t('Language of {0}', file.name));
  if (!chosen) return false;
  const lang = chosen;
  await withViewProgress(vscode.l10n.t('Uploading captions to "{0}"…', target.name), () =>
    changeInTree(deps.view, target, () => deps.captions.uploadCaptions(target.id, file, lang)),
  );
  deps.log.info(`Uploaded captions (${lang}) to session ${target.id}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Captions uploaded to "{0}" ({1}).', target.name, captionLanguageLabel(lang)));
  return true;
}
