// One video to Panopto, end to end (docs/panopto.md#upload): create a sessionUpload, stream
// the file to its UploadTarget in parts (src/uploads/partSender.ts), add the UCS manifest, say
// "done" (State 1), then follow processing until a terminal state and fetch the viewer link.
// Any size up to 10,000 parts of 25 MiB (src/uploads/partPlan.ts); a larger file is refused before
// anything is created.
// Cancel (the AbortSignal) at any step, creating, initiating, sending or processing, aborts every
// multipart upload this upload opened and cancels the sessionUpload: nothing half-made is left.
// With `onCheckpoint` (the upload queue), an interruption (network loss) keeps the upload on
// Panopto and rejects with UploadInterruptedError, so it can go on later from `resume`.
import { basename, extname } from 'node:path';
import type { Dispatcher } from 'undici';
import * as l10n from '@vscode/l10n';
import type { UploadProgress, UploadResult } from '../api';
import type { PanoptoClient } from './client';
import { PanoptoError } from './errors';
import { buildManifest, manifestFileNameFor, type ManifestInput } from './manifest';
import { UploadTargetClient, UploadTargetError } from './s3Target';
import { SessionUploadApi, type SessionUpload } from './sessionUpload';
import { isRetryableStatus, withRetry, type RetryPolicy } from '../util/retry';
import { errorMessage } from '../util/errorMessage';
import { registerSecret, type Log } from '../util/log';
import { MIB, clampPartSize, planParts, type PartPlan } from '../uploads/partPlan';
import { sendParts } from '../uploads/partSender';
import { decideResume } from '../uploads/resume';
import type { ResumePoint, UploadCheckpoint } from '../uploads/checkpoint';
import { UploadInputError, UploadInterruptedError, UploadProcessingError } from '../uploads/errors';
import { watchProcessing } from '../uploads/processingWatch';
import { fileIdentity } from '../uploads/fileIdentity';

export { MIB } from '../uploads/partPlan';
export { UploadInputError, UploadInterruptedError, UploadProcessingError } from '../uploads/errors';

export interface UploadRequest {
  filePath: string;
  folderId: string;
  /** Defaults to the file name without its extension. */
  title?: string;
  description?: string;
  date?: Date;
  onProgress?: (progress: UploadProgress) => void;
  /** Told when the upload moves from sending bytes to waiting for Panopto's processing. */
  onPhase?: (phase: 'uploading' | 'processing') => void;
  /** Aborting cancels: whatever step it is in, the upload is removed from Panopto. */
  signal?: AbortSignal;
  /** Go on with this interrupted upload instead of creating a new one. */
  resume?: ResumePoint;
  /** Reported after each step; with it, an interruption keeps the upload for a later resume. */
  onCheckpoint?: (point: ResumePoint) => void;
  /** Something the user should know, e.g. why a resumed upload starts over. */
  onNotice?: (message: string) => void;
}

export interface UploaderOptions {
  client: PanoptoClient;
  log?: Log;
  /** Bytes per part (Panopto: 5 to 25 MB); grown when a file needs more than 10,000 parts. */
  partSizeBytes?: number;
  /** Parts in flight at once. */
  concurrency?: number;
  pollIntervalMs?: number;
  /** Stop waiting for processing after this long; the result is then `processing`. */
  processingTimeoutMs?: number;
  /** Backoff for a failed request to the target. */
  partRetry?: Partial<RetryPolicy>;
  dispatcher?: Dispatcher;
  /** Replaces the UCS manifest builder (tests use it to send a manifest Panopto must reject). */
  buildManifest?: (input: ManifestInput) => string;
}

export const DEFAULT_PART_SIZE = 10 * MIB;
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_PROCESSING_TIMEOUT_MS = 30 * 60_000;
const CLEANUP_TIMEOUT_MS = 15_000;
/** Create and initiate run to their end even when cancelled, so their result can be removed. */
const CREATE_TIMEOUT_MS = 60_000;
const PART_RETRY: Partial<RetryPolicy> = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 10_000 };

/** Where one upload stands while it runs. */
interface Progressing {
  upload: SessionUpload;
  target: UploadTargetClient;
  plan: PartPlan;
  acknowledged: Map<number, string>;
  checkpoint: UploadCheckpoint;
}

export class Uploader {
  private readonly sessionUploads: SessionUploadApi;
  private readonly partSize: number;
  private readonly concurrency: number;

