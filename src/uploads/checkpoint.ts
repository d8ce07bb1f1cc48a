// What an interrupted upload needs to go on where it stopped. The uploader reports it after every
// step (created, initiated, each acknowledged part, media complete, finished); the resume store
// (src/uploads/resumeStore.ts) keeps it in globalState. The UploadTarget URL is a capability to
// write into the upload, so it is never part of this record: it travels separately to SecretStorage.
import type { CompletedPart } from '../panopto/s3Target';

export interface UploadCheckpoint {
  sessionUploadId: string;
  /** The media's open S3 multipart upload; absent before initiate and after complete. */
  multipartId?: string;
  /** Every multipart upload id this upload ever opened, so a cancel can abort each of them. */
  openedMultipartIds: string[];
  partSize: number;
  /** Parts the target acknowledged, with their ETags. */
  parts: CompletedPart[];
  /** The media file was completed on the target (only the manifest and the finish remain). */
  mediaComplete: boolean;
  /** `processing`: Panopto was told the upload is done; only the outcome remains to be followed. */
  phase: 'uploading' | 'processing';
  /** The file as it was when the upload started: a different size or mtime means it changed. */
  size: number;
  mtimeMs: number;
}

/** A checkpoint and the UploadTarget it belongs to (the secret half). */
export interface ResumePoint {
  checkpoint: UploadCheckpoint;
  targetUrl: string;
}
