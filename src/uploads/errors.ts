// The uploader's own errors, each saying what the user can do about it.
import * as l10n from '@vscode/l10n';
import type { UploadResult } from '../api';
import { errorMessage } from '../util/errorMessage';

/** Panopto finished with ProcessingError (or failed deleting): carries Panopto's own message. */
export class UploadProcessingError extends Error {
  constructor(readonly result: UploadResult) {
    super(
      result.message
        ? l10n.t('Panopto could not process the upload: {0}', result.message)
        : l10n.t('Panopto could not process the upload (state {0}).', result.state),
    );
    this.name = 'UploadProcessingError';
  }
}

/** The file cannot be uploaded as it is (missing, a folder, empty). Nothing was created on Panopto. */
export class UploadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadInputError';
  }
}

/** The network (or the server) went away mid-upload; the upload is kept on Panopto to resume. */
export class UploadInterruptedError extends Error {
  constructor(cause: unknown) {
    super(l10n.t('The upload was interrupted: {0}', errorMessage(cause)), { cause });
    this.name = 'UploadInterruptedError';
  }
}

/** A resume that could not reach Panopto (as opposed to one Panopto refused). */
export function isOfflineError(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | undefined)?.kind;
  return (
    kind === 'network' || (error instanceof Error && /ECONNREFUSED|ECONNRESET|other side closed|socket|fetch failed/i.test(error.message))
  );
}