  constructor(private readonly options: UploaderOptions) {
    this.sessionUploads = new SessionUploadApi(options.client);
    this.partSize = clampPartSize(options.partSizeBytes ?? DEFAULT_PART_SIZE);
    this.concurrency = Math.min(16, Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)));
  }

  async upload(req: UploadRequest): Promise<UploadResult> {
    const fileName = basename(req.filePath);
    const file = await fileIdentity(req.filePath);
    const plan = planParts(file.size, this.partSize); // refuses a too large file before any request
    const signal = req.signal;
    if (signal?.aborted) {
      return { uploadId: req.resume?.checkpoint.sessionUploadId ?? '', state: 'cancelled' };
    }
    let state: Progressing | undefined;
    if (req.resume) {
      registerSecret(req.resume.targetUrl);
      const decision = await decideResume(req.resume, file, this.sessionUploads, this.options.dispatcher, fileName, signal);
      if (decision.kind === 'watch') {
        req.onPhase?.('processing');
        return this.follow(decision.upload, req);
      }
      if (decision.kind === 'restart') {
        this.options.log?.info(`Upload ${req.resume.checkpoint.sessionUploadId} of ${fileName} starts over: ${decision.reason}`);
        req.onNotice?.(decision.reason);
        await this.discard(new UploadTargetClient(req.resume.targetUrl, this.options.dispatcher), fileName, req.resume.checkpoint);
      } else {
        this.options.log?.info(
          `Upload ${decision.upload.ID} of ${fileName} resumes: ${decision.acknowledged.size} parts acknowledged (${decision.source})`,
        );
        const checkpoint = {
          ...req.resume.checkpoint,
          parts: [...decision.acknowledged].map(([partNumber, etag]) => ({ partNumber, etag })),
        };
        state = { upload: decision.upload, target: decision.target, plan: decision.plan, acknowledged: decision.acknowledged, checkpoint };
      }
    }
    if (!state) {
      const upload = await this.create(req.folderId, signal);
      if (!upload) {
        return { uploadId: '', state: 'cancelled' };
      }
      const checkpoint: UploadCheckpoint = {
        sessionUploadId: upload.ID,
        openedMultipartIds: [],
        partSize: plan.partSize,
        parts: [],
        mediaComplete: false,
        phase: 'uploading',
        ...file,
      };
      state = {
        upload,
        target: new UploadTargetClient(upload.UploadTarget, this.options.dispatcher),
        plan,
        acknowledged: new Map(),
        checkpoint,
      };
      if (plan.grown) {
        this.options.log?.info(`${fileName} needs parts of ${plan.partSize} bytes to fit in 10,000 parts`);
      }
    }
    registerSecret(state.upload.UploadTarget); // the target URL is the capability to write into this upload
    this.options.log?.info(`Upload ${state.upload.ID}: ${fileName} (${file.size} bytes) to folder ${req.folderId}`);
    const save = () =>
      req.onCheckpoint?.({ checkpoint: { ...state.checkpoint, parts: [...state.checkpoint.parts] }, targetUrl: state.upload.UploadTarget });
    save();
    req.onPhase?.('uploading');
    let finished: SessionUpload;
    try {
      await this.sendMedia(state, req, fileName, file.size, save);
      await this.retrying(signal, 'manifest', () =>
        state.target.putObject(manifestFileNameFor(fileName), this.manifest(req, fileName), signal),
      );
      finished = await this.sessionUploads.finish(state.upload, signal);
    } catch (error) {
      if (signal?.aborted) {
        await this.discard(state.target, fileName, state.checkpoint);
        this.options.log?.info(`Upload ${state.upload.ID} cancelled`);
        return { uploadId: state.upload.ID, state: 'cancelled' };
      }
      if (req.onCheckpoint && isInterruption(error)) {
        this.options.log?.warn(`Upload ${state.upload.ID} interrupted: ${errorMessage(error)}`);
        throw new UploadInterruptedError(error);
      }
      await this.discard(state.target, fileName, state.checkpoint);
      throw error;
    }
    state.checkpoint.phase = 'processing';
    save();
    this.options.log?.info(`Upload ${state.upload.ID}: all bytes sent, waiting for Panopto to process`);
    req.onPhase?.('processing');
    return this.follow(finished, req);
  }

  /** Removes an interrupted upload from Panopto (the user cancelled it while it waited). */
  async discardInterrupted(point: ResumePoint, fileName: string): Promise<void> {
    registerSecret(point.targetUrl);
    await this.discard(new UploadTargetClient(point.targetUrl, this.options.dispatcher), fileName, point.checkpoint);
  }

  /** Creates the sessionUpload. A cancel while it is under way waits for it, then cancels what was made. */
  private async create(folderId: string, signal: AbortSignal | undefined): Promise<SessionUpload | undefined> {
    const upload = await this.sessionUploads.create(folderId, AbortSignal.timeout(CREATE_TIMEOUT_MS));
    if (signal?.aborted) {
      await this.cancelSessionUpload(upload.ID);
      return undefined;
    }
    return upload;
  }

  private async sendMedia(state: Progressing, req: UploadRequest, fileName: string, size: number, save: () => void): Promise<void> {
    const { checkpoint, target } = state;
    if (checkpoint.mediaComplete) {
      req.onProgress?.({ bytesSent: size, totalBytes: size });
      return;
    }
    const signal = req.signal;
    if (!checkpoint.multipartId) {
      // Not under the caller's signal: an initiate cut off by a cancel may still have opened an
      // upload on the target, whose id we then would never learn.
      const multipartId = await this.retrying(signal, 'initiate', () => target.initiate(fileName, AbortSignal.timeout(CREATE_TIMEOUT_MS)));
      checkpoint.multipartId = multipartId;
      checkpoint.openedMultipartIds.push(multipartId);
      save();
      signal?.throwIfAborted();
    }
    const multipartId = checkpoint.multipartId;
    const parts = await sendParts({
      target,
      fileName,
      filePath: req.filePath,
      size,
      multipartId,
      plan: state.plan,
      concurrency: this.concurrency,
      acknowledged: state.acknowledged,
      signal,
      retry: { ...PART_RETRY, ...this.options.partRetry },
      isRetryable: (error) => isRetryableTargetError(error),
      log: this.options.log,
      onProgress: (bytesSent) => req.onProgress?.({ bytesSent, totalBytes: size }),
      onPartDone: (part) => {
        checkpoint.parts.push(part);
        save();
      },
    }).catch((error: unknown) => {
      if (signal?.aborted || error instanceof UploadInputError || error instanceof UploadTargetError || isInterruption(error)) {
        throw error;
      }
      throw new Error(l10n.t('Sending {0} to Panopto failed: {1}', fileName, errorMessage(error)), { cause: error });
    });
    await this.retrying(signal, 'complete', () => target.complete(fileName, multipartId, parts, signal));
    checkpoint.mediaComplete = true;
    checkpoint.multipartId = undefined;
    checkpoint.openedMultipartIds = checkpoint.openedMultipartIds.filter((id) => id !== multipartId);
    save();
  }

  private manifest(req: UploadRequest, fileName: string): Buffer {
    const xml = (this.options.buildManifest ?? buildManifest)({
      title: req.title?.trim() || basename(fileName, extname(fileName)) || fileName,
      description: req.description,
      date: req.date,
      mediaFileName: fileName,
    });
    return Buffer.from(xml, 'utf8');
  }

  /** Follows processing; a cancel while processing cancels the sessionUpload. */
  private async follow(upload: SessionUpload, req: UploadRequest): Promise<UploadResult> {
    const result = await watchProcessing(this.sessionUploads, upload, {
      signal: req.signal,
      pollIntervalMs: this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      processingTimeoutMs: this.options.processingTimeoutMs ?? DEFAULT_PROCESSING_TIMEOUT_MS,
      log: this.options.log,
    });
    if (result === 'cancelled') {
      await this.cancelSessionUpload(upload.ID);
      this.options.log?.info(`Upload ${upload.ID} cancelled while processing`);
      return { uploadId: upload.ID, state: 'cancelled' };
    }
    return result;
  }

  /** One request to the target, retried with backoff on network failures, 429 and 5xx. */
  private retrying<T>(signal: AbortSignal | undefined, what: string, request: () => Promise<T>): Promise<T> {
    return withRetry(request, (error) => ({ retry: !signal?.aborted && isRetryableTargetError(error) }), {
      policy: { ...PART_RETRY, ...this.options.partRetry },
      signal,
      onRetry: (error, delayMs) => this.options.log?.warn(`Upload ${what} failed (${errorMessage(error)}); retrying in ${delayMs} ms`),
    });
  }

  /** Best effort: abort every multipart upload this upload opened and cancel the sessionUpload. */
  private async discard(target: UploadTargetClient, fileName: string, checkpoint: UploadCheckpoint): Promise<void> {
    const ids = new Set([...checkpoint.openedMultipartIds, ...(checkpoint.multipartId ? [checkpoint.multipartId] : [])]);
    await Promise.all(
      [...ids].map((id) =>
        target
          .abort(fileName, id, AbortSignal.timeout(CLEANUP_TIMEOUT_MS))
          .catch((error: unknown) => this.options.log?.warn(`Could not abort a multipart upload of ${fileName}: ${errorMessage(error)}`)),
      ),
    );
    await this.cancelSessionUpload(checkpoint.sessionUploadId);
  }

  private async cancelSessionUpload(id: string): Promise<void> {
    await this.sessionUploads
      .cancel(id, AbortSignal.timeout(CLEANUP_TIMEOUT_MS))
      .catch((error: unknown) => this.options.log?.warn(`Could not cancel upload ${id}: ${errorMessage(error)}`));
  }
}

/** Network failures, 5xx and 429 are worth another try; a 4xx from the target is not. */
function isRetryableTargetError(error: unknown): boolean {
  if (error instanceof UploadTargetError) {
    return isRetryableStatus(error.status);
  }
  return !(error instanceof PanoptoError) && !(error instanceof UploadProcessingError) && !(error instanceof UploadInputError);
}

/** A failure that says nothing about the upload itself: the network, or a server that will be back. */
function isInterruption(error: unknown): boolean {
  if (error instanceof PanoptoError) {
    return error.kind === 'network' || (error.status !== undefined && isRetryableStatus(error.status));
  }
  return isRetryableTargetError(error) && !(error instanceof Error && error.name === 'FileShrankError');
}

/**
 * For callers that want an UploadResult whenever Panopto had the upload (the exported API, the
 * command): a ProcessingError becomes a `failed` result with Panopto's message. Errors before that
 * (not signed in, unreadable file, network) still reject.
 */
export async function uploadToResult(uploader: Uploader, req: UploadRequest): Promise<UploadResult> {
  try {
    return await uploader.upload(req);
  } catch (error) {
    if (error instanceof UploadProcessingError) {
      return error.result;
    }
    throw error;
  }
}
