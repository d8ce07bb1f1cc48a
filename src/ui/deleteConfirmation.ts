// The modal question before panopto.delete: it names what goes, says that a folder takes everything
// inside it along (Panopto's rule for DELETE /folders/{id}, docs/panopto.md#changing-folders-and-sessions)
// and that Panopto then applies the site's retention policy, which VS Code cannot undo.
import * as vscode from 'vscode';
import type { ChangeTarget } from '../views/treeTargets';

/** What a folder holds one level down, when it could be counted. */
export interface FolderContents {
  folders: number;
  sessions: number;
}

const LISTED = 8;

function quoted(target: ChangeTarget): string {
  return target.kind === 'folder' ? vscode.l10n.t('the folder "{0}"', target.name) : vscode.l10n.t('the recording "{0}"', target.name);
}

function contentsLine(target: ChangeTarget, contents: FolderContents | undefined): string {
  if (!contents) return vscode.l10n.t('Everything inside "{0}" is deleted with it: its recordings and subfolders.', target.name);
  if (contents.folders === 0 && contents.sessions === 0) return vscode.l10n.t('"{0}" is empty.', target.name);
  return vscode.l10n.t(
    'Everything inside "{0}" is deleted with it: {1} recording(s) and {2} subfolder(s) with all they contain.',
    target.name,
    contents.sessions,
    contents.folders,
  );
}

export function deleteQuestion(targets: ChangeTarget[], contents: Map<string, FolderContents | undefined>, site: string) {
  const message =
    targets.length === 1
      ? vscode.l10n.t('Delete {0} from Panopto?', quoted(targets[0]))
      : vscode.l10n.t('Delete these {0} items from Panopto?', targets.length);
  const lines: string[] = [];
  if (targets.length > 1) {
    lines.push(...targets.slice(0, LISTED).map((t) => `• ${quoted(t)}`));
    if (targets.length > LISTED) lines.push(vscode.l10n.t('…and {0} more', targets.length - LISTED));
    lines.push('');
  }
  for (const target of targets.filter((t) => t.kind === 'folder')) lines.push(contentsLine(target, contents.get(target.id)));
  lines.push(
    vscode.l10n.t(
      'Panopto deletes recordings according to the retention policy of {0}: whether they can be restored (for example from a recycle bin, by an administrator) depends on that site. VS Code cannot undo this.',
      site,
    ),
  );
  return { message, detail: lines.join('\n') };
}

/** Asks; true only for the Delete button (Escape, Cancel or a refused dialog keep everything). */
export async function confirmDelete(
  targets: ChangeTarget[],
  contents: Map<string, FolderContents | undefined>,
  site: string,
): Promise<boolean> {
  const { message, detail } = deleteQuestion(targets, contents, site);
  const remove = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, remove);
  return answer === remove;
}
