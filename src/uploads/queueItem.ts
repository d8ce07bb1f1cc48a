// What the upload queue (./queue.ts) says about one file: where it goes, how far it is, its state;
// the Uploads view (src/views/uploadsView.ts) shows these rows.
import type { UploadResult } from '../api';

export type UploadItemState = 'queued' | 'uploading' | 'interrupted' | 'processing' | 'complete' | 'failed' | 'cancelled';

export interface QueuedFile {
  filePath: string;
  folderId: string;
  folderName?: string;
  title?: string;
  description?: string;
}

export interface UploadItem extends QueuedFile {
  readonly id: string;
  readonly fileName: string;
  state: UploadItemState;
  bytesSent: number;
  totalBytes: number;
  bytesPerSecond: number;
  /** Seconds left at the current speed, when known. */
  secondsLeft?: number;
  /** Why it failed, was interrupted or started over. */
  message?: string;
  result?: UploadResult;
  /** What made it fail, for callers that rethrow it (the exported API). */
  error?: unknown;
}

/** The file and where it goes, without the queue's own fields (for records and new items). */
export function pickFile(file: QueuedFile): QueuedFile {
  return {
    filePath: file.filePath,
    folderId: file.folderId,
    folderName: file.folderName,
    title: file.title,
    description: file.description,
  };
}
