// One video to Panopto, end to end (docs/panopto.md#upload-sequence): create a sessionUpload, stream the file
// to its UploadTarget in parts, add the UCS manifest, say "done" (State 1), then watch processing
// until a terminal state and fetch the viewer link.
// Memory stays bounded by `concurrency × partSize` whatever the file size: each worker owns one
// part-sized buffer, reads its part from disk into it and sends exactly those bytes.
// Cancel (the AbortSignal) aborts the open multipart upload and cancels the sessionUpload, so
// nothing half-made is left behind; so does any failure before Panopto was told the upload is done.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Dispatcher } from 'undici';
import * as l10n from '@vscode/l10n';
import type { UploadProgress, UploadResult } from '../api';
import type { PanoptoClient } from './client';
import { PanoptoError } from './errors';
import { buildManifest, manifestFileNameFor, type ManifestInput } from './manifest';
import { UploadTargetClient, UploadTargetError, type CompletedPart } from './s3Target';
import { SessionUploadApi, SessionUploadState, TERMINAL_STATES, type SessionUpload } from './sessionUpload';
import { isRetryableStatus, withRetry, type RetryPolicy } from '../util/retry';
import { sleep } from '../util/sleep';
import { errorMessage } from '../util/errorMessage';
import { registerSecret, type Log } from '../util/log';

export const MIB = 1024 * 1024;

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
  /** Aborting cancels: before the finish it removes everything; while processing it only stops waiting. */
  signal?: AbortSignal;
}

export interface UploaderOptions {
  client: PanoptoClient;
  log?: Log;
  /** Bytes per part (Panopto: 5 to 25 MB). */
  partSizeBytes?: number;
  /** Parts in flight at once. */
  concurrency?: number;
  pollIntervalMs?: number;
  /** Stop waiting for processing after this long; the result is then `processing`. */
  processingTimeoutMs?: number;
  /** Backoff for a failed part. */
  partRetry?: Partial<RetryPolicy>;
  dispatcher?: Dispatcher;
  /** Replaces the UCS manifest builder (tests use it to send a manifest Panopto must reject). */
  buildManifest?: (input: ManifestInput) => string;
}

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

export const DEFAULT_PART_SIZE = 10 * MIB;
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_PROCESSING_TIMEOUT_MS = 30 * 60_000;
const CLEANUP_TIMEOUT_MS = 15_000;
const PART_RETRY: Partial<RetryPolicy> = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 10_000 };

export class Uploader {
  private readonly sessionUploads: SessionUploadApi;
  private readonly partSize: number;
  private readonly concurrency: number;

