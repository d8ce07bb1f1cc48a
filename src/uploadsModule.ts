// The uploads area: one upload queue (src/uploads/queue.ts) for every way in (the panopto.upload
// commands, a drop onto the Folders tree, PanoptoApi.upload), the Uploads view over it, and the
// resume store of the signed-in site and account, so uploads a closed window left unfinished come
// back and resume. Returns its parts, its view commands and disposables; src/extension.ts connects
// them to the other areas.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { PanoptoApi, UploadOptions, UploadResult } from './api';
import type { PanoptoClient } from './panopto/client';
import { Uploader, UploadInputError } from './panopto/uploader';
import { readUploadSettings } from './settings';
import { mediaOnly } from './ui/mediaFiles';
import { uploadWithProgress } from './ui/uploadProgress';
import { UploadQueue, type UploadItem } from './uploads/queue';
import { ResumeStore } from './uploads/resumeStore';
import { abortSignalFrom } from './util/cancellation';
import { errorMessage } from './util/errorMessage';
import type { Log } from './util/log';
import type { TreeNode } from './views/folderModel';
import { createUploadDropController } from './views/uploadDropController';
import { createUploadsView, UPLOADS_VIEW_ID } from './views/uploadsView';

export interface UploadTarget {
  id: string;
  name?: string;
}

export interface UploadsDeps {
  /** The client of the signed-in account (its calls reject with NotSignedInError when there is none). */
  client: PanoptoClient;
  log: Log;
  /** globalState keeps interrupted uploads; secrets their UploadTarget. */
  storage: Pick<vscode.ExtensionContext, 'globalState' | 'secrets'>;
  /** The signed-in accounts (AuthCore satisfies it): interrupted uploads belong to the active one. */
  accounts: UploadAccounts;
}

type Subscribe = (listener: () => void) => { dispose(): void };

export interface UploadAccounts {
  readonly onDidChangeSessions: Subscribe;
  readonly onDidChangeActiveAccount: Subscribe;
  listAccounts(): Promise<{ account: { id: string }; serverUrl: string; active: boolean }[]>;
}

export interface UploadsModule {
  /** PanoptoApi.upload, through the queue: no notification; a ProcessingError resolves to a `failed` result. */
  readonly upload: PanoptoApi['upload'];
  /** Queues the files for the folder; one file keeps a cancellable notification. Never rejects. */
  uploadFiles(files: vscode.Uri[], folder: UploadTarget): Promise<UploadResult[]>;
  /** For the Folders tree: files dropped on a folder (or on a recording, into its folder) upload there. */
  readonly dragAndDropController: vscode.TreeDragAndDropController<TreeNode>;
  /** Fired when an upload reached Panopto (complete or still processing). */
  readonly onDidUpload: vscode.Event<{ folderId: string; result: UploadResult }>;
  readonly queue: UploadQueue;
  /** The Uploads view's commands, for the command table. */
  readonly commands: Readonly<Record<string, (item?: UploadItem) => unknown>>;
  readonly disposables: vscode.Disposable[];
}

function localPath(file: vscode.Uri): string {
  if (file.scheme !== 'file') {
    throw new UploadInputError(vscode.l10n.t('Only files on disk can be uploaded ({0} is a {1}: resource).', file.toString(), file.scheme));
  }
  return file.fsPath;
}

function parallelFiles(): number {
  return vscode.workspace.getConfiguration('panopto.upload').get<number>('parallelFiles', 2);
}

