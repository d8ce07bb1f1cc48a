// Following a finished upload until Panopto says how it ended (a terminal State,
// docs/panopto.md#upload-states), then fetching the viewer link. Polls quickly at first (a short video is often done in
// seconds), then every `pollIntervalMs`; every wait and request honours the signal.
import type { UploadResult } from '../api';
import { SessionUploadApi, SessionUploadState, TERMINAL_STATES, type SessionUpload } from '../panopto/sessionUpload';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import { sleep } from '../util/sleep';
import { UploadProcessingError } from './errors';

export interface WatchOptions {
  signal?: AbortSignal;
  pollIntervalMs: number;
  /** Stop waiting after this long; the result is then `processing`. */
  processingTimeoutMs: number;
  log?: Log;
}

/** The outcome, `'cancelled'` when the signal aborted (the caller cancels the upload). */
export async function watchProcessing(
  sessionUploads: SessionUploadApi,
  upload: SessionUpload,
  options: WatchOptions,
): Promise<UploadResult | 'cancelled'> {
  const { signal } = options;
  const deadline = Date.now() + options.processingTimeoutMs;
  let current = upload;
  for (let poll = 0; !TERMINAL_STATES.has(current.State); poll++) {
    if (signal?.aborted) {
      return 'cancelled';
    }
    if (Date.now() >= deadline) {
      return processingResult(current); // Panopto keeps processing; we only stop waiting
    }
    try {
      await sleep(Math.min(options.pollIntervalMs, 1000 * 2 ** poll), signal);
      current = await sessionUploads.get(upload.ID, signal);
    } catch (error) {
      if (signal?.aborted) {
        return 'cancelled';
      }
      throw error;
    }
  }
  const base = { uploadId: current.ID, ...(current.SessionId ? { sessionId: current.SessionId } : {}) };
  switch (current.State) {
    case SessionUploadState.Complete: {
      const viewerUrl = current.SessionId ? await viewerUrlOf(sessionUploads, current.SessionId, options.log) : undefined;
      options.log?.info(`Upload ${current.ID} complete: session ${current.SessionId ?? '(none)'}`);
      return { ...base, state: 'complete', ...(viewerUrl ? { viewerUrl } : {}) };
    }
    case SessionUploadState.UploadCancelled:
    case SessionUploadState.Deleted:
      return { ...base, state: 'cancelled', ...(current.Message ? { message: current.Message } : {}) };
    default: {
      const result: UploadResult = { ...base, state: 'failed', ...(current.Message ? { message: current.Message } : {}) };
      options.log?.warn(`Upload ${current.ID} failed in state ${current.State}: ${current.Message ?? 'no message'}`);
      throw new UploadProcessingError(result);
    }
  }
}

export function processingResult(current: SessionUpload): UploadResult {
  return { uploadId: current.ID, state: 'processing', ...(current.SessionId ? { sessionId: current.SessionId } : {}) };
}

async function viewerUrlOf(sessionUploads: SessionUploadApi, sessionId: string, log: Log | undefined): Promise<string | undefined> {
  try {
    const session = await sessionUploads.session(sessionId);
    return session.Urls?.ViewerUrl ?? undefined;
  } catch (error) {
    // The upload did succeed; a missing link is not worth failing it for.
    log?.warn(`Could not fetch the viewer link of session ${sessionId}: ${errorMessage(error)}`);
    return undefined;
  }
}
