// Where users reach uploads: `panopto.upload` (palette, explorer context menu on media files, other
// extensions through executeCommand), `panopto.uploadHere` (a folder in the tree), drag-and-drop onto
// the tree (src/views/uploadDropController.ts) and PanoptoApi.upload. All end in `startUploads` or
// `uploadForApi`, which run src/panopto/uploader.ts with the user's settings.
// Each file gets its own progress notification (bytes, percentage, cancel), then the processing
// state, then "Open in Panopto"; several files upload at once.
import * as vscode from 'vscode';
import { basename, extname } from 'node:path';
import type { Folder, PanoptoApi, UploadOptions, UploadResult } from '../api';
import { NotSignedInError } from '../panopto/access';
import type { PanoptoClient } from '../panopto/client';
import { DEFAULT_CONCURRENCY, MIB, Uploader, UploadInputError, UploadProcessingError, uploadToResult } from '../panopto/uploader';
import { abortSignalFrom } from '../util/cancellation';
import type { Log } from '../util/log';
import type { TreeNode } from '../views/folderModel';
import { createUploadDropController } from '../views/uploadDropController';

/** The media types offered in the file picker and accepted by drag-and-drop (as the explorer menu). */
export const MEDIA_EXTENSIONS = ['mp4', 'mov', 'm4v', 'mkv', 'avi', 'wmv', 'webm', 'mp3', 'm4a', 'wav'];

/** Files uploading at once; each also has `panopto.upload.concurrency` parts in flight. */
const PARALLEL_FILES = 3;

export interface UploadDeps {
  /** The client of the signed-in account (rejects, e.g. with NotSignedInError, when there is none). */
  client(): PanoptoClient | Promise<PanoptoClient>;
  /** For the folder quick pick: the top level, and a search by name. */
  folders: {
    listFolders(parentId?: string): Promise<Folder[]>;
    searchFolders(query: string): Promise<Folder[]>;
  };
  log: Log;
  /** Told when an upload reached Panopto (to refresh that folder in the tree). */
  onUploaded?(folderId: string, result: UploadResult): void;
}

function uploaderSettings(): { partSizeBytes: number; concurrency: number } {
  const config = vscode.workspace.getConfiguration('panopto.upload');
  return {
    partSizeBytes: config.get<number>('partSizeMiB', 10) * MIB,
    concurrency: config.get<number>('concurrency', DEFAULT_CONCURRENCY),
  };
}

async function createUploader(deps: UploadDeps): Promise<Uploader> {
  return new Uploader({ client: await deps.client(), log: deps.log, ...uploaderSettings() });
}

function localPath(file: vscode.Uri): string {
  if (file.scheme !== 'file') {
    throw new UploadInputError(vscode.l10n.t('Only files on disk can be uploaded ({0} is a {1}: resource).', file.toString(), file.scheme));
  }
  return file.fsPath;
}

/** PanoptoApi.upload: no UI; a ProcessingError resolves to a `failed` result with Panopto's message. */
export function uploadForApi(deps: UploadDeps): (file: vscode.Uri, folderId: string, options?: UploadOptions) => Promise<UploadResult> {
  return async (file, folderId, options = {}) => {
    if (typeof folderId !== 'string' || !folderId.trim()) {
      throw new TypeError(vscode.l10n.t('upload: a folder id is required.'));
    }
    const cancel = abortSignalFrom(options.token);
    try {
      const uploader = await createUploader(deps);
      const result = await uploadToResult(uploader, {
        filePath: localPath(file),
        folderId: folderId.trim(),
        title: options.title,
        description: options.description,
        onProgress: options.onProgress,
        signal: cancel.signal,
      });
      if (result.state === 'complete' || result.state === 'processing') {
        deps.onUploaded?.(folderId, result);
      }
      return result;
    } finally {
      cancel.dispose();
    }
  };
}

/** Gathers the `(uri?, uris?)` arguments VS Code passes from the explorer (a multi-selection comes in `uris`). */
function filesFromArgs(uri: unknown, uris: unknown): vscode.Uri[] {
  const list = Array.isArray(uris) && uris.length ? uris : uri ? [uri] : [];
  return list.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
}

function folderIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.trim()) {
    return arg.trim();
  }
  // A node of the Folders tree ({ kind: 'folder', id }), or a session node (upload next to it).
  if (typeof arg === 'object' && arg !== null) {
    const node = arg as { kind?: unknown; id?: unknown; parent?: { id?: unknown } };
    if (node.kind === 'folder' && typeof node.id === 'string') {
      return node.id;
    }
    if (node.kind === 'session' && typeof node.parent?.id === 'string') {
      return node.parent.id;
    }
  }
  return undefined;
}

