// One OAuthClient per issuer and client id, made on first use: sign-in, renewal and sign-out of a
// session all talk to the site that issued it, with that site's stored client secret.
import type { Log } from '../util/log';
import type { ClientSecrets } from './clientSecrets';
import type { OAuthClient, OAuthClientOptions } from './oauthClient';
import type { Site } from './site';

export interface OAuthClientsOptions {
  log: Log;
  clientSecrets: ClientSecrets;
  fetch?: typeof fetch;
  timeoutSeconds?: number;
  /** `new OAuthClient(site, options)`, given so that oauthClient.ts can load with the first client (AuthCoreOptions.makeOAuthClient). */
  make(site: Site, options: OAuthClientOptions): OAuthClient;
}

export class OAuthClients {
  private readonly clients = new Map<string, OAuthClient>();

  constructor(private readonly options: OAuthClientsOptions) {}

  /** The client of a site; a session passes itself (it keeps serverUrl, clientId and issuer). */
  for(site: Pick<Site, 'serverUrl' | 'clientId' | 'issuer'>): OAuthClient {
    const key = `${site.issuer}|${site.clientId}`;
    let client = this.clients.get(key);
    if (!client) {
      // Only the site's fields: a session passed in also carries its tokens.
      const full: Site = {
        serverUrl: site.serverUrl,
        clientId: site.clientId,
        issuer: site.issuer,
        insecureLoopback: site.serverUrl.startsWith('http:'),
      };
      client = this.options.make(full, {
        log: this.options.log,
        clientSecret: () => this.options.clientSecrets.get(full),
        fetch: this.options.fetch,
        timeoutSeconds: this.options.timeoutSeconds,
      });
      this.clients.set(key, client);
    }
    return client;
  }
}
