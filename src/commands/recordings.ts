// Changing one folder or recording from the Folders tree: panopto.rename, panopto.editDescription,
// panopto.copyEmbedCode. Each takes (node, selectedNodes) as VS Code passes them from a menu, plus
// the new value as a third argument (so keybindings, other extensions and tests need no prompt).
// Only the changed item's folder redraws, from what it has loaded.
import * as vscode from 'vscode';
import type { FolderInfo, SessionInfo } from '../panopto/wire';
import type { SessionDetails } from '../api';
import { PanoptoInputError } from '../panopto/serviceErrors';
import type { Log } from '../util/log';
import type { FoldersView } from '../views/foldersTree';
import { targetsOf, type ChangeTarget } from '../views/treeTargets';
import { changeInTree, withViewProgress } from './treeChanges';

export interface RecordingServices {
  updateSession(id: string, changes: { name?: string; description?: string }): Promise<SessionDetails>;
  getSessionDetails(id: string): Promise<SessionDetails>;
  embedCode(session: Pick<SessionDetails, 'id' | 'name' | 'viewerUrl' | 'embedUrl'>): string;
}

export interface FolderChangeServices {
  updateFolder(id: string, changes: { name?: string; description?: string; parentId?: string }): Promise<FolderInfo>;
  getFolder(id: string): Promise<FolderInfo>;
}

export interface RecordingCommandDeps {
  view: FoldersView;
  sessions: RecordingServices;
  folders: FolderChangeServices;
  log: Log;
}

/** The one item a single-item command runs on; with several selected, the first. */
export function oneTarget(view: FoldersView, node: unknown, selected: unknown, what: string): ChangeTarget {
  const [target] = targetsOf(node, selected, view.treeView.selection);
  if (!target) {
    throw new PanoptoInputError(vscode.l10n.t('Choose a folder or recording in the Panopto view to {0}.', what));
  }
  return target;
}

async function applyChange(deps: RecordingCommandDeps, target: ChangeTarget, changes: { name?: string; description?: string }) {
  const what =
    changes.name !== undefined
      ? vscode.l10n.t('Renaming "{0}"…', target.name)
      : vscode.l10n.t('Saving the description of "{0}"…', target.name);
  return withViewProgress(what, () =>
    changeInTree(deps.view, target, async (): Promise<FolderInfo | SessionInfo> => {
      if (target.kind === 'session') {
        const updated = await deps.sessions.updateSession(target.id, changes);
        deps.view.model.sessionChanged(updated);
        return updated;
      }
      const updated = await deps.folders.updateFolder(target.id, changes);
      deps.view.model.folderChanged(updated);
      return updated;
    }),
  );
}

export async function rename(deps: RecordingCommandDeps, node?: unknown, selected?: unknown, newName?: unknown) {
  const target = oneTarget(deps.view, node, selected, vscode.l10n.t('rename'));
  const name =
    typeof newName === 'string'
      ? newName
      : await vscode.window.showInputBox({
          title: target.kind === 'session' ? vscode.l10n.t('Rename recording') : vscode.l10n.t('Rename folder'),
          value: target.name,
          valueSelection: [0, target.name.length],
          prompt: vscode.l10n.t('The new name of "{0}" in Panopto', target.name),
          validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('A name is required.')),
        });
  if (name === undefined || name.trim() === target.name) return undefined;
  const updated = await applyChange(deps, target, { name: name.trim() });
  deps.log.info(`Renamed ${target.kind} ${target.id}`);
  return updated;
}

export async function editDescription(deps: RecordingCommandDeps, node?: unknown, selected?: unknown, newDescription?: unknown) {
  const target = oneTarget(deps.view, node, selected, vscode.l10n.t('edit its description'));
  let description = typeof newDescription === 'string' ? newDescription : undefined;
  if (description === undefined) {
    const current =
      target.kind === 'session'
        ? (await deps.sessions.getSessionDetails(target.id)).description
        : (await deps.folders.getFolder(target.id)).description;
    description = await vscode.window.showInputBox({
      title: vscode.l10n.t('Description of "{0}"', target.name),
      value: current ?? '',
      prompt: vscode.l10n.t('What people see under the title in Panopto. Leave empty for none.'),
    });
    if (description === undefined || description === (current ?? '')) return undefined;
  }
  return applyChange(deps, target, { description });
}

export async function copyEmbedCode(deps: RecordingCommandDeps, node?: unknown, selected?: unknown): Promise<string | undefined> {
  const target = oneTarget(deps.view, node, selected, vscode.l10n.t('copy its embed code'));
  if (target.kind !== 'session') {
    throw new PanoptoInputError(vscode.l10n.t('Only a recording has an embed code; "{0}" is a folder.', target.name));
  }
  const details = await changeInTree(deps.view, target, () => deps.sessions.getSessionDetails(target.id));
  const code = deps.sessions.embedCode(details);
  await vscode.env.clipboard.writeText(code);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Embed code of "{0}" copied.', target.name), 3000);
  return code;
}
