// The uploads area: one upload queue for every way in (the panopto.upload commands, a drop onto the
// Folders tree, PanoptoApi.upload), the Uploads view over it, and the resume store of the signed-in
// site and account, so uploads a closed window left unfinished come back and resume. Returns its
// parts, its view commands and disposables; src/extension.ts connects them to the other areas.
//
// Activation registers the view, the drop controller and the commands only; the queue and the
// uploader (src/uploads/uploadWork.ts) load on the first upload, or at once when the signed-in
// account has interrupted uploads to resume (src/features/load.ts says why).
import * as vscode from 'vscode';
import type { PanoptoApi, UploadResult } from './api';
import { features } from './features/load';
import type { PanoptoClient } from './panopto/client';
import { mediaOnly } from './ui/mediaFiles';
import type { UploadItem } from './uploads/queueItem';
import { hasInterruptedUploads } from './uploads/resumeRecords';
import type { UploadWork } from './uploads/uploadWork';
import { errorMessage } from './util/errorMessage';
import type { Log } from './util/log';
import type { TreeNode } from './views/folderModel';
import { createUploadDropController } from './views/uploadDropController';
import { createUploadsView } from './views/uploadsView';

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
  /** The Uploads view's commands, for the command table. */
  readonly commands: Readonly<Record<string, (item?: UploadItem) => unknown>>;
  readonly disposables: vscode.Disposable[];
}

export function createUploadsModule(deps: UploadsDeps): UploadsModule {
  const uploaded = new vscode.EventEmitter<{ folderId: string; result: UploadResult }>();
  const view = createUploadsView();
  // The signed-in site and account (`origin|account id`), as last read.
  let scope: string | undefined;
  let work: UploadWork | undefined;
  const load = (): UploadWork => {
    if (!work) {
      work = features().createUploadWork({
        ...deps,
        reached: (folderId, result) => {
          if (result.state === 'complete' || result.state === 'processing') {
            uploaded.fire({ folderId, result });
          }
        },
      });
      view.show(work.queue);
      void work.setScope(scope).catch((error: unknown) => deps.log.warn(`Could not read interrupted uploads: ${errorMessage(error)}`));
    }
    return work;
  };

  // Interrupted uploads belong to a site and account: they are read (and resumed) once that account is signed in.
  const attachStore = async () => {
    const active = (await deps.accounts.listAccounts()).find((a) => a.active);
    const next = active ? `${active.serverUrl.replace(/\/+$/, '')}|${active.account.id}` : undefined;
    if (next === scope) return;
    scope = next;
    if (work || (next && hasInterruptedUploads(deps.storage.globalState, next))) {
      await load().setScope(next);
    }
  };
  const attach = () => attachStore().catch((error: unknown) => deps.log.warn(`Could not read interrupted uploads: ${errorMessage(error)}`));
  void attach();
  const accountSubscriptions = [
    deps.accounts.onDidChangeSessions(() => void attach()),
    deps.accounts.onDidChangeActiveAccount(() => void attach()),
  ];

  const uploadFiles = (files: vscode.Uri[], folder: UploadTarget) => load().uploadFiles(files, folder);
  const dragAndDropController = createUploadDropController<TreeNode>(async (files, folder) => {
    const media = mediaOnly(files);
    return media.length ? uploadFiles(media, folder) : [];
  }, deps.log);

  // Each row is an item of the queue, so a command on a row finds the queue made.
  const commands: Record<string, (item?: UploadItem) => unknown> = {
    'panopto.uploads.cancel': (item) => item && work?.queue.cancel(item.id),
    'panopto.uploads.retry': (item) => item && work?.queue.retry(item.id),
    'panopto.uploads.resume': (item) => item && work?.queue.retry(item.id),
    'panopto.uploads.openInPanopto': (item) => {
      const url = item?.result?.viewerUrl;
      return url ? vscode.env.openExternal(vscode.Uri.parse(url)) : undefined;
    },
    'panopto.uploads.revealFile': (item) => item && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(item.filePath)),
    'panopto.uploads.clearFinished': () => work?.queue.clearFinished(),
  };

  return {
    upload: (file, folderId, options) => load().upload(file, folderId, options),
    uploadFiles,
    dragAndDropController,
    onDidUpload: uploaded.event,
    commands,
    disposables: [uploaded, ...accountSubscriptions, ...view.disposables, { dispose: () => work?.queue.dispose() }],
  };
}
