// Reading SecretStorage when the keyring may fail for a moment (locked, busy, restarting): a read is
// retried, and a failure is reported as such, never as "nothing stored" (tokenStore.ts relies on
// the difference: an absent entry may be unlisted, an unreadable one must not be).
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import type { SecretStore } from './secretStore';

/** Attempts per keyring read before it counts as failed. */
export const READ_ATTEMPTS = 3;

/** A keyring read: the value (undefined = absent), or failed after every attempt. */
export type KeyringRead = { ok: true; value: string | undefined } | { ok: false };

export async function readWithRetry(secrets: SecretStore, key: string, log: Log): Promise<KeyringRead> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: (await secrets.get(key)) ?? undefined };
    } catch (error) {
      if (attempt >= READ_ATTEMPTS) {
        log.error(`Could not read from the secret storage: ${errorMessage(error)}`);
        return { ok: false };
      }
    }
  }
}

/** Every stored key, where the store can list them; none when it cannot (or fails to). */
export async function listKeys(secrets: SecretStore, log: Log): Promise<string[]> {
  if (!secrets.keys) {
    return [];
  }
  try {
    return await secrets.keys();
  } catch (error) {
    log.error(`Could not list the secret storage: ${errorMessage(error)}`);
    return [];
  }
}
