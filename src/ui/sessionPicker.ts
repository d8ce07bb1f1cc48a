// The recording quick pick: panopto.searchSessions and "which recording?" for caption uploads. It
// searches Panopto as the user types: one search per pause in typing, and a new keystroke aborts
// the search still running (its AbortSignal), so only the latest query's answer is ever shown.
// "Not signed in" closes it and rejects, so the caller's error handling offers Sign In.
import * as vscode from 'vscode';
import { NotSignedInError } from '../panopto/access';
import type { SessionInfo } from '../panopto/wire';
import { formatDuration } from '../util/duration';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

export interface SessionSearchSource {
  searchSessions(query: string, options: { signal?: AbortSignal }): Promise<SessionInfo[]>;
}

export interface SessionPickerOptions {
  title: string;
  placeholder: string;
  /** Buttons on each result (e.g. open, copy link); pressing one resolves with it. */
  buttons?: readonly (vscode.QuickInputButton & { id: string })[];
}

export interface SessionPick {
  session: SessionInfo;
  /** The result button pressed, when one was. */
  button?: string;
}

interface SessionItem extends vscode.QuickPickItem {
  session: SessionInfo;
}

export const SEARCH_DEBOUNCE_MS = 250;

export function sessionItem(session: SessionInfo): vscode.QuickPickItem {
  const date = session.startTime ? new Date(session.startTime).toLocaleDateString() : undefined;
  const duration = session.durationSeconds !== undefined ? formatDuration(session.durationSeconds) : undefined;
  const match = session.matches?.[0]?.text;
  return {
    label: `$(device-camera-video) ${session.name}`,
    description: [session.folderName, date, duration].filter(Boolean).join(' · '),
    detail: match ? `“${match}”` : session.description,
  };
}

export function pickSession(source: SessionSearchSource, log: Log, options: SessionPickerOptions): Promise<SessionPick | undefined> {
  const quickPick = vscode.window.createQuickPick<SessionItem>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  // Panopto already matched titles, descriptions and captions: the list must not filter its answer again.
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  let running: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  return new Promise<SessionPick | undefined>((resolve, reject) => {
    let failure: NotSignedInError | undefined;
    const search = async (query: string) => {
      running?.abort();
      const mine = new AbortController();
      running = mine;
      if (!query.trim()) {
        quickPick.items = [];
        quickPick.busy = false;
        return;
      }
      quickPick.busy = true;
      try {
        const sessions = await source.searchSessions(query, { signal: mine.signal });
        if (mine.signal.aborted) return;
        quickPick.items = sessions.map((session) => ({ ...sessionItem(session), session, alwaysShow: true, buttons: options.buttons }));
        quickPick.title = sessions.length ? options.title : `${options.title} · ${vscode.l10n.t('No recording matches "{0}".', query)}`;
      } catch (error) {
        if (mine.signal.aborted) return; // a newer query replaced this one
        if (error instanceof NotSignedInError) {
          failure = error;
          quickPick.hide();
          return;
        }
        log.warn(`Recording search: ${errorMessage(error)}`);
        quickPick.items = [];
        quickPick.title = `${options.title} · ${errorMessage(error)}`;
      } finally {
        if (running === mine) quickPick.busy = false;
      }
    };
    const disposables: vscode.Disposable[] = [
      quickPick.onDidChangeValue((value) => {
        clearTimeout(timer);
        running?.abort();
        timer = setTimeout(() => void search(value), SEARCH_DEBOUNCE_MS);
      }),
      quickPick.onDidAccept(() => {
        const chosen = quickPick.selectedItems[0]?.session;
        if (chosen) {
          resolve({ session: chosen });
          quickPick.hide();
        }
      }),
      quickPick.onDidTriggerItemButton((event) => {
        resolve({ session: event.item.session, button: (event.button as { id?: string }).id });
        quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        clearTimeout(timer);
        running?.abort();
        if (failure) reject(failure);
        else resolve(undefined);
        for (const d of disposables) d.dispose();
        quickPick.dispose();
      }),
    ];
    quickPick.show();
  });
}
