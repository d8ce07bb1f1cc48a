// Doubles for resuming uploads: an in-memory globalState and SecretStorage, and an undici Agent
// that counts part PUTs per part number (to check that a resume sends only what was missing).
import { Agent, type Dispatcher } from 'undici';
import type { KeyValueStore, SecretStore } from '../../src/uploads/resumeStore';

export class MemoryState implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
  /** Everything stored, as text (to look for secrets in it). */
  dump(): string {
    return JSON.stringify([...this.values]);
  }
}

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  get(key: string): Thenable<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Thenable<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}

/** Counts `PUT …?partNumber=N` requests by part number. */
export class PartCountingAgent extends Agent {
  readonly sends = new Map<number, number>();
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const match = options.method === 'PUT' ? /[?&]partNumber=(\d+)/.exec(options.path) : null;
    if (match) {
      const n = Number(match[1]);
      this.sends.set(n, (this.sends.get(n) ?? 0) + 1);
    }
    return super.dispatch(options, handler);
  }
  /** Parts that were sent more than once. */
  sentTwice(): number[] {
    return [...this.sends].filter(([, count]) => count > 1).map(([n]) => n);
  }
}
