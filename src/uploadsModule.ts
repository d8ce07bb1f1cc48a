// The uploads area: runs src/panopto/uploader.ts with the user's settings for the three ways in
// (the panopto.upload commands, a drop onto the Folders tree, PanoptoApi.upload). Returns its parts
// and their disposables; src/extension.ts connects them to the other areas.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { PanoptoApi, UploadOptions, UploadResult } from './api';
import type { PanoptoClient } from './panopto/client';
import { Uploader, UploadInputError, uploadToResult } from './panopto/uploader';
import { readUploadSettings } from './settings';
import { mediaOnly } from './ui/mediaFiles';
import { uploadWithProgress } from './ui/uploadProgress';
import { abortSignalFrom } from './util/cancellation';
import type { Log } from './util/log';
import type { TreeNode } from './views/folderModel';
import { createUploadDropController } from './views/uploadDropController';

/** Files uploading at once; each also has `panopto.upload.concurrency` parts in flight. */
const PARALLEL_FILES = 3;

export interface UploadTarget {
  id: string;
  name?: string;
}

export interface UploadsDeps {
  /** The client of the signed-in account (its calls reject with NotSignedInError when there is none). */
  client: PanoptoClient;
  log: Log;
}

export interface UploadsModule {
  /** PanoptoApi.upload: no UI; a ProcessingError resolves to a `failed` result with Panopto's message. */
  readonly upload: PanoptoApi['upload'];
  /** Uploads the files into the folder, PARALLEL_FILES at a time, each with its own notification. Never rejects. */
  uploadFiles(files: vscode.Uri[], folder: UploadTarget): Promise<UploadResult[]>;
  /** For the Folders tree: files dropped on a folder (or on a recording, into its folder) upload there. */
  readonly dragAndDropController: vscode.TreeDragAndDropController<TreeNode>;
  /** Fired when an upload reached Panopto (complete or still processing). */
  readonly onDidUpload: vscode.Event<{ folderId: string; result: UploadResult }>;
  readonly disposables: vscode.Disposable[];
}

function localPath(file: vscode.Uri): string {
  if (file.scheme !== 'file') {
    throw new UploadInputError(vscode.l10n.t('Only files on disk can be uploaded ({0} is a {1}: resource).', file.toString(), file.scheme));
  }
  return file.fsPath;
}

export function createUploadsModule(deps: UploadsDeps): UploadsModule {
  const uploaded = new vscode.EventEmitter<{ folderId: string; result: UploadResult }>();
  // Settings are read per upload, so a changed part size applies to the next file.
  const createUploader = () => new Uploader({ client: deps.client, log: deps.log, ...readUploadSettings() });
  const reached = (folderId: string, result: UploadResult) => {
    if (result.state === 'complete' || result.state === 'processing') {
      uploaded.fire({ folderId, result });
    }
  };

  const upload = async (file: vscode.Uri, folderId: string, options: UploadOptions = {}): Promise<UploadResult> => {
    if (typeof folderId !== 'string' || !folderId.trim()) {
      throw new TypeError(vscode.l10n.t('upload: a folder id is required.'));
    }
    const cancel = abortSignalFrom(options.token);
    try {
      const result = await uploadToResult(createUploader(), {
        filePath: localPath(file),
        folderId: folderId.trim(),
        title: options.title,
        description: options.description,
        onProgress: options.onProgress,
        signal: cancel.signal,
      });
      reached(folderId, result);
      return result;
    } finally {
      cancel.dispose();
    }
  };

  const uploadOne = async (file: vscode.Uri, folder: UploadTarget): Promise<UploadResult> => {
    const result = await uploadWithProgress(
      basename(file.path),
      folder.name,
      (options) => createUploader().upload({ filePath: localPath(file), folderId: folder.id, ...options }),
      deps.log,
    );
    reached(folder.id, result);
    return result;
  };

  const uploadFiles = async (files: vscode.Uri[], folder: UploadTarget): Promise<UploadResult[]> => {
    const results: UploadResult[] = new Array<UploadResult>(files.length);
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const index = next++;
        results[index] = await uploadOne(files[index], folder);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_FILES, files.length) }, lane));
    return results;
  };

  const dragAndDropController = createUploadDropController<TreeNode>(async (files, folder) => {
    const media = mediaOnly(files);
    return media.length ? uploadFiles(media, folder) : [];
  }, deps.log);

  return { upload, uploadFiles, dragAndDropController, onDidUpload: uploaded.event, disposables: [uploaded] };
}
