// The requests of the link check (`panopto.checkLinks`, src/authoring/linkCheck.ts): each recording
// asked about once, at most MAX_IN_FLIGHT requests in flight. Gone (404) and forbidden (403)
// recordings come back as problems; other failures count as unchecked and are logged. Each request
// only asks whether the recording is there (SessionService.recordingState, where a 404 is an answer
// rather than an error: most links of a large check are gone). MAX_IN_FLIGHT workers take the next
// recording in turn, each with one child of the caller's signal (AbortScope) for all its requests:
// the caller's signal gets one listener, not one per request (Node warns past 10), and a check of
// 1,000 recordings makes 8 AbortControllers rather than 1,000 (a listener on a new signal costs
// several microseconds, about what a request costs the client otherwise; bench figure 7). Free of
// `vscode`, so the bench (bench/figures/authoring.ts) measures it in plain Node.
import { AbortScope } from '../uploads/abortScope';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import type { RecordingSource } from './recordings';

export const MAX_IN_FLIGHT = 8;
export type LinkProblem = 'gone' | 'forbidden';

export interface RecordingCheck {
  /** Recording id → what is wrong with it; recordings that answered are not in it. */
  problems: Map<string, LinkProblem>;
  /** Recordings that could not be checked (network, server errors). */
  unchecked: number;
}

export interface RecordingCheckOptions {
  signal: AbortSignal;
  log: Log;
  /** Whether an error means the user cancelled (such an error is not "unchecked"). */
  isCancellation: (error: unknown) => boolean;
  /** After each recording, with how many are done. */
  onChecked?: (done: number) => void;
}

export async function checkRecordings(
  ids: readonly string[],
  source: RecordingSource,
  options: RecordingCheckOptions,
): Promise<RecordingCheck> {
  const { signal } = options;
  const result: RecordingCheck = { problems: new Map(), unchecked: 0 };
  const scope = new AbortScope(signal);
  let next = 0;
  let done = 0;
  const check = async (id: string, child: AbortSignal) => {
    try {
      const state = await source.recordingState(id, child);
      if (state !== 'found') result.problems.set(id, state);
    } catch (error) {
      if (!signal.aborted && !options.isCancellation(error)) {
        result.unchecked++;
        options.log.warn(`Link check: recording ${id} could not be checked: ${errorMessage(error)}`);
      }
    }
    done++;
    options.onChecked?.(done);
  };
  const worker = async () => {
    const child = scope.child();
    try {
      while (next < ids.length && !signal.aborted) await check(ids[next++], child.signal);
    } finally {
      child.done();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, ids.length) }, worker));
  } finally {
    scope.dispose();
  }
  return result;
}
