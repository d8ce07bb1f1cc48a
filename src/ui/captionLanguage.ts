// Which caption language: Panopto's list (CAPTION_LANGUAGES), the last one used first. The choice is
// remembered in globalState (a preference, nothing secret).
import * as vscode from 'vscode';
import { CAPTION_LANGUAGES, type CaptionLanguage } from '../panopto/captions';

const LAST_LANGUAGE_KEY = 'panopto.captions.language';

export function isCaptionLanguage(value: unknown): value is CaptionLanguage {
  return CAPTION_LANGUAGES.some((l) => l.id === value);
}

export function captionLanguageLabel(language: CaptionLanguage): string {
  return CAPTION_LANGUAGES.find((l) => l.id === language)?.label ?? language;
}

export function lastCaptionLanguage(state: vscode.Memento): CaptionLanguage | undefined {
  const last = state.get<unknown>(LAST_LANGUAGE_KEY);
  return isCaptionLanguage(last) ? last : undefined;
}

export async function rememberCaptionLanguage(state: vscode.Memento, language: CaptionLanguage): Promise<void> {
  await state.update(LAST_LANGUAGE_KEY, language);
}

export async function pickCaptionLanguage(state: vscode.Memento, title: string): Promise<CaptionLanguage | undefined> {
  const last = lastCaptionLanguage(state);
  const ordered = last
    ? [...CAPTION_LANGUAGES.filter((l) => l.id === last), ...CAPTION_LANGUAGES.filter((l) => l.id !== last)]
    : [...CAPTION_LANGUAGES];
  const chosen = await vscode.window.showQuickPick(
    ordered.map((l) => ({ label: l.label, description: l.id === last ? vscode.l10n.t('last used') : undefined, id: l.id })),
    { title, placeHolder: vscode.l10n.t('The language of these captions') },
  );
  if (chosen) await rememberCaptionLanguage(state, chosen.id);
  return chosen?.id;
}
