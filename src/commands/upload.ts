// `panopto.upload (uri?, uris?, folderId?)` (palette, explorer context menu on media files, other
// extensions through executeCommand) and `panopto.uploadHere (folder node)`: works out the files
// and the folder (asking for what is missing), then hands them to the uploads area
// (src/uploadsModule.ts), which shows each file's progress and outcome.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { UploadResult } from '../api';
import { NotSignedInError } from '../panopto/access';
import { pickFolder, type FolderPickerSource } from '../ui/folderPicker';
import { reportError } from '../ui/errors';
import { MEDIA_EXTENSIONS, mediaOnly } from '../ui/mediaFiles';
import type { Log } from '../util/log';
import { folderOfNode } from '../views/treeTargets';
import type { UploadsModule, UploadTarget } from '../uploadsModule';

export interface UploadCommandDeps {
  uploads: Pick<UploadsModule, 'uploadFiles'>;
  /** For the folder quick pick. */
  folders: FolderPickerSource;
  log: Log;
}

/** Gathers the `(uri?, uris?)` arguments VS Code passes from the explorer (a multi-selection comes in `uris`). */
function filesFromArgs(uri: unknown, uris: unknown): vscode.Uri[] {
  const list = Array.isArray(uris) && uris.length ? uris : uri ? [uri] : [];
  return list.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
}

/** A folder id, or a node of the Folders tree (a recording's node means its folder). */
function folderFromArg(arg: unknown): UploadTarget | undefined {
  if (typeof arg === 'string' && arg.trim()) {
    return { id: arg.trim() };
  }
  return folderOfNode(arg);
}

async function pickFiles(): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: vscode.l10n.t('Upload to Panopto'),
    title: vscode.l10n.t('Choose video or audio files to upload'),
    filters: { [vscode.l10n.t('Video and audio')]: MEDIA_EXTENSIONS, [vscode.l10n.t('All files')]: ['*'] },
  });
  return picked ?? [];
}

/** Resolves to one result per file (an empty list when nothing was chosen); per-file failures are in the results. */
export async function uploadCommand(deps: UploadCommandDeps, uri?: unknown, uris?: unknown, folderArg?: unknown): Promise<UploadResult[]> {
  const given = filesFromArgs(uri, uris);
  const files = given.length ? mediaOnly(given) : await pickFiles();
  if (!files.length) {
    return [];
  }
  let folder = folderFromArg(folderArg);
  if (!folder) {
    const title =
      files.length === 1
        ? vscode.l10n.t('Upload {0} to which Panopto folder?', basename(files[0].path))
        : vscode.l10n.t('Upload {0} files to which Panopto folder?', files.length);
    try {
      folder = await pickFolder(deps.folders, deps.log, {
        title,
        placeholder: vscode.l10n.t('Type to search your Panopto folders'),
        showTopLevel: true,
      });
    } catch (error) {
      // Shown here rather than by the command wrapper: the command still resolves to a list, as its callers expect.
      const message = error instanceof NotSignedInError ? vscode.l10n.t('Sign in to Panopto to choose a folder.') : undefined;
      reportError(error, deps.log, { action: 'panopto.upload', message });
      return [];
    }
  }
  return folder ? deps.uploads.uploadFiles(files, folder) : [];
}
