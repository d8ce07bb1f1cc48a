// SecretStorage in memory, shared by the "windows" (cores) of one test (src/auth/memorySecretStore.ts),
// recording what it stores for the secret scan.
import { MemorySecretStore as CountingSecretStore } from '../../src/auth/memorySecretStore';
import { observe } from './secretScan';

/** Counts calls, so a test can show that a warm getSession reads nothing; records what it stores for the secret scan. */
export class MemorySecretStore extends CountingSecretStore {
  override async store(key: string, value: string): Promise<void> {
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
    return super.store(key, value);
  }
}
