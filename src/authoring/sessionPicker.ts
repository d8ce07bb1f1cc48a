// Search recordings as you type and pick one: a QuickPick whose items come from Panopto's search,
// debounced, each new query cancelling the request of the one before (a stale answer never
// replaces a newer one).
import * as vscode from 'vscode';
import { isCancellation } from '../ui/errors';
import { errorMessage } from '../util/errorMessage';

import { formatDuration } from '../util/duration';
import type { RecordingSource, RecordingSummary } from './recordings';

const DEBOUNCE_MS = 250;

interface RecordingItem extends vscode.QuickPickItem {
  recording: RecordingSummary;
}

export function describeRecording(recording: RecordingSummary): string {
  const date = recording.startTime ? new Date(recording.startTime) : undefined;
  return [
    recording.folderName,
    date && !Number.isNaN(date.getTime()) ? date.toLocaleDateString() : undefined,
    recording.durationSeconds !== undefined ? formatDuration(recording.durationSeconds) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Resolves to the picked recording, or undefined when the picker was dismissed. */
export function pickRecording(
  source: RecordingSource,
  options: { title?: string; initialQuery?: string } = {},
): Promise<RecordingSummary | undefined> {
  const picker = vscode.window.createQuickPick<RecordingItem>();
  picker.title = options.title ?? vscode.l10n.t('Insert Panopto Video');
  picker.placeholder = vscode.l10n.t('Type to search your Panopto recordings');
  picker.matchOnDescription = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  const search = (query: string) => {
    inFlight?.abort();
    clearTimeout(timer);
    if (!query.trim()) {
      picker.items = [];
      picker.busy = false;
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    picker.busy = true;
    timer = setTimeout(() => {
      source.searchSessions(query.trim(), { signal: controller.signal }).then(
        (found) => {
          if (controller.signal.aborted) return;
          picker.items = found.map((recording) => ({
            label: recording.name,
            description: describeRecording(recording),
            alwaysShow: true,
            recording,
          }));
          picker.busy = false;
        },
        (error: unknown) => {
          if (controller.signal.aborted || isCancellation(error)) return;
          picker.busy = false;
          picker.items = [];
          picker.placeholder = vscode.l10n.t('Search failed: {0}', errorMessage(error));
        },
      );
    }, DEBOUNCE_MS);
  };

  return new Promise((resolve) => {
    picker.onDidChangeValue(search);
    picker.onDidAccept(() => {
      const [picked] = picker.selectedItems;
      if (picked) {
        resolve(picked.recording);
        picker.hide();
      }
    });
    picker.onDidHide(() => {
      inFlight?.abort();
      clearTimeout(timer);
      picker.dispose();
      resolve(undefined);
    });
    picker.show();
    if (options.initialQuery) {
      picker.value = options.initialQuery;
      search(options.initialQuery);
    }
  });
}
