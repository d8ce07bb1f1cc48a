// Bridges VS Code's CancellationToken to the AbortSignal that Node APIs (undici, fs) take.
// Typed structurally so this stays free of 'vscode' and testable in plain Node.

export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

/** An AbortSignal that aborts when any given token is cancelled; `dispose` stops listening. */
export function abortSignalFrom(...tokens: (CancellationLike | undefined)[]): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const subscriptions: { dispose(): unknown }[] = [];
  for (const token of tokens) {
    if (!token) {
      continue;
    }
    if (token.isCancellationRequested) {
      controller.abort();
      break;
    }
    subscriptions.push(token.onCancellationRequested(() => controller.abort()));
  }
  return {
    signal: controller.signal,
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}

/**
 * Why the signal aborted, as an Error: its own reason (an AbortError DOMException unless whoever
 * aborted gave one; this code base only gives Errors), wrapped only when it is something else.
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
