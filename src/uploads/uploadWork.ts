// The working part of the uploads area, loaded on the first upload or when interrupted uploads wait
// (src/features/load.ts): the one upload queue (./queue.ts) for every way in (the panopto.upload
// commands, a drop onto the Folders tree, PanoptoApi.upload) and the resume store of the signed-in
// site and account. src/uploadsModule.ts registers the view and the commands at activation and
// makes this on first use.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { UploadOptions, UploadResult } from '../api';
import { DEFAULT_CONCURRENCY, MIB, Uploader, UploadInputError } from '../panopto/uploader';
import { uploadWithProgress } from '../ui/uploadProgress';
import type { UploadsDeps, UploadTarget } from '../uploadsModule';
import { abortSignalFrom } from '../util/cancellation';
import { errorMessage } from '../util/errorMessage';
import { UPLOADS_VIEW_ID } from '../views/uploadsView';
import { UploadQueue } from './queue';
import { ResumeStore } from './resumeStore';

export interface UploadWorkDeps extends UploadsDeps {
  /** Called with each upload's result (src/uploadsModule.ts tells the others of those that reached Panopto). */
  reached(folderId: string, result: UploadResult): void;
}

export interface UploadWork {
  readonly queue: UploadQueue;
  upload(file: vscode.Uri, folderId: string, options?: UploadOptions): Promise<UploadResult>;
  uploadFiles(files: vscode.Uri[], folder: UploadTarget): Promise<UploadResult[]>;
  /** Records uploads for this site and account from now on, and resumes the ones it left unfinished. */
  setScope(scope: string | undefined): Promise<void>;
}

function localPath(file: vscode.Uri): string {
  if (file.scheme !== 'file') {
    throw new UploadInputError(vscode.l10n.t('Only files on disk can be uploaded ({0} is a {1}: resource).', file.toString(), file.scheme));
  }
  return file.fsPath;
}

/** panopto.upload.*, read per file, so a changed part size applies to the next file. */
function readUploadSettings(): { partSizeBytes: number; concurrency: number } {
  const config = vscode.workspace.getConfiguration('panopto.upload');
  return {
    partSizeBytes: config.get<number>('partSizeMiB', 10) * MIB,
    concurrency: config.get<number>('concurrency', DEFAULT_CONCURRENCY),
  };
}

function parallelFiles(): number {
  return vscode.workspace.getConfiguration('panopto.upload').get<number>('parallelFiles', 2);
}

export function createUploadWork(deps: UploadWorkDeps): UploadWork {
  const queue = new UploadQueue({
    createUploader: () => new Uploader({ client: deps.client, log: deps.log, ...readUploadSettings() }),
    parallelFiles,
    log: deps.log,
  });

  // Interrupted uploads belong to a site and account: they are read (and resumed) once that account is signed in.
  let scope: string | undefined;
  const setScope = async (next: string | undefined) => {
    if (next === scope) return;
    scope = next;
    queue.setStore(next ? new ResumeStore(deps.storage.globalState, deps.storage.secrets, next) : undefined);
    await queue.restore();
    const waiting = queue.items().filter((i) => i.state === 'interrupted').length;
    if (waiting) deps.log.info(`${waiting} interrupted upload(s) of this account will resume`);
  };

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
      deps.reached(folderId, result);
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
      deps.reached(folder.id, result);
      return [result];
    }
    if (paths.length > 1) {
      void vscode.commands.executeCommand(`${UPLOADS_VIEW_ID}.focus`);
    }
    const added = queue.add(paths.map((filePath) => ({ filePath, folderId: folder.id, folderName: folder.name })));
    return Promise.all(
      added.map(async ({ done }) => {
        const result = await done;
        deps.reached(folder.id, result);
        return result;
      }),
    );
  };

  return { queue, upload, uploadFiles, setScope };
}
