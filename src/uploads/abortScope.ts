// One listener per parent signal, however many requests run under it. Every part request used to
// take the upload's shared AbortSignal directly, so each request, and each backoff wait, added an
// 'abort' listener to that one signal: at concurrency 8 Node warned (MaxListenersExceededWarning),
// and anything that forgot to remove its listener grew with the part count. Here each request gets
// its own short-lived child signal; the scope holds one listener on its parent and aborts the live
// children from it. A finished child is forgotten, and whatever listeners it collected go with it.
import { abortReason } from '../util/cancellation';

export interface ChildSignal {
  readonly signal: AbortSignal;
  /** The request is over: stop tracking this child. */
  done(): void;
}

export class AbortScope {
  private readonly own = new AbortController();
  private readonly children = new Set<AbortController>();
  private readonly onParentAbort = () => this.abort(this.parent ? abortReason(this.parent) : undefined);

  constructor(private readonly parent?: AbortSignal) {
    if (parent?.aborted) {
      this.own.abort(parent.reason);
    } else {
      parent?.addEventListener('abort', this.onParentAbort, { once: true });
    }
  }

  get signal(): AbortSignal {
    return this.own.signal;
  }

  get aborted(): boolean {
    return this.own.signal.aborted;
  }

  /** A signal for one request (or one wait) that aborts with the scope. */
  child(): ChildSignal {
    const controller = new AbortController();
    if (this.own.signal.aborted) {
      controller.abort(this.own.signal.reason);
      return { signal: controller.signal, done: () => undefined };
    }
    this.children.add(controller);
    return { signal: controller.signal, done: () => this.children.delete(controller) };
  }

  /** Runs `run` with a child signal that is released when it settles. */
  async run<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const child = this.child();
    try {
      return await run(child.signal);
    } finally {
      child.done();
    }
  }

  abort(reason?: unknown): void {
    if (this.own.signal.aborted) {
      return;
    }
    this.own.abort(reason);
    for (const child of this.children) {
      child.abort(reason);
    }
    this.children.clear();
    this.dispose();
  }

  /** Removes the one listener on the parent. */
  dispose(): void {
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }

  /** Live children (for tests: stays at most the number of requests in flight). */
  get liveChildren(): number {
    return this.children.size;
  }
}
