// Sends the parts of one file that the target does not have yet, `concurrency` at a time.
// Memory stays at `(concurrency + 1) × partSize`: each worker sends exactly the bytes of one
// part-sized buffer while the next part is read ahead into one more (partReader.ts). Parts already
// acknowledged (a resumed upload) are skipped; each newly acknowledged part is reported at once so
// an interruption loses at most the parts that were in flight.
import { open } from 'node:fs/promises';
import type { CompletedPart, UploadTargetClient } from '../panopto/s3Target';
import { withRetry, type RetryPolicy } from '../util/retry';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import { AbortScope } from './abortScope';
import { partRange, type PartPlan } from './partPlan';
import { PartReader } from './partReader';

export { FileShrankError } from './partReader';

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
  let firstFailure: unknown;
  const file = todo.length ? await open(input.filePath, 'r') : undefined;
  const workers = Math.min(input.concurrency, todo.length);
  const reader = file ? new PartReader(file, plan, size, todo, workers) : undefined;
  try {
    const sendPart = async (index: number, data: Buffer) => {
      const partNumber = index + 1;
      const length = data.length;
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
    };
    const worker = async (parts: PartReader) => {
      while (!scope.aborted) {
        const part = await parts.take();
        if (!part) break;
        try {
          await sendPart(part.index, part.data);
        } finally {
          parts.release(part);
        }
      }
    };
    if (reader) {
      await Promise.all(
        Array.from({ length: workers }, () =>
          worker(reader).catch((error: unknown) => {
            firstFailure ??= error;
            scope.abort(error);
          }),
        ),
      );
    }
  } finally {
    scope.dispose();
    await reader?.settle();
    await file?.close();
  }
  input.signal?.throwIfAborted();
  if (firstFailure !== undefined) {
    throw firstFailure instanceof Error ? firstFailure : new Error(errorMessage(firstFailure));
  }
  return completed.sort((a, b) => a.partNumber - b.partNumber);
}