export function isMediaFile(uri: vscode.Uri): boolean {
  return MEDIA_EXTENSIONS.includes(extname(uri.path).slice(1).toLowerCase());
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

interface FolderPick extends vscode.QuickPickItem {
  folder: Folder;
}

/** A quick pick of folders: the top level at first, Panopto's folder search as the user types. */
export async function pickFolder(deps: UploadDeps, title: string): Promise<Folder | undefined> {
  const quickPick = vscode.window.createQuickPick<FolderPick>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Type to search your Panopto folders');
  quickPick.matchOnDescription = true;
  const toItems = (folders: Folder[], fromSearch: boolean): FolderPick[] =>
    folders.map((folder) => ({ label: `$(folder) ${folder.name}`, folder, alwaysShow: fromSearch }));
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  const load = async (query: string) => {
    const mine = ++generation;
    quickPick.busy = true;
    try {
      const folders = query.trim().length >= 2 ? await deps.folders.searchFolders(query) : await deps.folders.listFolders();
      if (mine === generation) {
        quickPick.items = toItems(folders, query.trim().length >= 2);
        if (!folders.length) {
          quickPick.placeholder = vscode.l10n.t('No folder matches "{0}"', query);
        }
      }
    } catch (error) {
      if (error instanceof NotSignedInError) {
        quickPick.hide();
        offerSignIn(vscode.l10n.t('Sign in to Panopto to choose a folder.'));
        return;
      }
      if (mine === generation) {
        quickPick.items = [];
        quickPick.placeholder = error instanceof Error ? error.message : String(error);
        deps.log.warn(`Folder pick: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      if (mine === generation) {
        quickPick.busy = false;
      }
    }
  };
  return new Promise<Folder | undefined>((resolve) => {
    const disposables: vscode.Disposable[] = [
      quickPick.onDidChangeValue((value) => {
        clearTimeout(timer);
        timer = setTimeout(() => void load(value), 250); // debounce: one search per pause in typing
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
        resolve(undefined);
        disposables.forEach((d) => d.dispose());
        quickPick.dispose();
      }),
    ];
    quickPick.show();
    void load('');
  });
}

/** Not signed in: say so with a way out, instead of a bare error. */
function offerSignIn(message: string): void {
  const signIn = vscode.l10n.t('Sign In');
  void vscode.window.showErrorMessage(message, signIn).then((choice) => {
    if (choice === signIn) {
      void vscode.commands.executeCommand('panopto.signIn');
    }
  });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * MIB) return `${(bytes / MIB).toFixed(1)} MB`;
  return `${(bytes / 1024 / MIB).toFixed(2)} GB`;
}

/** One file with its own notification. Resolves to its result (never rejects: failures are shown and returned). */
async function uploadWithProgress(deps: UploadDeps, file: vscode.Uri, folder: { id: string; name?: string }): Promise<UploadResult> {
  const name = basename(file.path);
  const title = folder.name ? vscode.l10n.t('Uploading {0} to {1}', name, folder.name) : vscode.l10n.t('Uploading {0}', name);
  let result: UploadResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const cancel = abortSignalFrom(token);
        let reportedPercent = 0;
        let lastReport = 0;
        try {
          const uploader = await createUploader(deps);
          return await uploader.upload({
            filePath: localPath(file),
            folderId: folder.id,
            signal: cancel.signal,
            onProgress: ({ bytesSent, totalBytes }) => {
              const now = Date.now();
              const percent = totalBytes ? Math.floor((bytesSent / totalBytes) * 100) : 100;
              if (now - lastReport < 200 && bytesSent < totalBytes) return; // a notification needs no more than 5 updates a second
              lastReport = now;
              progress.report({
                increment: Math.max(0, percent - reportedPercent),
                message: vscode.l10n.t('{0} of {1} ({2}%)', formatBytes(bytesSent), formatBytes(totalBytes), percent),
              });
              reportedPercent = Math.max(reportedPercent, percent);
            },
            onPhase: (phase) => {
              if (phase === 'processing') {
                progress.report({ message: vscode.l10n.t('Sent. Panopto is processing the video…') });
              }
            },
          });
        } finally {
          cancel.dispose();
        }
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error(`Upload of ${name} failed: ${message}`);
    if (error instanceof NotSignedInError) {
      offerSignIn(vscode.l10n.t('Sign in to Panopto to upload {0}.', name));
      return { uploadId: '', state: 'failed', message };
    }
    if (error instanceof UploadProcessingError) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Panopto could not process {0}: {1}', name, error.result.message ?? error.message));
      return error.result;
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('Upload of {0} failed: {1}', name, message));
    return { uploadId: '', state: 'failed', message };
  }
  announce(name, result);
  if (result.state === 'complete' || result.state === 'processing') {
    deps.onUploaded?.(folder.id, result);
  }
  return result;
}

function announce(name: string, result: UploadResult): void {
  const open = vscode.l10n.t('Open in Panopto');
  const offerLink = (message: string) =>
    vscode.window.showInformationMessage(message, ...(result.viewerUrl ? [open] : [])).then((choice) => {
      if (choice === open && result.viewerUrl) {
        void vscode.env.openExternal(vscode.Uri.parse(result.viewerUrl));
      }
    });
  switch (result.state) {
    case 'complete':
      void offerLink(vscode.l10n.t('{0} is ready in Panopto.', name));
      break;
    case 'processing':
      void offerLink(vscode.l10n.t('{0} was uploaded; Panopto is still processing it.', name));
      break;
    case 'cancelled':
      void vscode.window.showInformationMessage(vscode.l10n.t('Upload of {0} cancelled.', name));
      break;
    default:
      break;
  }
}

/** Uploads the files to the folder, PARALLEL_FILES at a time, each with its own notification. */
export async function startUploads(deps: UploadDeps, files: vscode.Uri[], folder: { id: string; name?: string }): Promise<UploadResult[]> {
  const results: UploadResult[] = new Array<UploadResult>(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await uploadWithProgress(deps, files[index], folder);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_FILES, files.length) }, lane));
  return results;
}

/** Keeps media files; says which others were left out. */
function mediaOnly(files: vscode.Uri[]): vscode.Uri[] {
  const media = files.filter(isMediaFile);
  const skipped = files.filter((f) => !isMediaFile(f)).map((f) => basename(f.path));
  if (skipped.length) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Not uploaded (not a video or audio file): {0}', skipped.join(', ')),
    );
  }
  return media;
}

/** For drag-and-drop onto the tree: media files only, into the given folder. */
export function uploadFilesTo(deps: UploadDeps): (files: vscode.Uri[], folder: { id: string; name?: string }) => Promise<UploadResult[]> {
  return async (files, folder) => {
    const media = mediaOnly(files);
    return media.length ? startUploads(deps, media, folder) : [];
  };
}

/** `panopto.upload (uri?, uris?, folderId?)` and `panopto.uploadHere (folder node)`. */
export async function uploadCommand(deps: UploadDeps, uri?: unknown, uris?: unknown, folderArg?: unknown): Promise<UploadResult[]> {
  const given = filesFromArgs(uri, uris);
  const files = given.length ? mediaOnly(given) : await pickFiles();
  if (!files.length) {
    return [];
  }
  let folder: { id: string; name?: string } | undefined;
  const folderId = folderIdFromArg(folderArg);
  if (folderId) {
    const node = folderArg as { folder?: { name?: unknown } } | undefined;
    folder = { id: folderId, name: typeof node?.folder?.name === 'string' ? node.folder.name : undefined };
  } else {
    const title =
      files.length === 1
        ? vscode.l10n.t('Upload {0} to which Panopto folder?', basename(files[0].path))
        : vscode.l10n.t('Upload {0} files to which Panopto folder?', files.length);
    folder = await pickFolder(deps, title);
  }
  if (!folder) {
    return [];
  }
  return startUploads(deps, files, folder);
}

export interface UploadFeature {
  /** PanoptoApi.upload for createPanoptoApi. */
  readonly upload: PanoptoApi['upload'];
  /** Pass to registerFolders({ dragAndDropController }) so files dropped on a folder upload there. */
  readonly dragAndDropController: vscode.TreeDragAndDropController<TreeNode>;
}

/**
 * The one call extension.ts makes for uploads: registers panopto.upload and panopto.uploadHere and
 * returns the API method and the tree's drop controller.
 */
export function registerUploads(context: vscode.ExtensionContext, deps: UploadDeps): UploadFeature {
  registerUploadCommands(context, deps);
  return {
    upload: uploadForApi(deps),
    dragAndDropController: createUploadDropController<TreeNode>(uploadFilesTo(deps), deps.log),
  };
}

export function registerUploadCommands(context: vscode.ExtensionContext, deps: UploadDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('panopto.upload', (uri?: unknown, uris?: unknown, folderId?: unknown) =>
      uploadCommand(deps, uri, uris, folderId),
    ),
    vscode.commands.registerCommand('panopto.uploadHere', (node?: unknown) => uploadCommand(deps, undefined, undefined, node)),
  );
}
