// SecretStorage in memory, shared by the "windows" (cores) of one test, with change events like VS Code's.
import { Emitter, type Disposable } from '../../src/auth/events';
import type { SecretStore } from '../../src/auth/secretStore';
import { observe } from './secretScan';

/** Counts calls, so a test can show that a warm getSession reads nothing; records what it stores for the secret scan. */
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
    if (key.startsWith('panopto.clientSecret')) {
      observe(value);
    } else {
      try {
        const parsed = JSON.parse(value) as Record<string, unknown>;
        observe(parsed.accessToken);
        observe(parsed.refreshToken);
      } catch {
        // not JSON (a test writing a corrupt entry)
      }
    }
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
