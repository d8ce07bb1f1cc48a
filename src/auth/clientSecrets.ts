// The API client's secret lives in SecretStorage, keyed by site and client id: a secret stored for
// one site is never sent to another, even if the settings later point somewhere else.
import { registerSecret } from '../util/log';
import type { SecretStore } from './secretStore';

export interface SiteIdentity {
  serverUrl: string;
  clientId: string;
}

export function clientSecretKey(site: SiteIdentity): string {
  return `panopto.clientSecret:${site.serverUrl}|${site.clientId}`;
}

export class ClientSecrets {
  constructor(private readonly secrets: SecretStore) {}

  async get(site: SiteIdentity): Promise<string | undefined> {
    const value = await this.secrets.get(clientSecretKey(site));
    registerSecret(value);
    return value || undefined;
  }

  async set(site: SiteIdentity, secret: string): Promise<void> {
    const value = secret.trim();
    registerSecret(value);
    await this.secrets.store(clientSecretKey(site), value);
  }

  async delete(site: SiteIdentity): Promise<void> {
    await this.secrets.delete(clientSecretKey(site));
  }
}
