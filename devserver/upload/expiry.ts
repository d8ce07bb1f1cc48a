// Unfinished uploads time out (docs/panopto.md#upload-states: "cancelled or timed out" → DeletingFiles 6 →
// Deleted 7; Panopto does not publish the timeout, so it is the switch uploadExpiryMs, 0 = never).
// An upload expires when it is still Uploading (State 0) and its target has seen no request for
// uploadExpiryMs (idle time rather than age, so a long upload that keeps sending is never cut off —
// a guess). Its open multipart uploads and files are dropped at once, so their upload ids answer
// NoSuchUpload; it reads State 6 until processingDelayMs later, then 7.
// Evaluated whenever the upload API is asked anything (sweepExpired), so no timers are needed and
// what a client observes depends only on the clock.
import type { Switches } from '../switches';
import { UploadState, type SessionUploadRecord, type UploadStore } from './store';

export const EXPIRED_MESSAGE = 'The upload was not finished in time and has expired.';

/** Marks a target request starting or ending on this upload. */
export function touch(record: SessionUploadRecord, delta: 1 | -1): void {
  record.inFlight = Math.max(0, record.inFlight + delta);
  record.lastActivityAt = Date.now();
}

export function hasExpired(record: SessionUploadRecord): boolean {
  return record.expiredAt !== undefined;
}

function expire(record: SessionUploadRecord, store: UploadStore, now: number): void {
  record.expiredAt = now;
  record.object.State = UploadState.DeletingFiles;
  record.object.Message = EXPIRED_MESSAGE;
  store.discardTargetFiles(record.targetGuid);
}

/** Brings every upload's expiry up to date with the clock and the switches. */
export function sweepExpired(store: UploadStore, switches: Switches, now = Date.now()): void {
  for (const record of store.sessionUploads.values()) {
    const state = record.object.State;
    if (
      state === UploadState.Uploading &&
      switches.uploadExpiryMs > 0 &&
      record.inFlight === 0 &&
      now - record.lastActivityAt >= switches.uploadExpiryMs
    ) {
      expire(record, store, now);
    }
    if (
      record.object.State === UploadState.DeletingFiles &&
      record.expiredAt !== undefined &&
      now - record.expiredAt >= switches.processingDelayMs
    ) {
      record.object.State = UploadState.Deleted;
      store.releaseTargetFiles(record.targetGuid);
    }
  }
}