  constructor(private readonly options: UploaderOptions) {
    this.sessionUploads = new SessionUploadApi(options.client);
    this.partSize = Math.floor(clamp(options.partSizeBytes ?? DEFAULT_PART_SIZE, 5 * MIB, 25 * MIB));
    this.concurrency = clamp(Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY), 1, 16);
  }

  async upload(req: UploadRequest): Promise<UploadResult> {
    const fileName = basename(req.filePath);
    const size = await fileSize(req.filePath);
    const log = this.options.log;
    if (req.signal?.aborted) {
      return { uploadId: '', state: 'cancelled' };
    }
    let upload: SessionUpload;
    try {
      upload = await this.sessionUploads.create(req.folderId, req.signal);
    } catch (error) {
      if (req.signal?.aborted) {
        return { uploadId: '', state: 'cancelled' };
      }
      throw error;
    }
    registerSecret(upload.UploadTarget); // the target URL is the capability to write into this upload
    log?.info(`Upload ${upload.ID}: ${fileName} (${size} bytes) to folder ${req.folderId}`);
    req.onPhase?.('uploading');
    const target = new UploadTargetClient(upload.UploadTarget, this.options.dispatcher);
    const pending: { uploadId?: string } = {};
    let finished: SessionUpload;
    try {
      await this.sendFile(target, req, fileName, size, pending);
      const manifest = (this.options.buildManifest ?? buildManifest)({
        title: req.title?.trim() || basename(fileName, extname(fileName)) || fileName,
        description: req.description,
        date: req.date,
        mediaFileName: fileName,
      });
      const manifestBytes = Buffer.from(manifest, 'utf8');
      await this.retrying(req.signal, 'manifest', () => target.putObject(manifestFileNameFor(fileName), manifestBytes, req.signal));
      finished = await this.sessionUploads.finish(upload, req.signal);
    } catch (error) {
      await this.discard(target, fileName, upload.ID, pending.uploadId);
      if (req.signal?.aborted) {
        log?.info(`Upload ${upload.ID} cancelled`);
        return { uploadId: upload.ID, state: 'cancelled' };
      }
      throw error;
    }
    log?.info(`Upload ${upload.ID}: all bytes sent, waiting for Panopto to process`);
    req.onPhase?.('processing');
    return this.watch(finished, req.signal);
  }

  /** Multipart upload of the media, `concurrency` parts at a time, each retried with backoff. */
  private async sendFile(
    target: UploadTargetClient,
    req: UploadRequest,
    fileName: string,
    size: number,
    pending: { uploadId?: string },
  ): Promise<void> {
    const signal = req.signal;
    const uploadId = await this.retrying(signal, 'initiate', () => target.initiate(fileName, signal));
    pending.uploadId = uploadId;
    const partCount = Math.max(1, Math.ceil(size / this.partSize));
    const completed: CompletedPart[] = [];
    const sentByPart = new Map<number, number>();
    let doneBytes = 0;
    const report = () => {
      let inFlight = 0;
      for (const sent of sentByPart.values()) {
        inFlight += sent;
      }
      req.onProgress?.({ bytesSent: Math.min(size, doneBytes + inFlight), totalBytes: size });
    };
    report();
    let next = 0;
    const file = await open(req.filePath, 'r');
    // A failing worker aborts its siblings so the whole upload fails fast instead of sending the rest.
    const siblings = new AbortController();
    const partSignal = signal ? AbortSignal.any([signal, siblings.signal]) : siblings.signal;
    try {
      const worker = async () => {
        const buffer = Buffer.allocUnsafe(Math.min(this.partSize, Math.max(size, 1)));
        while (next < partCount && !partSignal.aborted) {
          const index = next++;
          const offset = index * this.partSize;
          const length = Math.min(this.partSize, size - offset);
          const data = buffer.subarray(0, length);
          await readFully(file, data, offset);
          const partNumber = index + 1;
          const etag = await withRetry(
            () => {
              sentByPart.set(partNumber, 0);
              return target.uploadPart(fileName, uploadId, partNumber, data, partSignal, (bytes) => {
                sentByPart.set(partNumber, (sentByPart.get(partNumber) ?? 0) + bytes);
                report();
              });
            },
            (error) => ({ retry: !partSignal.aborted && isRetryablePartError(error) }),
            {
              policy: { ...PART_RETRY, ...this.options.partRetry },
              signal: partSignal,
              onRetry: (error, delayMs) => {
                sentByPart.set(partNumber, 0);
                report();
                this.options.log?.warn(`Part ${partNumber} of ${fileName} failed (${describe(error)}); retrying in ${delayMs} ms`);
              },
            },
          );
          sentByPart.delete(partNumber);
          doneBytes += length;
          completed.push({ partNumber, etag });
          report();
        }
      };
      let firstFailure: unknown;
      const workers = Array.from({ length: Math.min(this.concurrency, partCount) }, () =>
        worker().catch((error: unknown) => {
          firstFailure ??= error;
          siblings.abort(error);
        }),
      );
      await Promise.all(workers);
      if (signal?.aborted) {
        throw signal.reason;
      }
      if (firstFailure !== undefined) {
        throw firstFailure instanceof UploadInputError || firstFailure instanceof UploadTargetError
          ? firstFailure
          : new Error(l10n.t('Sending {0} to Panopto failed: {1}', fileName, describe(firstFailure)), { cause: firstFailure });
      }
    } finally {
      await file.close();
    }
    await this.retrying(signal, 'complete', () => target.complete(fileName, uploadId, completed, signal));
    pending.uploadId = undefined;
  }

  /** One request to the target, retried with backoff on network failures, 429 and 5xx. */
  private retrying<T>(signal: AbortSignal | undefined, what: string, request: () => Promise<T>): Promise<T> {
    return withRetry(request, (error) => ({ retry: !signal?.aborted && isRetryablePartError(error) }), {
      policy: { ...PART_RETRY, ...this.options.partRetry },
      signal,
      onRetry: (error, delayMs) => this.options.log?.warn(`Upload ${what} failed (${describe(error)}); retrying in ${delayMs} ms`),
    });
  }

  /** Best effort: abort the open multipart upload and cancel the sessionUpload, whatever failed. */
  private async discard(
    target: UploadTargetClient,
    fileName: string,
    sessionUploadId: string,
    multipartId: string | undefined,
  ): Promise<void> {
    const log = this.options.log;
    if (multipartId) {
      await target
        .abort(fileName, multipartId, AbortSignal.timeout(CLEANUP_TIMEOUT_MS))
        .catch((error: unknown) => log?.warn(`Could not abort the multipart upload of ${fileName}: ${describe(error)}`));
    }
    await this.sessionUploads
      .cancel(sessionUploadId, AbortSignal.timeout(CLEANUP_TIMEOUT_MS))
      .catch((error: unknown) => log?.warn(`Could not cancel upload ${sessionUploadId}: ${describe(error)}`));
  }

  /** Polls until a terminal state or the processing limit; then the viewer link. */
  private async watch(upload: SessionUpload, signal: AbortSignal | undefined): Promise<UploadResult> {
    const interval = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const deadline = Date.now() + (this.options.processingTimeoutMs ?? DEFAULT_PROCESSING_TIMEOUT_MS);
    let current = upload;
    // Quick first looks (a short video is often done in seconds), then every `interval`.
    for (let poll = 0; !TERMINAL_STATES.has(current.State); poll++) {
      if (Date.now() >= deadline || signal?.aborted) {
        // Panopto keeps processing; we only stop waiting.
        return processingResult(current);
      }
      try {
        await sleep(Math.min(interval, 1000 * 2 ** poll), signal);
      } catch {
        return processingResult(current);
      }
      current = await this.sessionUploads.get(upload.ID);
    }
    const base = { uploadId: current.ID, ...(current.SessionId ? { sessionId: current.SessionId } : {}) };
    switch (current.State) {
      case SessionUploadState.Complete: {
        const viewerUrl = current.SessionId ? await this.viewerUrl(current.SessionId) : undefined;
        this.options.log?.info(`Upload ${current.ID} complete: session ${current.SessionId ?? '(none)'}`);
        return { ...base, state: 'complete', ...(viewerUrl ? { viewerUrl } : {}) };
      }
      case SessionUploadState.UploadCancelled:
      case SessionUploadState.Deleted:
        return { ...base, state: 'cancelled', ...(current.Message ? { message: current.Message } : {}) };
      default: {
        const result: UploadResult = { ...base, state: 'failed', ...(current.Message ? { message: current.Message } : {}) };
        this.options.log?.warn(`Upload ${current.ID} failed in state ${current.State}: ${current.Message ?? 'no message'}`);
        throw new UploadProcessingError(result);
      }
    }
  }

  private async viewerUrl(sessionId: string): Promise<string | undefined> {
    try {
      const session = await this.sessionUploads.session(sessionId);
      return session.Urls?.ViewerUrl ?? undefined;
    } catch (error) {
      // The upload did succeed; a missing link is not worth failing it for.
      this.options.log?.warn(`Could not fetch the viewer link of session ${sessionId}: ${describe(error)}`);
      return undefined;
    }
  }
}

function processingResult(current: SessionUpload): UploadResult {
  return { uploadId: current.ID, state: 'processing', ...(current.SessionId ? { sessionId: current.SessionId } : {}) };
}

/** Network failures, 5xx and 429 are worth another try; a 4xx from the target is not. */
function isRetryablePartError(error: unknown): boolean {
  if (error instanceof UploadTargetError) {
    return isRetryableStatus(error.status);
  }
  return !(error instanceof PanoptoError) && !(error instanceof UploadProcessingError);
}

async function fileSize(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UploadInputError(l10n.t('Cannot read {0}: {1}', path, describe(error)));
  }
  if (!info.isFile()) {
    throw new UploadInputError(l10n.t('{0} is not a file.', path));
  }
  if (info.size === 0) {
    throw new UploadInputError(l10n.t('{0} is empty.', path));
  }
  return info.size;
}

async function readFully(file: FileHandle, into: Buffer, position: number): Promise<void> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await file.read(into, filled, into.length - filled, position + filled);
    if (bytesRead === 0) {
      throw new UploadInputError(l10n.t('The file became shorter while it was being uploaded.'));
    }
    filled += bytesRead;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function describe(error: unknown): string {
  return errorMessage(error);
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
