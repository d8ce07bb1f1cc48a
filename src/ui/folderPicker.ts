// The one folder quick pick, for panopto.searchFolders (reveal the folder in the tree) and for
// uploads (which folder to upload into). It searches Panopto as the user types, one search per
// pause in typing, and shows only the answer to the latest query. "Not signed in" closes it and
// rejects, so the caller's error handling offers Sign In; other failures are shown in its title.
import * as vscode from 'vscode';
import { NotSignedInError } from '../panopto/access';
import type { FolderInfo } from '../panopto/wire';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

export interface FolderPickerSource {
  /** The top-level folders. */
  listFolders(): Promise<FolderInfo[]>;
  searchFolders(query: string): Promise<FolderInfo[]>;
}

export interface FolderPickerOptions {
  title?: string;
  placeholder: string;
  /** List the top-level folders until the user has typed enough to search (else an empty list). */
  showTopLevel: boolean;
}

interface FolderPick extends vscode.QuickPickItem {
  folder: FolderInfo;
}

const DEBOUNCE_MS = 250;

export function pickFolder(source: FolderPickerSource, log: Log, options: FolderPickerOptions): Promise<FolderInfo | undefined> {
  const quickPick = vscode.window.createQuickPick<FolderPick>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  quickPick.matchOnDescription = true;
  // With the top level listed, one typed letter filters that list; from two on, Panopto searches.
  const minQueryLength = options.showTopLevel ? 2 : 1;
  const showStatus = (status: string | undefined) => {
    quickPick.title = [options.title, status].filter(Boolean).join(' · ') || undefined;
  };
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  return new Promise<FolderInfo | undefined>((resolve, reject) => {
    let failure: NotSignedInError | undefined;
    const load = async (query: string) => {
      const mine = ++generation;
      const searching = query.trim().length >= minQueryLength;
      if (!searching && !options.showTopLevel) {
        quickPick.items = [];
        quickPick.busy = false;
        showStatus(undefined);
        return;
      }
      quickPick.busy = true;
      try {
        const folders = searching ? await source.searchFolders(query) : await source.listFolders();
        if (mine !== generation) return; // a newer query is on its way
        quickPick.items = folders.map((folder) => ({
          label: `$(folder) ${folder.name}`,
          description: folder.parentName,
          detail: folder.description,
          folder,
          alwaysShow: searching,
        }));
        showStatus(searching && folders.length === 0 ? vscode.l10n.t('No folder matches "{0}".', query) : undefined);
      } catch (error) {
        if (error instanceof NotSignedInError) {
          failure = error;
          quickPick.hide();
          return;
        }
        if (mine !== generation) return;
        log.warn(`Folder pick: ${errorMessage(error)}`);
        quickPick.items = [];
        showStatus(errorMessage(error));
      } finally {
        if (mine === generation) quickPick.busy = false;
      }
    };
    const disposables: vscode.Disposable[] = [
      quickPick.onDidChangeValue((value) => {
        clearTimeout(timer);
        timer = setTimeout(() => void load(value), DEBOUNCE_MS);
      }),
      quickPick.onDidAccept(() => {
        const chosen = quickPick.selectedItems[0]?.folder;
        if (chosen) {
          resolve(chosen);
          quickPick.hide();
        }
      }),
      quickPick.onDidHide(() => {
        clearTimeout(timer);
        if (failure) {
          reject(failure);
        } else {
          resolve(undefined);
        }
        for (const d of disposables) {
          d.dispose();
        }
        quickPick.dispose();
      }),
    ];
    quickPick.show();
    void load('');
  });
}
