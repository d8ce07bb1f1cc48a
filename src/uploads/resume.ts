// Deciding how an interrupted upload goes on: follow its processing, send only the parts the
// target lacks, or start over (with the reason) when the file changed or Panopto no longer has the
// upload. ListParts is the truth where the target supports it; the local record where it does not.
import * as l10n from '@vscode/l10n';
import { PanoptoError } from '../panopto/errors';
import { UploadTargetClient, UploadTargetError } from '../panopto/s3Target';
import { SessionUploadApi, SessionUploadState, type SessionUpload } from '../panopto/sessionUpload';
import type { Dispatcher } from 'undici';
import type { ResumePoint, UploadCheckpoint } from './checkpoint';
import { partRange, type PartPlan } from './partPlan';

export type ResumeDecision =
  | { kind: 'watch'; upload: SessionUpload }
  | { kind: 'restart'; reason: string }
  | {
      kind: 'continue';
      upload: SessionUpload;
      target: UploadTargetClient;
      plan: PartPlan;
      acknowledged: Map<number, string>;
      /** Where the acknowledged parts came from, for the log. */
      source: 'listParts' | 'record' | 'none';
    };

export interface FileIdentity {
  size: number;
  mtimeMs: number;
}

export async function decideResume(
  point: ResumePoint,
  file: FileIdentity,
  sessionUploads: SessionUploadApi,
  dispatcher: Dispatcher | undefined,
  fileName: string,
  signal?: AbortSignal,
): Promise<ResumeDecision> {
  const record = point.checkpoint;
  let upload: SessionUpload;
  try {
    upload = await sessionUploads.get(record.sessionUploadId, signal);
  } catch (error) {
    if (error instanceof PanoptoError && (error.status === 404 || error.status === 403)) {
      return { kind: 'restart', reason: l10n.t('Panopto no longer has the interrupted upload; it starts again.') };
    }
    throw error; // offline or the like: try again later
  }
  switch (upload.State) {
    case SessionUploadState.UploadComplete:
    case SessionUploadState.Processing:
    case SessionUploadState.Complete:
    case SessionUploadState.ProcessingError:
      return { kind: 'watch', upload };
    case SessionUploadState.UploadCancelled:
      return { kind: 'restart', reason: l10n.t('The interrupted upload was cancelled on Panopto; it starts again.') };
    case SessionUploadState.DeletingFiles:
    case SessionUploadState.Deleted:
    case SessionUploadState.DeletingError:
      return { kind: 'restart', reason: l10n.t('Panopto discarded the unfinished upload (it expired); it starts again.') };
    default:
      break;
  }
  if (file.size !== record.size || Math.trunc(file.mtimeMs) !== Math.trunc(record.mtimeMs)) {
    return { kind: 'restart', reason: l10n.t('The file changed since the upload was interrupted; it starts again.') };
  }
  const target = new UploadTargetClient(point.targetUrl, dispatcher);
  const plan = { partSize: record.partSize, partCount: Math.max(1, Math.ceil(record.size / record.partSize)), grown: false };
  if (!record.multipartId) {
    return { kind: 'continue', upload, target, plan, acknowledged: new Map(), source: 'none' };
  }
  let listed;
  try {
    listed = await target.listParts(fileName, record.multipartId, signal);
  } catch (error) {
    if (error instanceof UploadTargetError && (error.status === 404 || error.code === 'NoSuchUpload')) {
      return { kind: 'restart', reason: l10n.t('The upload target no longer has the interrupted upload; it starts again.') };
    }
    throw error;
  }
  if (listed === undefined) {
    return { kind: 'continue', upload, target, plan, acknowledged: fromRecord(record), source: 'record' };
  }
  // Only parts of the size this plan expects count; anything else is sent again.
  const acknowledged = new Map<number, string>();
  for (const part of listed) {
    const index = part.partNumber - 1;
    if (index >= 0 && index < plan.partCount && part.size === partRange(plan, record.size, index).length) {
      acknowledged.set(part.partNumber, part.etag);
    }
  }
  return { kind: 'continue', upload, target, plan, acknowledged, source: 'listParts' };
}

function fromRecord(record: UploadCheckpoint): Map<number, string> {
  return new Map(record.parts.map((part) => [part.partNumber, part.etag]));
}
