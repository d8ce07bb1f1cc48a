// An ID provider's application key lives in SecretStorage, keyed by site and provider (the part of
// the user key before the backslash): the silent renewal of an application-key session repeats the
// password grant with it, and a key stored for one site is never sent to another.
import { registerSecret } from '../util/log';
import type { SecretStore } from './secretStore';

/** `NetID` for `NetID\John` (lower-cased: Panopto user keys are case-insensitive). */
export function identityProviderOf(userKey: string): string {
  const slash = userKey.indexOf('\\');
  return (slash > 0 ? userKey.slice(0, slash) : userKey).trim().toLowerCase();
}

export function applicationKeyKey(serverUrl: string, userKey: string): string {
  return `panopto.applicationKey:${serverUrl}|${identityProviderOf(userKey)}`;
}

export class ApplicationKeys {
  constructor(private readonly secrets: SecretStore) {}

  async get(serverUrl: string, userKey: string): Promise<string | undefined> {
    const value = await this.secrets.get(applicationKeyKey(serverUrl, userKey));
    registerSecret(value);
    return value || undefined;
  }

  async set(serverUrl: string, userKey: string, applicationKey: string): Promise<void> {
    const value = applicationKey.trim();
    registerSecret(value);
    await this.secrets.store(applicationKeyKey(serverUrl, userKey), value);
  }

  async delete(serverUrl: string, userKey: string): Promise<void> {
    await this.secrets.delete(applicationKeyKey(serverUrl, userKey));
  }
}
