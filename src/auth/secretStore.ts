// The slice of vscode.SecretStorage the auth core uses. The extension passes context.secrets
// (wrapped so that keyring failures are logged, not thrown); tests pass an in-memory store.
import type { Disposable } from './events';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key this extension stored, where the store can list them (tokenStore.ts rebuilds a corrupt index with it). */
  keys?(): Promise<string[]>;
  /** Fires when a key changes, in this window or another one sharing the same storage. */
  onDidChange(listener: (event: { key: string }) => void): Disposable;
}
