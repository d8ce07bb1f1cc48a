// A minimal typed event emitter with VS Code's shape (subscribe returns a disposable), so the core
// can offer events without importing 'vscode'. The adapter forwards them to vscode.EventEmitter.

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (event: T) => void;

export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();

  /** Subscribe; dispose the result to unsubscribe. */
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One failing listener must not keep the others from hearing the event.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
