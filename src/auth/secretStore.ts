// The slice of vscode.SecretStorage the auth core uses. The extension passes context.secrets
// (wrapped so that keyring failures are logged, not thrown); tests pass an in-memory store.
import type { Disposable } from './events';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Fires when a key changes, in this window or another one sharing the same storage. */
  onDidChange(listener: (event: { key: string }) => void): Disposable;
}
