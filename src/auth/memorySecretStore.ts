// SecretStorage in memory, for running the auth core outside VS Code (the bench, the tests): change
// events like VS Code's, and counts of every call, so a caller can show that a warm getSession reads
// nothing. Not used by the extension, which passes context.secrets (src/authModule.ts).
import { Emitter, type Disposable } from './events';
import type { SecretStore } from './secretStore';

export class MemorySecretStore implements SecretStore {
  readonly data = new Map<string, string>();
  reads = 0;
  writes = 0;
  deletes = 0;
  private readonly changes = new Emitter<{ key: string }>();

  async get(key: string): Promise<string | undefined> {
    this.reads++;
    return this.data.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.writes++;
    this.data.set(key, value);
    queueMicrotask(() => this.changes.fire({ key }));
  }

  async delete(key: string): Promise<void> {
    this.deletes++;
    if (this.data.delete(key)) {
      queueMicrotask(() => this.changes.fire({ key }));
    }
  }

  onDidChange(listener: (e: { key: string }) => void): Disposable {
    return this.changes.event(listener);
  }
}
