// How a change made from the Folders tree reports what Panopto refused, and what the tree does then:
// - 404: the item was renamed, moved or deleted elsewhere (another browser, a colleague), so its
//   folder reloads and the message says so;
// - 403: "You don't have permission to change <name> on <site>", with the name the user sees.
// Slow calls run under a progress indicator on the view. Everything is thrown to the one command
// wrapper (src/commands/register.ts), which shows it.
import * as vscode from 'vscode';
import { PanoptoNotFoundError, PanoptoPermissionError } from '../panopto/serviceErrors';
import type { FoldersView } from '../views/foldersTree';
import { FOLDERS_VIEW_ID } from '../views/foldersTree';
import type { ChangeTarget } from '../views/treeTargets';

/** The item is gone from where the tree showed it; its folder has been reloaded. */
export class ChangedElsewhereError extends Error {
  constructor(
    readonly target: ChangeTarget,
    options?: { cause?: unknown },
  ) {
    super(
      vscode.l10n.t('"{0}" was renamed, moved or deleted in Panopto since the tree showed it; its folder has been reloaded.', target.name),
      options,
    );
    this.name = 'ChangedElsewhereError';
  }
}

/** The folder that lists a target in the tree (undefined: the top level). */
export function containerOf(target: ChangeTarget): string | undefined {
  return target.kind === 'session' ? target.folderId : target.parentId;
}

/** Runs one change of `target`, turning Panopto's refusals into what the user should read. */
export async function changeInTree<T>(view: FoldersView, target: ChangeTarget, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof PanoptoNotFoundError && error.id === target.id) {
      view.model.reloadChildren(containerOf(target));
      throw new ChangedElsewhereError(target, { cause: error });
    }
    if (error instanceof PanoptoPermissionError && error.action === 'change' && error.targetName !== target.name && target.name) {
      throw new PanoptoPermissionError('change', target.name, error.site, { cause: error });
    }
    throw error;
  }
}

/** Shows a slow call as progress on the Folders view (and in the status bar while the view is hidden). */
export function withViewProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: FOLDERS_VIEW_ID }, title }, () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task),
  );
}
