// One file's upload as the user sees it: a cancellable notification with bytes and percentage, then
// "Panopto is processing", then a message with "Open in Panopto". A failure is shown through
// reportError (Sign In when signed out) and returned as a `failed` result, so that one bad file
// never stops the others.
import * as vscode from 'vscode';
import type { UploadResult } from '../api';
import { NotSignedInError } from '../panopto/access';
import { MIB, UploadProcessingError, type UploadRequest } from '../panopto/uploader';
import { abortSignalFrom } from '../util/cancellation';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import { reportError } from './errors';

/** What the notification drives: starts the upload with its cancellation and progress callbacks. */
export type StartUpload = (options: Pick<UploadRequest, 'signal' | 'onProgress' | 'onPhase'>) => Promise<UploadResult>;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * MIB) return `${(bytes / MIB).toFixed(1)} MB`;
  return `${(bytes / 1024 / MIB).toFixed(2)} GB`;
}

/** Resolves to the file's result; never rejects. */
export async function uploadWithProgress(
  name: string,
  folderName: string | undefined,
  start: StartUpload,
  log: Log,
): Promise<UploadResult> {
  const title = folderName ? vscode.l10n.t('Uploading {0} to {1}', name, folderName) : vscode.l10n.t('Uploading {0}', name);
  let result: UploadResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const cancel = abortSignalFrom(token);
        let reportedPercent = 0;
        let lastReport = 0;
        try {
          return await start({
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
    const action = `Upload of ${name}`;
    if (error instanceof UploadProcessingError) {
      reportError(error, log, {
        action,
        message: vscode.l10n.t('Panopto could not process {0}: {1}', name, error.result.message ?? error.message),
      });
      return error.result;
    }
    const message =
      error instanceof NotSignedInError
        ? vscode.l10n.t('Sign in to Panopto to upload {0}.', name)
        : vscode.l10n.t('Upload of {0} failed: {1}', name, errorMessage(error));
    reportError(error, log, { action, message });
    return { uploadId: '', state: 'failed', message: errorMessage(error) };
  }
  announce(name, result);
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