export function createUploadsModule(deps: UploadsDeps): UploadsModule {
  const uploaded = new vscode.EventEmitter<{ folderId: string; result: UploadResult }>();
  // Settings are read per file, so a changed part size applies to the next file.
  const queue = new UploadQueue({
    createUploader: () => new Uploader({ client: deps.client, log: deps.log, ...readUploadSettings() }),
    parallelFiles,
    log: deps.log,
  });
  const view = createUploadsView(queue);
  const reached = (folderId: string, result: UploadResult) => {
    if (result.state === 'complete' || result.state === 'processing') {
      uploaded.fire({ folderId, result });
    }
  };

  // Interrupted uploads belong to a site and account: they are read (and resumed) once that account is signed in.
  let scope: string | undefined;
  const attachStore = async () => {
    const active = (await deps.accounts.listAccounts()).find((a) => a.active);
    const next = active ? `${active.serverUrl.replace(/\/+$/, '')}|${active.account.id}` : undefined;
    if (next === scope) return;
    scope = next;
    queue.setStore(next ? new ResumeStore(deps.storage.globalState, deps.storage.secrets, next) : undefined);
    await queue.restore();
    const waiting = queue.items().filter((i) => i.state === 'interrupted').length;
    if (waiting) deps.log.info(`${waiting} interrupted upload(s) of this account will resume`);
  };
  const attach = () => attachStore().catch((error: unknown) => deps.log.warn(`Could not read interrupted uploads: ${errorMessage(error)}`));
  void attach();
  const accountSubscriptions = [
    deps.accounts.onDidChangeSessions(() => void attach()),
    deps.accounts.onDidChangeActiveAccount(() => void attach()),
  ];

  const upload = async (file: vscode.Uri, folderId: string, options: UploadOptions = {}): Promise<UploadResult> => {
    if (typeof folderId !== 'string' || !folderId.trim()) {
      throw new TypeError(vscode.l10n.t('upload: a folder id is required.'));
    }
    const cancel = abortSignalFrom(options.token);
    try {
      const [{ item, done }] = queue.add(
        [{ filePath: localPath(file), folderId: folderId.trim(), title: options.title, description: options.description }],
        { onProgress: options.onProgress },
      );
      cancel.signal.addEventListener('abort', () => queue.cancel(item.id), { once: true });
      const result = await done;
      if (result.state === 'failed' && !result.uploadId && item.error !== undefined) {
        throw item.error instanceof Error ? item.error : new Error(errorMessage(item.error));
      }
      reached(folderId, result);
      return result;
    } finally {
      cancel.dispose();
    }
  };

  const uploadFiles = async (files: vscode.Uri[], folder: UploadTarget): Promise<UploadResult[]> => {
    const paths: string[] = [];
    for (const file of files) {
      try {
        paths.push(localPath(file));
      } catch (error) {
        void vscode.window.showErrorMessage(errorMessage(error));
      }
    }
    if (paths.length === 1) {
      const result = await uploadWithProgress(
        basename(paths[0]),
        folder.name,
        ({ signal, onProgress, onPhase }) => {
          const [{ item, done }] = queue.add([{ filePath: paths[0], folderId: folder.id, folderName: folder.name }], {
            onProgress,
            onPhase,
          });
          signal?.addEventListener('abort', () => queue.cancel(item.id), { once: true });
          // The notification reports a failure itself (with Sign In when that is the fix).
          return done.then((result) => {
            if (result.state === 'failed' && item.error !== undefined) {
              throw item.error instanceof Error ? item.error : new Error(errorMessage(item.error));
            }
            return result;
          });
        },
        deps.log,
      );
      reached(folder.id, result);
      return [result];
    }
    if (paths.length > 1) {
      void vscode.commands.executeCommand(`${UPLOADS_VIEW_ID}.focus`);
    }
    const added = queue.add(paths.map((filePath) => ({ filePath, folderId: folder.id, folderName: folder.name })));
    return Promise.all(
      added.map(async ({ done }) => {
        const result = await done;
        reached(folder.id, result);
        return result;
      }),
    );
  };

  const dragAndDropController = createUploadDropController<TreeNode>(async (files, folder) => {
    const media = mediaOnly(files);
    return media.length ? uploadFiles(media, folder) : [];
  }, deps.log);

  const commands: Record<string, (item?: UploadItem) => unknown> = {
    'panopto.uploads.cancel': (item) => item && queue.cancel(item.id),
    'panopto.uploads.retry': (item) => item && queue.retry(item.id),
    'panopto.uploads.resume': (item) => item && queue.retry(item.id),
    'panopto.uploads.openInPanopto': (item) => {
      const url = item?.result?.viewerUrl;
      return url ? vscode.env.openExternal(vscode.Uri.parse(url)) : undefined;
    },
    'panopto.uploads.revealFile': (item) => item && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(item.filePath)),
    'panopto.uploads.clearFinished': () => queue.clearFinished(),
  };

  return {
    upload,
    uploadFiles,
    dragAndDropController,
    onDidUpload: uploaded.event,
    queue,
    commands,
    disposables: [uploaded, ...accountSubscriptions, ...view.disposables, { dispose: () => queue.dispose() }],
  };
}
