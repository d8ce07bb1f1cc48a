// Sends the parts of one file that the target does not have yet, `concurrency` at a time.
// Memory stays at `concurrency × partSize`: each worker owns one part-sized buffer, reads its part
// from disk into it and sends exactly those bytes. Parts already acknowledged (a resumed upload)
// are skipped; each newly acknowledged part is reported at once so an interruption loses at most
// the parts that were in flight.
import { open, type FileHandle } from 'node:fs/promises';
import * as l10n from '@vscode/l10n';
import type { CompletedPart, UploadTargetClient } from '../panopto/s3Target';
import { withRetry, type RetryPolicy } from '../util/retry';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import { AbortScope } from './abortScope';
import { partRange, type PartPlan } from './partPlan';

export interface SendPartsInput {
  target: UploadTargetClient;
  fileName: string;
  filePath: string;
  size: number;
  multipartId: string;
  plan: PartPlan;
  concurrency: number;
  /** Part number → ETag of parts the target already holds. */
  acknowledged: ReadonlyMap<number, string>;
  signal?: AbortSignal;
  retry: Partial<RetryPolicy>;
  isRetryable: (error: unknown) => boolean;
  log?: Log;
  onProgress?: (bytesSent: number) => void;
  onPartDone?: (part: CompletedPart) => void;
}

/** The file changed size under us while it was being read. */
export class FileShrankError extends Error {
  constructor() {
    super(l10n.t('The file became shorter while it was being uploaded.'));
    this.name = 'FileShrankError';
  }
}

/** Every part of the file, acknowledged before or sent now, in part-number order. */
export async function sendParts(input: SendPartsInput): Promise<CompletedPart[]> {
  const { plan, size } = input;
  const completed: CompletedPart[] = [];
  const todo: number[] = [];
  let doneBytes = 0;
  for (let index = 0; index < plan.partCount; index++) {
    const etag = input.acknowledged.get(index + 1);
    if (etag) {
      completed.push({ partNumber: index + 1, etag });
      doneBytes += partRange(plan, size, index).length;
    } else {
      todo.push(index);
    }
  }
  const sentByPart = new Map<number, number>();
  const report = () => {
    let inFlight = 0;
    for (const sent of sentByPart.values()) inFlight += sent;
    input.onProgress?.(Math.min(size, doneBytes + inFlight));
  };
  report();
  // A failing worker aborts its siblings so the whole file fails fast instead of sending the rest.
  const scope = new AbortScope(input.signal);
  let next = 0;
  let firstFailure: unknown;
  const file = todo.length ? await open(input.filePath, 'r') : undefined;
  try {
    const worker = async (handle: FileHandle) => {
      const buffer = Buffer.allocUnsafe(Math.min(plan.partSize, Math.max(size, 1)));
      while (next < todo.length && !scope.aborted) {
        const index = todo[next++];
        const partNumber = index + 1;
        const { offset, length } = partRange(plan, size, index);
        const data = buffer.subarray(0, length);
        await readFully(handle, data, offset);
        const etag = await scope.run((signal) =>
          withRetry(
            () => {
              sentByPart.set(partNumber, 0);
              return input.target.uploadPart(input.fileName, input.multipartId, partNumber, data, signal, (bytes) => {
                sentByPart.set(partNumber, (sentByPart.get(partNumber) ?? 0) + bytes);
                report();
              });
            },
            (error) => ({ retry: !signal.aborted && input.isRetryable(error) }),
            {
              policy: input.retry,
              signal,
              onRetry: (error, delayMs) => {
                sentByPart.set(partNumber, 0);
                report();
                input.log?.warn(`Part ${partNumber} of ${input.fileName} failed (${errorMessage(error)}); retrying in ${delayMs} ms`);
              },
            },
          ),
        );
        sentByPart.delete(partNumber);
        doneBytes += length;
        const part = { partNumber, etag };
        completed.push(part);
        input.onPartDone?.(part);
        report();
      }
    };
    if (file) {
      await Promise.all(
        Array.from({ length: Math.min(input.concurrency, todo.length) }, () =>
          worker(file).catch((error: unknown) => {
            firstFailure ??= error;
            scope.abort(error);
          }),
        ),
      );
    }
  } finally {
    scope.dispose();
    await file?.close();
  }
  input.signal?.throwIfAborted();
  if (firstFailure !== undefined) {
    throw firstFailure instanceof Error ? firstFailure : new Error(errorMessage(firstFailure));
  }
  return completed.sort((a, b) => a.partNumber - b.partNumber);
}

async function readFully(file: FileHandle, into: Buffer, position: number): Promise<void> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await file.read(into, filled, into.length - filled, position + filled);
    if (bytesRead === 0) {
      throw new FileShrankError();
    }
    filled += bytesRead;
  }
}
