// The one recording quick pick: panopto.searchSessions, "which recording?" for captions, Insert
// Panopto Video and the link check's quick fix. It searches Panopto as the user types: one search
// per pause in typing, and a new keystroke aborts the search still running (its AbortSignal), so
// only the latest query's answer is ever shown. "Not signed in" closes it and rejects, so the
// caller's error handling offers Sign In.
import * as vscode from 'vscode';
import { NotSignedInError } from '../panopto/access';
import { formatDuration } from '../util/duration';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

/** What a result needs to be shown (SessionInfo and the authoring code's RecordingSummary both are). */
export interface PickableSession {
  name: string;
  folderName?: string;
  startTime?: string;
  durationSeconds?: number;
  description?: string;
  /** The caption lines a search matched, when Panopto sent them. */
  matches?: readonly { text: string }[];
}

export interface SessionSearchSource<T extends PickableSession> {
  searchSessions(query: string, options: { signal?: AbortSignal }): Promise<T[]>;
}

export interface SessionPickerOptions {
  title: string;
  /** What to type; by default a search of one's recordings. */
  placeholder?: string;
  /** Buttons on each result (e.g. open, copy link); pressing one resolves with it. */
  buttons?: readonly (vscode.QuickInputButton & { id: string })[];
  /** Searched at once, as if typed. */
  initialQuery?: string;
  /** Where a failed search is logged. */
  log?: Log;
}

export interface SessionPick<T> {
  session: T;
  /** The result button pressed, when one was. */
  button?: string;
}

interface SessionItem<T> extends vscode.QuickPickItem {
  session: T;
}

export const SEARCH_DEBOUNCE_MS = 250;

/** "Folder · date · duration", the parts that are known (the pick list's and the hover's line). */
export function describeSession(session: PickableSession): string {
  const date = session.startTime ? new Date(session.startTime) : undefined;
  return [
    session.folderName,
    date && !Number.isNaN(date.getTime()) ? date.toLocaleDateString() : undefined,
    session.durationSeconds !== undefined ? formatDuration(session.durationSeconds) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function sessionItem(session: PickableSession): vscode.QuickPickItem {
  const match = session.matches?.[0]?.text;
  return {
    label: `$(device-camera-video) ${session.name}`,
    description: describeSession(session),
    detail: match ? `“${match}”` : session.description,
  };
}

export function pickSession<T extends PickableSession>(
  source: SessionSearchSource<T>,
  options: SessionPickerOptions,
): Promise<SessionPick<T> | undefined> {
  const quickPick = vscode.window.createQuickPick<SessionItem<T>>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder ?? vscode.l10n.t('Type to search your Panopto recordings');
  // Panopto already matched titles, descriptions and captions: the list must not filter its answer again.
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  let running: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  return new Promise<SessionPick<T> | undefined>((resolve, reject) => {
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
        options.log?.warn(`Recording search: ${errorMessage(error)}`);
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
    if (options.initialQuery) {
      quickPick.value = options.initialQuery;
      void search(options.initialQuery);
    }
  });
}
